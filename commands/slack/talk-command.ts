/** `/talk <subcommand> [words] [--zh|--en|--both]`: parsed by the shared text parser, answered via respond(). */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../src/core/parse.js';
import { PUBLIC_SUBCOMMANDS } from '../../src/core/vocabulary.js';
import type { SlackDeps } from './deps.js';
import { answer, decodeSlackText } from './respond.js';

export function talkCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Slack: acknowledge within 3 seconds; the answer follows through response_url.
    await ack();
    const user = `slack:${command.team_id}:${command.user_id}`;
    await answer(deps, respond, user, 'both', async () => {
      const parsed = parseCommand(decodeSlackText(command.text));
      if (!parsed.ok) return { view: deps.talk.invalid(parsed.lang, parsed.message), wantsPublic: false };
      return {
        view: deps.talk.handle(parsed.request),
        wantsPublic: PUBLIC_SUBCOMMANDS.has(parsed.request.sub),
      };
    });
  };
}
