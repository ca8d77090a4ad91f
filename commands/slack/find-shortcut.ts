/**
 * "Find in the talk", Slack's message shortcut (a message's ⋯ menu): searches the message's words with the
 * core's search and answers only the person who used it, with an ephemeral message in that conversation
 * (`chat.postEphemeral`) or, where the bot cannot post there (it is not a member, or it is a DM between
 * people), a direct message that says why it came there. Nothing in the message can ping anyone: only its
 * words are repeated, escaped.
 */
import type { App, MessageShortcut, webApi } from '@slack/bolt';
import { internalError, newErrorId, outcomeOf, restarting } from '../../src/core/errors.js';
import { findInMessage } from '../../src/core/find.js';
import type { View } from '../../src/core/views.js';
import { FIND_COMMAND, type Lang } from '../../src/core/vocabulary.js';
import { ui } from '../../src/render/common.js';
import { renderSlack } from '../../src/render/slack.js';
import { note } from '../../src/render/slack-blocks.js';
import { SLACK_BUTTON_VALUE_MAX } from '../../src/render/slack-limits.js';
import type { SlackDeps } from './deps.js';
import { langOf } from './publish-home.js';
import { decodeSlackText } from './respond.js';

/** Slack errors that mean the bot cannot post (even ephemerally) in that conversation. */
const CANNOT_POST_THERE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
]);

/** Slack's markup that is not words: links become their label (or nothing); the search drops mentions. */
export function slackPlainText(text: string): string {
  return decodeSlackText(
    text.replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, '$1').replace(/<(?:https?|mailto):[^>]*>/g, ' '),
  );
}

export function registerFindShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: FIND_COMMAND.callbackId, type: 'message_action' },
    async ({ ack, shortcut, client }) => {
      // Slack: acknowledge within 3 seconds; the answer follows through the Web API.
      await ack();
      await deps.inflight.track(answerShortcut(deps, client, shortcut));
    },
  );
}

async function answerShortcut(deps: SlackDeps, client: webApi.WebClient, shortcut: MessageShortcut) {
  const started = performance.now();
  const user = shortcut.user.id;
  let lang: Lang = 'both';
  let view: View;
  try {
    lang = await langOf(deps, user);
    const message = shortcut.message;
    view = !deps.inflight.open
      ? restarting(lang)
      : findInMessage(deps.talk, lang, {
          text: slackPlainText(message.text ?? ''),
          attachments: (message.files?.length ?? 0) + (message.attachments?.length ?? 0),
          embeds: 0,
        });
    await deliver(client, user, shortcut.channel.id, await deps.queryKeys.fit(view, SLACK_BUTTON_VALUE_MAX));
  } catch (error) {
    const errorId = newErrorId();
    deps.log.error('slack find in the talk failed', { errorId, error });
    view = internalError(lang, errorId);
    await client.chat
      .postMessage({ channel: user, ...renderSlack(view, { ephemeral: true }) })
      .catch((sendError: unknown) =>
        deps.log.warn('could not report an error to the user', { errorId, error: sendError }),
      );
  }
  deps.telemetry?.command({
    platform: 'slack',
    subcommand: 'find',
    outcome: outcomeOf(view),
    ms: performance.now() - started,
  });
}

/** Ephemeral in the conversation; a direct message where the bot cannot post there. */
async function deliver(client: webApi.WebClient, user: string, channel: string, view: View): Promise<void> {
  const message = renderSlack(view, { ephemeral: true });
  try {
    await client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (!code || !CANNOT_POST_THERE.has(code)) throw error;
    // A channel id is letters and digits; anything else is not made into a link.
    const where = /^[A-Z0-9]+$/.test(channel) ? `<#${channel}>` : '';
    const why = ui(view.lang, {
      en: `I can't post in ${where || 'that conversation'}, so here is what you asked for, privately.`,
      zh: `我无法在${where ? ` ${where} ` : '那个会话中'}发言,所以私下把结果发给你。`,
    });
    // Slack: posting to a user id delivers to the app's direct-message conversation with them.
    await client.chat.postMessage({
      channel: user,
      text: message.text,
      blocks: [note(why), ...message.blocks],
    });
  }
}
