/**
 * The first reply in a daily post's Slack thread: the passages the takeaway was written from, in the
 * speaker's own words (the Chinese original, verbatim), each labelled as such with his byline and its #id.
 * The channel post above stays short; the takeaway itself is this project's writing and says so there.
 */
import type { TakeawayView } from '../core/views.js';
import { LABELS, originalByline, sectionTitle, ui } from './common.js';
import {
  escapeMrkdwn,
  header,
  md,
  note,
  quoted,
  type SlackBlock,
  type SlackMessage,
  truncateMarkup,
} from './slack-blocks.js';
import { SLACK_BLOCKS_MAX, SLACK_FALLBACK_TEXT_MAX } from './slack-limits.js';

export function renderSlackOriginals(view: TakeawayView): SlackMessage {
  const l = view.lang;
  const u = (t: { en: string; zh: string }) => escapeMrkdwn(ui(l, t));
  const passages = view.daily?.originals ?? [];
  const blocks: SlackBlock[] = [header(ui(l, LABELS.originalsTitle))];
  for (const p of passages) {
    blocks.push(
      md(`*${u(LABELS.original[p.kind])}* · \`#${p.id}\`\n${quoted(p.zh)}`),
      note(
        escapeMrkdwn(originalByline(p, l)),
        `${u(LABELS.section)}: ${escapeMrkdwn(sectionTitle(p.section, l))}`,
      ),
    );
  }
  blocks.push(
    note(`${u(LABELS.sources)}: ${passages.map((p) => `\`#${p.id}\``).join(' ')} · ${u(LABELS.sourcesNote)}`),
  );
  const text = passages
    .map((p) => `${ui(l, LABELS.original[p.kind])} #${p.id}: ${p.zh} ${originalByline(p, l)}`)
    .join('\n');
  return {
    text: truncateMarkup(escapeMrkdwn(text), SLACK_FALLBACK_TEXT_MAX),
    blocks: blocks.slice(0, SLACK_BLOCKS_MAX),
  };
}
