/**
 * `/talk <subcommand> [words] [--zh|--en|--both]`: parsed by the shared text parser, answered via respond().
 * The user's remembered language (`/talk lang`) is the default; a flag on the command still wins.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../src/core/parse.js';
import { PUBLIC_SUBCOMMANDS } from '../../src/core/vocabulary.js';
import { SLACK_SEARCH_PAGE_MAX } from '../../src/render/slack-limits.js';
import { slackDailyContext } from './daily.js';
import type { SlackDeps } from './deps.js';
import { answer, decodeSlackText } from './respond.js';

export function talkCommand(deps: SlackDeps) {
  return async ({
    command,
    ack,
    respond,
    client,
  }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Slack: acknowledge within 3 seconds; the answer follows through response_url.
    await ack();
    const remembered = await deps.prefs?.remembered('slack', command.user_id);
    const parsed = parseCommand(decodeSlackText(command.text), remembered ?? 'both');
    const name = parsed.ok
      ? parsed.request.sub === 'daily'
        ? `daily ${parsed.request.action}`
        : parsed.request.sub
      : 'invalid';
    const asked = {
      user: `slack:${command.team_id}:${command.user_id}`,
      lang: parsed.ok ? parsed.request.lang : parsed.lang,
      name,
      card: { client, channel: command.channel_id },
    };
    await answer(deps, respond, asked, async () => {
      if (!parsed.ok) return { view: deps.talk.invalid(parsed.lang, parsed.message), wantsPublic: false };
      const request =
        parsed.request.sub === 'search'
          ? {
              ...parsed.request,
              limit: Math.min(parsed.request.limit ?? 5, SLACK_SEARCH_PAGE_MAX[parsed.request.lang]),
            }
          : parsed.request;
      if (request.sub === 'lang')
        return {
          view: deps.prefs
            ? await deps.prefs.handle(request, 'slack', command.user_id, 'both')
            : deps.talk.handle(request),
          wantsPublic: false,
        };
      if (request.sub !== 'daily')
        return { view: deps.talk.handle(request), wantsPublic: PUBLIC_SUBCOMMANDS.has(request.sub) };
      if (!deps.daily) return { view: deps.talk.handle(request), wantsPublic: false };
      const ids = { team: command.team_id, user: command.user_id, channel: command.channel_id };
      return {
        view: await deps.daily.handle(request, await slackDailyContext(client, ids, deps.dailyAdmins)),
        wantsPublic: false,
      };
    });
  };
}
