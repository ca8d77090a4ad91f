/** Plain-text rendering for the terminal and the local console. */
import type { View } from '../core/views.js';
import {
  byline,
  describeLang,
  inQuotes,
  LABELS,
  linkChannels,
  previewLine,
  sectionTitle,
  showEn,
  showZh,
  ui,
  unknownCommandLines,
} from './common.js';
import { type DailyFormat, describeChange, describeStatus } from './daily.js';

/** Channels by id (`#C0123`), or by the name someone typed (`#ai-news`). */
const TEXT_DAILY: DailyFormat = {
  channel: (id) => (id.startsWith('#') ? id : `#${id}`),
  mention: (id) => `@${id}`,
  // Plain text: nothing to escape.
  escape: (text) => text,
};

export function renderText(view: View): string {
  const l = view.lang;
  const u = (t: { en: string; zh: string }) => ui(l, t);
  const lines: string[] = [];
  const passage = (p: Extract<View, { kind: 'quote' }>['passage'], marker = '') => {
    if (showZh(l)) lines.push(`${marker}${inQuotes(p.zh, '「', '」')}`, `    ${u(LABELS.original[p.kind])}`);
    if (showEn(l)) lines.push(`${marker}${inQuotes(p.en, '"', '"')}`, `    ${u(LABELS.translation)}`);
    lines.push(`  ${byline(p, l)}`, `  ${u(LABELS.section)}: ${sectionTitle(p.section, l)} · #${p.id}`);
  };
  const sources = (refs: { id: string }[]) => `[${refs.map((r) => `#${r.id}`).join(', ')}]`;

  switch (view.kind) {
    case 'quote':
      if (view.query) lines.push(`${u(LABELS.bestMatch)}: ${view.query}`, '');
      passage(view.passage);
      break;
    case 'context':
      for (const p of view.passages) {
        passage(p, p.id === view.focusId ? '▶ ' : '  ');
        lines.push('');
      }
      break;
    case 'summary':
      lines.push(`${u(view.topic.title)}  (${view.topic.id})`, u(view.credit), '');
      for (const point of view.points) {
        if (showEn(l)) lines.push(`• ${point.text.en} ${sources(point.sources)}`);
        if (showZh(l))
          lines.push(
            `${showEn(l) ? '  ' : '• '}${point.text.zh}${showEn(l) ? '' : ` ${sources(point.sources)}`}`,
          );
      }
      lines.push('', `${u(LABELS.sources)}: ${u(LABELS.sourcesNote)}`);
      break;
    case 'search':
      lines.push(
        `${u(LABELS.searchTitle)}: ${view.query} · ${view.total} ${u(LABELS.results)} · ${u(LABELS.page)} ${view.page}/${view.pageCount}`,
        '',
      );
      for (const r of view.results) {
        lines.push(
          `${r.rank}. #${r.passage.id} (${r.score.toFixed(2)}) · ${sectionTitle(r.passage.section, l)}`,
        );
        if (showZh(l)) lines.push(`   ${inQuotes(r.passage.zh, '「', '」')}`);
        if (showEn(l)) lines.push(`   ${inQuotes(r.passage.en, '"', '"')}`);
        if (r.passage.kind !== 'speaker') lines.push(`   (${u(LABELS.original[r.passage.kind])})`);
      }
      break;
    case 'found':
      lines.push(`${u(LABELS.foundTitle)}: ${view.query}`, ...(view.cut ? [u(LABELS.foundCut)] : []), '');
      for (const r of view.results) {
        lines.push(`${r.rank}. #${r.passage.id} (${r.score.toFixed(2)})`);
        passage(r.passage);
      }
      break;
    case 'card':
      lines.push(renderText(view.of), '', u(LABELS.cardElsewhere));
      break;
    case 'not-covered':
      lines.push(`${u(LABELS.notCovered)} (“${view.query}”)`, ...(view.cut ? [u(LABELS.foundCut)] : []));
      if (view.suggestions.length > 0) {
        lines.push(
          `${u(LABELS.closestTopics)}: ${view.suggestions.map((t) => `${t.id} (${u(t.title)})`).join(', ')}`,
          u(LABELS.tryTopics),
        );
      }
      break;
    case 'topics':
      lines.push(u(LABELS.topicsTitle), '');
      for (const t of view.topics) lines.push(`${t.id.padEnd(18)} ${u(t.title)}  — ${t.aliases.join(', ')}`);
      break;
    case 'takeaway':
      if (view.daily?.preview) lines.push(previewLine(view, (id) => `#${id}`)!, '');
      lines.push(`${u(view.daily ? LABELS.dailyTitle : LABELS.takeawayTitle)} · ${view.date}`, '');
      if (showEn(l)) lines.push(view.text.en);
      if (showZh(l)) lines.push(view.text.zh);
      lines.push(`    ${u(view.credit)} · ${u(LABELS.sources)} ${sources(view.sources)}`);
      if (view.daily?.delayedFrom) lines.push(`  ${u(LABELS.delayed)} ${view.daily.delayedFrom}`);
      break;
    case 'daily-status': {
      const { title, lines: rows } = describeStatus(view, TEXT_DAILY);
      lines.push(u(title), ...rows.map((r) => `  ${u(r)}`));
      break;
    }
    case 'daily-changed':
      lines.push(u(describeChange(view, TEXT_DAILY)));
      break;
    case 'lang':
      lines.push(u(describeLang(view)));
      break;
    case 'about':
      lines.push(
        `${view.title.zh} / ${view.title.en}`,
        `${view.speaker.zh} (${view.speaker.en}), ${u(view.speaker.role)}`,
        `${u(view.venue)} · ${view.date}`,
        '',
        u(view.credits),
        `${view.counts.passages} passages · ${view.counts.topics} topics · ${view.counts.takeaways} takeaways`,
      );
      break;
    case 'help':
      if (view.unknown !== undefined) {
        lines.push(...unknownCommandLines(view, l, (c) => `\`${c}\``));
        break;
      }
      lines.push(u(LABELS.helpTitle), '');
      {
        const width = Math.max(...view.commands.map((c) => c.usage.length));
        for (const c of view.commands) lines.push(`  /talk ${c.usage.padEnd(width)}  ${u(c.description)}`);
      }
      lines.push('', u(LABELS.langHint));
      break;
    case 'error':
      lines.push(linkChannels(u(view.message), (id) => `#${id}`));
      if (view.suggestions.length > 0)
        lines.push(
          `${u(LABELS.didYouMean)}: ${view.suggestions.map((t) => `${t.id} (${u(t.title)})`).join(', ')}`,
        );
      if (view.errorId) lines.push(`${u(LABELS.errorId)}: ${view.errorId}`);
      break;
  }
  return lines.join('\n');
}
