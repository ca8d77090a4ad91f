/**
 * Renders views as Slack Block Kit messages with a plain-text fallback, within Slack's limits. Every piece
 * of text is mrkdwn-escaped (`&`, `<`, `>`), so nothing a user typed can become a mention or a link.
 */
import { encodeAction } from '../core/actions.js';
import type { PassageView, View } from '../core/views.js';
import {
  BUTTON_LABELS,
  byline,
  describeLang,
  LABELS,
  linkChannels,
  previewLine,
  sectionTitle,
  showEn,
  showZh,
  truncate,
  ui,
  unknownCommandLines,
  visibleActions,
} from './common.js';
import { type DailyFormat, describeChange, describeStatus } from './daily.js';
import {
  escapeMrkdwn,
  header,
  md,
  note,
  quoted,
  type SlackBlock,
  type SlackMessage,
  sources,
  truncateMarkup,
} from './slack-blocks.js';
import {
  SLACK_ACTIONS_ELEMENTS_MAX,
  SLACK_BLOCKS_MAX,
  SLACK_BUTTON_TEXT_MAX,
  SLACK_BUTTON_VALUE_MAX,
  SLACK_FALLBACK_TEXT_MAX,
} from './slack-limits.js';
import { renderText } from './text.js';

export { escapeMrkdwn, type SlackBlock, type SlackMessage, truncateMarkup };

/** Slack: a message whose blocks hold more text than this may be refused (msg_blocks_too_long). */
export const SLACK_BLOCK_TEXT_TOTAL_MAX = 12_000;

/** Slack's date token shows a moment in each reader's own time zone. */
const SLACK_DAILY: DailyFormat = {
  channel: (id) => `<#${id}>`,
  // The group's id, not `<!subteam^…>`: an answer must never ping anyone (the Home tab shows the name).
  mention: (id) => `\`${id}\``,
  viewerTime: (ms) =>
    `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString()}>`,
  escape: escapeMrkdwn,
};

function passageBlocks(p: PassageView, lang: View['lang']): SlackBlock[] {
  const u = (t: { en: string; zh: string }) => escapeMrkdwn(ui(lang, t));
  const blocks: SlackBlock[] = [];
  if (showZh(lang)) blocks.push(md(`*${u(LABELS.original[p.kind])}*\n${quoted(p.zh)}`));
  if (showEn(lang)) blocks.push(md(`*${u(LABELS.translation)}*\n${quoted(p.en)}`));
  blocks.push(
    note(
      escapeMrkdwn(byline(p, lang)),
      `${u(LABELS.section)}: ${escapeMrkdwn(sectionTitle(p.section, lang))} · \`#${p.id}\``,
    ),
  );
  return blocks;
}

