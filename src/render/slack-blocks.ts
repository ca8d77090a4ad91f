/** Block Kit pieces every Slack surface shares (messages, the Home tab, modals), with mrkdwn escaping. */
import { truncate } from './common.js';
import { SLACK_HEADER_TEXT_MAX, SLACK_SECTION_TEXT_MAX } from './slack-limits.js';

export type Text = { type: 'mrkdwn'; text: string } | { type: 'plain_text'; text: string; emoji?: boolean };
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string } }
  | { type: 'section'; text: Text }
  | { type: 'context'; elements: Text[] }
  | { type: 'divider' }
  | {
      type: 'actions';
      elements: {
        type: 'button';
        text: { type: 'plain_text'; text: string };
        action_id: string;
        value: string;
        style?: 'primary';
      }[];
    };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack: `&`, `<` and `>` are control characters in mrkdwn; escape them (in that order). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts mrkdwn to at most `max` characters, never inside an entity (`&amp;`) or one of our `<…>` tokens: a
 * cut there would leave a raw `&` or an unclosed link. The cut is marked with "…".
 */
export function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Back off to the start of an entity or token the cut would split.
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && !text.slice(amp, cut).includes(';') && /^&(amp|lt|gt);/.test(text.slice(amp, amp + 5)))
    cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && !text.slice(open, cut).includes('>')) cut = open;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

export const md = (text: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncateMarkup(text, SLACK_SECTION_TEXT_MAX) },
});
export const note = (...texts: string[]): SlackBlock => ({
  type: 'context',
  elements: texts.map((t) => ({ type: 'mrkdwn', text: truncateMarkup(t, SLACK_SECTION_TEXT_MAX) })),
});
export const header = (text: string): SlackBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, SLACK_HEADER_TEXT_MAX) },
});
export const quoted = (text: string) =>
  escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
export const sources = (refs: { id: string }[]) => refs.map((r) => `\`#${r.id}\``).join(' ');
