/**
 * The views that describe the bot and the talk rather than its words: about and help.
 */
import type { Content } from '../content/load.js';
import { editDistance } from '../search/edit-distance.js';
import { normalize } from '../search/tokens.js';
import { DAILY_ACTIONS } from './daily-vocabulary.js';
import type { AboutView, HelpView } from './views.js';
import { type Lang, SUBCOMMANDS, type SubcommandName, USAGE } from './vocabulary.js';

export function aboutView(content: Content, lang: Lang): AboutView {
  const { meta } = content;
  const { name, journalist, editor, note } = meta.publication;
  return {
    kind: 'about',
    lang,
    title: meta.title,
    speaker: meta.speaker,
    venue: meta.venue,
    date: meta.date,
    publication: name,
    credits: {
      en: `Transcript: ${name.en} (${name.zh}), journalist ${journalist.en} (${journalist.zh}), editor ${editor.en} (${editor.zh}). ${note.en} Translations and summaries are written by this project.`,
      zh: `实录来源:${name.zh},作者${journalist.zh},编辑${editor.zh}。${note.zh}英文翻译和总结由本项目撰写。`,
    },
    counts: {
      passages: content.passages.length,
      topics: content.topics.length,
      takeaways: content.takeaways.length,
    },
    actions: [],
  };
}

/** Every command and daily action; for an unknown word, the command it most likely meant. */
export function helpView(lang: Lang, unknown?: string): HelpView {
  const view: HelpView = {
    kind: 'help',
    lang,
    commands: [
      ...SUBCOMMANDS.map((s) => ({ name: s.name, usage: USAGE[s.name], description: s.description })),
      ...DAILY_ACTIONS.map((a) => ({ name: `daily ${a.name}`, usage: a.usage, description: a.description })),
    ],
    actions: [],
  };
  if (unknown !== undefined && unknown !== 'daily') {
    view.unknown = unknown;
    const guess = closestSubcommand(unknown);
    if (guess) view.didYouMean = guess;
  }
  return view;
}

export function closestSubcommand(input: string): SubcommandName | undefined {
  const word = normalize(input).trim().split(/\s+/)[0] ?? '';
  let best: { name: SubcommandName; d: number } | undefined;
  for (const { name } of SUBCOMMANDS) {
    const budget = Math.max(1, Math.floor(name.length / 3));
    const d = editDistance(word, name, budget);
    if (d <= budget && (!best || d < best.d)) best = { name, d };
  }
  if (best) return best.name;
  return SUBCOMMANDS.find((s) => word.length >= 2 && s.name.startsWith(word))?.name;
}
