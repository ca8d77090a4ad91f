/** Buttons on our messages: Another, Context, 中文 / English, Previous / Next, Share, Card, Post now. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeAction } from '../../src/core/actions.js';
import { expiredButton } from '../../src/core/errors.js';
import { slackDailyContext } from './daily.js';
import type { SlackDeps } from './deps.js';
import { answer } from './respond.js';

export function talkButton(deps: SlackDeps) {
  return async ({
    action,
    body,
    ack,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const decoded = decodeAction(action.value ?? '');
    const request = decoded && (await deps.queryKeys.restore(decoded.request));
    const asked = {
      user: `slack:${body.team?.id ?? ''}:${body.user.id}`,
      lang: request?.lang ?? 'both',
      name: `button:${decoded?.label ?? 'unknown'}`,
      // Paging replaces the results message in place.
      replace: request?.sub === 'search' && !decoded?.publish,
      card: { client, channel: body.channel?.id ?? body.container?.channel_id ?? '' },
    };
    await answer(deps, respond, asked, async () => {
      if (!decoded || !request) return { view: expiredButton('both'), wantsPublic: false };
      if (request.sub !== 'daily')
        return { view: deps.talk.handle(request), wantsPublic: decoded.publish === true };
      if (!deps.daily) return { view: deps.talk.handle(request), wantsPublic: false };
      const ids = { team: body.team?.id ?? '', user: body.user.id, channel: body.channel?.id ?? '' };
      return {
        view: await deps.daily.handle(request, await slackDailyContext(client, ids, deps.dailyAdmins)),
        wantsPublic: false,
      };
    });
  };
}
