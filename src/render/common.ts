/** What every renderer shares: which language to show, labels, and safe truncation. */
import type { Bilingual, PassageKind } from '../content/schema.js';
import type { Action } from '../core/actions.js';
import type { HelpView, PassageView, SectionRef } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';

/** The language of the interface text: Chinese for `zh`, English otherwise. */
export function ui(lang: Lang, text: Bilingual): string {
  return lang === 'zh' ? text.zh : text.en;
}

export const showZh = (lang: Lang) => lang !== 'en';
export const showEn = (lang: Lang) => lang !== 'zh';

/** Labels that tell the speaker's verbatim words apart from our translations and summaries. */
export const LABELS = {
  original: {
    speaker: { en: "原文 · the speaker's words, verbatim", zh: '原文 · 演讲者原话' },
    highlight: {
      en: "原文 · the publication's highlight (划重点), not the speaker's words",
      zh: '原文 · 媒体划重点,非演讲者原话',
    },
    introduction: {
      en: "原文 · the journalist's introduction, not the speaker's words",
      zh: '原文 · 记者导语,非演讲者原话',
    },
  } satisfies Record<PassageKind, Bilingual>,
  translation: { en: 'English translation by this project', zh: '英文译文 · 本项目翻译' },
  sources: { en: 'Sources', zh: '出处' },
  sourcesNote: {
    en: "each #id is a passage of the speaker's own words; `quote --id <id>` shows it",
    zh: '每个 #编号 都是演讲者原话的段落,用 `quote --id <编号>` 查看',
  },
  section: { en: 'Section', zh: '章节' },
  ourName: { en: 'named by this project', zh: '本项目命名' },
  bestMatch: { en: 'Best match for', zh: '最匹配' },
  context: { en: 'In context', zh: '上下文' },
  searchTitle: { en: 'Search', zh: '搜索' },
  page: { en: 'Page', zh: '第' },
  results: { en: 'results', zh: '条结果' },
  notCovered: {
    en: "The talk doesn't cover that.",
    zh: '这场演讲没有谈到这个内容。',
  },
  closestTopics: { en: 'Closest topics it does cover', zh: '相近的话题' },
  tryTopics: { en: 'Try `summary <topic>` with one of these.', zh: '可以试试 `summary <话题>`。' },
  topicsTitle: { en: 'Topics of the talk', zh: '演讲话题' },
  takeawayTitle: { en: 'Takeaway of the day', zh: '今日要点' },
  helpTitle: { en: 'How to use /talk', zh: '/talk 使用说明' },
  unknownCommand: { en: 'is not a /talk command.', zh: '不是 /talk 的子命令。' },
  didYouMean: { en: 'Did you mean', zh: '你是不是想用' },
  usage: { en: 'Usage', zh: '用法' },
  seeHelp: { en: '`/talk help` lists every command.', zh: '`/talk help` 列出所有命令。' },
  langHint: {
    en: 'Add `--zh`, `--en` or `--both` to choose the language.',
    zh: '加上 `--zh`、`--en` 或 `--both` 选择语言。',
  },
  errorId: { en: 'Error id', zh: '错误编号' },
  delayed: { en: 'Delayed: this was due', zh: '延迟发布:原定于' },
  dailyTitle: { en: 'Daily takeaway', zh: '每日要点' },
  previewOf: { en: 'Preview, only for you: this is what will be posted in', zh: '仅你可见的预览:将发布到' },
} as const;

export const BUTTON_LABELS: Record<Action['label'], (target: Lang) => Bilingual> = {
  another: () => ({ en: 'Another', zh: '换一条' }),
  context: () => ({ en: 'Context', zh: '上下文' }),
  'switch-lang': (target) =>
    target === 'zh' ? { en: '中文', zh: '中文' } : { en: 'English', zh: 'English' },
  previous: () => ({ en: 'Previous', zh: '上一页' }),
  next: () => ({ en: 'Next', zh: '下一页' }),
  share: () => ({ en: 'Share', zh: '分享' }),
  'post-now': () => ({ en: 'Post now', zh: '立即发布' }),
};

/** A short answer to an unknown subcommand: what was typed, the closest command and its usage. */
export function unknownCommandLines(
  view: HelpView,
  lang: Lang,
  code: (s: string) => string,
  escapeUser: (s: string) => string = (s) => s,
): string[] {
  const guess = view.didYouMean ? view.commands.find((c) => c.name === view.didYouMean) : undefined;
  return [
    `“${escapeUser(view.unknown ?? '')}” ${ui(lang, LABELS.unknownCommand)}${guess ? ` ${ui(lang, LABELS.didYouMean)} ${code(`/talk ${guess.name}`)}?` : ''}`,
    ...(guess ? [`${ui(lang, LABELS.usage)}: ${code(`/talk ${guess.usage}`)}`] : []),
    ui(lang, LABELS.seeHelp),
  ];
}

/** The line above a daily post shown as a preview: where and when it will be posted. */
export function previewLine(
  view: { daily?: { preview?: { channel: string; at: string; lang: Lang } } },
  link: (id: string) => string,
): string | undefined {
  const p = view.daily?.preview;
  if (!p) return undefined;
  // In the asker's language; the post below it is in the schedule's.
  return p.lang === 'zh'
    ? `${LABELS.previewOf.zh} ${link(p.channel)}(${p.at})`
    : `${LABELS.previewOf.en} ${link(p.channel)} at ${p.at}`;
}

/** A section's title; one this project named (not a heading of the article) says so. */
export function sectionTitle(section: SectionRef, lang: Lang): string {
  const title = ui(lang, section);
  return section.origin === 'project' ? `${title} (${ui(lang, LABELS.ourName)})` : title;
}

/**
 * The byline under a passage. When our English translation is shown, the byline says so, so that our words
 * never sit above a bare speaker byline.
 */
export function byline(passage: PassageView, lang: Lang): string {
  const who = ui(lang, passage.attribution);
  return showEn(lang) ? `— ${who} · ${ui(lang, LABELS.translation)}` : `— ${who}`;
}

const OPENING_MARKS = /^[“"「『]/;
const CLOSING_MARKS = /[”"」』]$/;

/** Wraps text in quotation marks unless it already carries its own (never 「“…”」). */
export function inQuotes(text: string, open: string, close: string): string {
  const t = text.trim();
  return OPENING_MARKS.test(t) && CLOSING_MARKS.test(t) ? t : `${open}${t}${close}`;
}

/** Cuts text to at most `max` UTF-16 units without splitting a character, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Actions to show: the Share button only makes sense on an answer only its asker can see. */
export function visibleActions(actions: Action[], ephemeral: boolean): Action[] {
  return actions.filter((a) => !a.publish || ephemeral);
}

export { channelRef, linkChannels } from '../core/markup.js';