function blocksFor(view: View): SlackBlock[] {
  const l = view.lang;
  const u = (t: { en: string; zh: string }) => escapeMrkdwn(ui(l, t));
  switch (view.kind) {
    case 'quote':
      return [
        ...(view.query ? [note(`${u(LABELS.bestMatch)}: ${escapeMrkdwn(truncate(view.query, 300))}`)] : []),
        ...passageBlocks(view.passage, l),
      ];
    case 'context': {
      const focus = view.passages.find((p) => p.id === view.focusId) ?? view.passages[0]!;
      return [
        ...view.passages.map((p) =>
          md(
            [
              `${p.id === view.focusId ? '▶ ' : ''}*#${p.id}*`,
              p.kind === 'speaker' ? '' : `_${u(LABELS.original[p.kind])}_`,
              showZh(l) ? quoted(p.zh) : '',
              showEn(l) ? `_${escapeMrkdwn(p.en)}_` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ),
        ),
        note(
          escapeMrkdwn(byline(focus, l)),
          `${u(LABELS.context)} · ${escapeMrkdwn(sectionTitle(focus.section, l))}`,
        ),
      ];
    }
    case 'summary':
      return [
        header(ui(l, view.topic.title)),
        note(`_${u(view.credit)}_`),
        ...view.points.map((pt) => {
          const lines = [showEn(l) ? escapeMrkdwn(pt.text.en) : escapeMrkdwn(pt.text.zh)];
          if (l === 'both') lines.push(escapeMrkdwn(pt.text.zh));
          return md(`• ${lines.join('\n   ')} ${sources(pt.sources)}`);
        }),
        note(`${u(LABELS.sources)}: ${u(LABELS.sourcesNote)} · topic \`${view.topic.id}\``),
      ];
    case 'search':
      return [
        md(
          `*${u(LABELS.searchTitle)}:* ${escapeMrkdwn(truncate(view.query, 500))}\n${view.total} ${u(LABELS.results)} · ${u(LABELS.page)} ${view.page}/${view.pageCount}`,
        ),
        ...view.results.map((r) =>
          md(
            [
              `*${r.rank}.* \`#${r.passage.id}\` · ${escapeMrkdwn(sectionTitle(r.passage.section, l))}`,
              r.passage.kind === 'speaker' ? '' : `_${u(LABELS.original[r.passage.kind])}_`,
              showZh(l) ? quoted(r.passage.zh) : '',
              showEn(l) ? `_${escapeMrkdwn(r.passage.en)}_` : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ),
        ),
      ];
    case 'found':
      return [
        md(`*${u(LABELS.foundTitle)}*\n${u(LABELS.foundFor)}: ${escapeMrkdwn(truncate(view.query, 300))}`),
        ...(view.cut ? [note(u(LABELS.foundCut))] : []),
        ...view.results.flatMap((r) => [
          md(`*${r.rank}.* \`#${r.passage.id}\` · ${escapeMrkdwn(sectionTitle(r.passage.section, l))}`),
          ...passageBlocks(r.passage, l),
        ]),
      ];
    case 'card':
      // Shown as words where the image cannot go (the adapter uploads the image when it can).
      return blocksFor(view.of);
    case 'not-covered':
      return [
        md(`${u(LABELS.notCovered)} (“${escapeMrkdwn(truncate(view.query, 300))}”)`),
        ...(view.cut ? [note(u(LABELS.foundCut))] : []),
        ...(view.suggestions.length > 0
          ? [
              md(
                `${u(LABELS.closestTopics)}: ${view.suggestions.map((t) => `*${u(t.title)}* (\`${t.id}\`)`).join(', ')}\n${u(LABELS.tryTopics)}`,
              ),
            ]
          : []),
      ];
    case 'topics':
      return [
        header(ui(l, LABELS.topicsTitle)),
        md(
          view.topics
            .map((t) => `\`${t.id}\` *${u(t.title)}* — ${escapeMrkdwn(t.aliases.join(', '))}`)
            .join('\n'),
        ),
      ];
    case 'takeaway':
      return [
        ...(view.daily?.preview ? [note(`_${previewLine(view, (id) => `<#${id}>`)}_`)] : []),
        header(`${ui(l, view.daily ? LABELS.dailyTitle : LABELS.takeawayTitle)} · ${view.date}`),
        md(
          [
            showEn(l) ? `*${escapeMrkdwn(view.text.en)}*` : '',
            showZh(l) ? `*${escapeMrkdwn(view.text.zh)}*` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        ),
        note(`_${u(view.credit)}_ · ${u(LABELS.sources)} ${sources(view.sources)}`),
        ...(view.daily?.delayedFrom
          ? [note(`${u(LABELS.delayed)} ${escapeMrkdwn(view.daily.delayedFrom)}`)]
          : []),
        ...(view.daily?.originals ? [note(u(LABELS.inThread))] : []),
      ];
    case 'daily-status': {
      // The mrkdwn here is ours (channel links, date tokens); outside text inside it is escaped by SLACK_DAILY.
      const { title, lines } = describeStatus(view, SLACK_DAILY);
      return [md(`*${ui(l, title)}*`), ...lines.map((line) => md(`• ${ui(l, line)}`))];
    }
    case 'daily-changed':
      return [md(ui(l, describeChange(view, SLACK_DAILY)))];
    case 'lang':
      return [md(u(describeLang(view)))];
    case 'about':
      return [
        header(`${view.title.zh} · ${view.title.en}`),
        md(
          `*${escapeMrkdwn(`${view.speaker.zh} ${view.speaker.en}`)}*, ${u(view.speaker.role)}\n${u(view.venue)} · ${view.date}`,
        ),
        md(u(view.credits)),
        note(
          `${view.counts.passages} passages · ${view.counts.topics} topics · ${view.counts.takeaways} takeaways`,
        ),
      ];
    case 'help':
      if (view.unknown !== undefined)
        return [
          md(
            unknownCommandLines(
              view,
              l,
              (c) => `\`${escapeMrkdwn(c)}\``,
              (t) => escapeMrkdwn(truncate(t, 100)),
            ).join('\n'),
          ),
        ];
      return [
        md(
          `*${u(LABELS.helpTitle)}*\n${view.commands.map((c) => `\`/talk ${escapeMrkdwn(c.usage)}\` — ${u(c.description)}`).join('\n')}`,
        ),
        note(u(LABELS.langHint)),
      ];
    case 'error':
      return [
        // Escaped first, then our own `{#id}` references become channel links.
        md(linkChannels(u(view.message), (id) => `<#${id}>`)),
        ...(view.suggestions.length > 0
          ? [
              md(
                `${u(LABELS.didYouMean)}: ${view.suggestions.map((t) => `\`${t.id}\` (${u(t.title)})`).join(', ')}`,
              ),
            ]
          : []),
        ...(view.errorId ? [note(`${u(LABELS.errorId)}: \`${view.errorId}\``)] : []),
      ];
  }
}

function blockText(block: SlackBlock): number {
  switch (block.type) {
    case 'section':
    case 'header':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    default:
      return 0;
  }
}

/** Keeps the blocks' total text within what Slack accepts, saying so when blocks had to be left out. */
function fitTotal(blocks: SlackBlock[], lang: View['lang']): SlackBlock[] {
  const out: SlackBlock[] = [];
  let total = 0;
  for (const [i, block] of blocks.entries()) {
    const size = blockText(block);
    if (total + size > SLACK_BLOCK_TEXT_TOTAL_MAX - 200) {
      const left = blocks.length - i;
      out.push(
        note(
          lang === 'zh'
            ? `_消息过长,省略了 ${left} 段;可用更小的 \`--limit\` 或翻页查看。_`
            : `_${left} more ${left === 1 ? 'part' : 'parts'} left out to fit Slack's message size; use a smaller \`--limit\` or page with Next._`,
        ),
      );
      break;
    }
    out.push(block);
    total += size;
  }
  return out;
}

export function renderSlack(view: View, options: { ephemeral: boolean }): SlackMessage {
  const blocks = blocksFor(view);
  const buttons = visibleActions(view.actions, options.ephemeral)
    .map((action) => ({ action, value: encodeAction(action) }))
    .filter(({ value }) => value.length <= SLACK_BUTTON_VALUE_MAX)
    .slice(0, SLACK_ACTIONS_ELEMENTS_MAX)
    .map(({ action, value }) => ({
      type: 'button' as const,
      text: {
        type: 'plain_text' as const,
        text: truncate(
          ui(action.request.lang, BUTTON_LABELS[action.label](action.request.lang)),
          SLACK_BUTTON_TEXT_MAX,
        ),
      },
      // Slack: action_ids must be unique within a message; the label plus the request is.
      action_id: `talk:${action.label}`,
      value,
      ...(action.publish ? { style: 'primary' as const } : {}),
    }));
  const content = fitTotal(blocks.slice(0, SLACK_BLOCKS_MAX - (buttons.length > 0 ? 2 : 1)), view.lang);
  if (buttons.length > 0) content.push({ type: 'actions', elements: buttons });
  return { text: truncateMarkup(escapeMrkdwn(renderText(view)), SLACK_FALLBACK_TEXT_MAX), blocks: content };
}
