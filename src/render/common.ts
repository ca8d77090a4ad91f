/** What every renderer shares: which language to show, labels, and safe truncation. */
import type { Bilingual, PassageKind } from '../content/schema.js';
import type { Action } from '../core/actions.js';
import type { HelpView, LangView, PassageView, SectionRef } from '../core/views.js';
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
  inThread: {
    en: "The speaker's own words behind it are in the thread.",
    zh: '讨论串里附有演讲者原话。',
  },
  foundTitle: { en: 'Found in the talk', zh: '演讲中的相关内容' },
  foundFor: { en: 'For the message', zh: '针对的消息' },
  // The search reads the first QUERY_MAX_CHARS (src/search/index.ts) of a query.
  foundCut: {
    en: 'The message is long: I looked for its first 2,000 characters.',
    zh: '消息较长:只查找了它的前 2,000 个字符。',
  },
  cardElsewhere: {
    en: 'The image card is posted on Discord and Slack; here, `npm run talk -- card … --out card.png` writes it.',
    zh: '图片卡片会在 Discord 和 Slack 上发布;在这里,`npm run talk -- card … --out card.png` 可以生成它。',
  },
  originalsTitle: {
    en: "Where this takeaway comes from: the speaker's words, verbatim",
    zh: '这条要点的出处:演讲者原话',
  },
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
  card: () => ({ en: 'Card', zh: '卡片' }),
};

const LANG_NAMES: Record<Lang, Bilingual> = {
  both: { en: 'the Chinese original with English', zh: '中文原文加英文' },
  zh: { en: 'Chinese only', zh: '中文' },
  en: { en: 'English only', zh: '英文' },
};

/** The answer to `/talk lang`, in the language it is about. */
export function describeLang(view: LangView): Bilingual {
  const name = view.remembered ? LANG_NAMES[view.remembered] : undefined;
  const oneOff = {
    en: '`--zh`, `--en` or `--both` (on Discord the `lang` option) still chooses for a single command.',
    zh: '`--zh`、`--en` 或 `--both`(Discord 上为 `lang` 选项)仍可为单个命令另选语言。',
  };
  if (view.change === 'reset' || !name)
    return {
      en: `${view.change === 'reset' ? 'I forgot your language. ' : "You haven't chosen a language. "}Answers follow the default again (your Discord language, otherwise Chinese with English). \`/talk lang zh|en|both\` chooses one.`,
      zh: `${view.change === 'reset' ? '已忘记你的语言选择。' : '你还没有选择语言。'}回答将使用默认语言(Discord 的界面语言,否则为中文加英文)。用 \`/talk lang zh|en|both\` 选择。`,
    };
  const head =
    view.change === 'set'
      ? { en: `From now on I answer you in ${name.en}.`, zh: `从现在起,我用${name.zh}回答你。` }
      : { en: `I answer you in ${name.en} (your choice).`, zh: `我用${name.zh}回答你(你的选择)。` };
  return {
    en: `${head.en} ${oneOff.en} \`/talk lang reset\` forgets it.`,
    zh: `${head.zh}${oneOff.zh}\`/talk lang reset\` 可忘记此选择。`,
  };
}

/** The Chinese original under a daily post, verbatim, with whose words they are (no translation beside it). */
export function originalByline(passage: PassageView, lang: Lang): string {
  return `— ${ui(lang, passage.attribution)}`;
}

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

/**
 * Actions to show: the Share button only makes sense on an answer only its asker can see. Card posts too,
 * but a picture of a public answer is worth having, so it stays.
 */
export function visibleActions(actions: Action[], ephemeral: boolean): Action[] {
  return actions.filter((a) => a.label !== 'share' || ephemeral);
}

export { channelRef, linkChannels } from '../core/markup.js';
