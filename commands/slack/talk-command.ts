/** `/talk <subcommand> [words] [--zh|--en|--both]`: parsed by the shared text parser, answered via respond(). */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../src/core/parse.js';
import { PUBLIC_SUBCOMMANDS } from '../../src/core/vocabulary.js';
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
    const user = `slack:${command.team_id}:${command.user_id}`;
    await answer(deps, respond, user, 'both', async () => {
      const parsed = parseCommand(decodeSlackText(command.text));
      if (!parsed.ok) return { view: deps.talk.invalid(parsed.lang, parsed.message), wantsPublic: false };
      if (parsed.request.sub === 'daily') {
        if (!deps.daily) return { view: deps.talk.handle(parsed.request), wantsPublic: false };
        const ctx = await slackDailyContext(
          client,
          { team: command.team_id, user: command.user_id, channel: command.channel_id },
          deps.dailyAdmins,
        );
        return { view: await deps.daily.handle(parsed.request, ctx), wantsPublic: false };
      }
      return {
        view: deps.talk.handle(parsed.request),
        wantsPublic: PUBLIC_SUBCOMMANDS.has(parsed.request.sub),
      };
    });
  };
}
