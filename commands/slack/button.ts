/** Buttons on our messages: Another, Context, 中文 / English, Previous / Next, Share. */
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
    const user = `slack:${body.team?.id ?? ''}:${body.user.id}`;
    const decoded = decodeAction(action.value ?? '');
    if (decoded?.request.sub === 'search' && !decoded.publish) {
      // Paging replaces the results message in place.
      await answer(
        deps,
        respond,
        user,
        decoded.request.lang,
        async () => ({ view: deps.talk.handle(decoded.request), wantsPublic: false }),
        {
          replace: true,
        },
      );
      return;
    }
    await answer(deps, respond, user, decoded?.request.lang ?? 'both', async () => {
      if (!decoded) return { view: expiredButton('both'), wantsPublic: false };
      if (decoded.request.sub === 'daily') {
        if (!deps.daily) return { view: deps.talk.handle(decoded.request), wantsPublic: false };
        const ids = { team: body.team?.id ?? '', user: body.user.id, channel: body.channel?.id ?? '' };
        return {
          view: await deps.daily.handle(
            decoded.request,
            await slackDailyContext(client, ids, deps.dailyAdmins),
          ),
          wantsPublic: false,
        };
      }
      return { view: deps.talk.handle(decoded.request), wantsPublic: decoded.publish === true };
    });
  };
}
