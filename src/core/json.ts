/**
 * Machine-readable answers, for `--json`. The contract, for every result object:
 * - `kind`: `speaker`, `highlight` or `introduction` for the article's own words; `takeaway` or `summary` for
 *   what this project wrote from the talk;
 * - `verbatim`: true only for text copied word for word from the source;
 * - `text`: reserved for the source's own words, verbatim. What this project wrote (translations, summary
 *   points, takeaways) is in other fields (`translation`, `en`, `zh`), always with `by: "this project"`.
 */
import type { Bilingual } from '../content/schema.js';
import type { PassageView, SourceRef, View } from './views.js';

const BY_US = 'this project';

/** Words from the source: the speaker's, or the article's highlights and introduction. */
export interface WordsJson {
  kind: PassageView['kind'];
  verbatim: true;
  id: string;
  /** The original Chinese, verbatim. */
  text: string;
  /** Whose words `text` is. */
  author: string;
  quoting?: string;
  /** For the article's rendering of the speaker's words: the id of his own words. */
  renders?: string;
  translation: { en: string; by: typeof BY_US };
  section: { title: string; namedBy: 'the article' | typeof BY_US };
  score?: number;
}

/** Text this project wrote from the talk, with the passages it rests on. */
export interface WrittenJson {
  kind: 'takeaway' | 'summary';
  verbatim: false;
  by: typeof BY_US;
  en: string;
  zh: string;
  sources: string[];
}

const AUTHOR = {
  speaker: 'Yang Zhilin (杨植麟)',
  highlight: 'Tencent Tech (腾讯科技), highlights (划重点)',
  introduction: 'Guo Xiaojing (郭晓静), journalist, Tencent Tech (腾讯科技), introduction',
} as const;

const both = (b: Bilingual) => `${b.en} · ${b.zh}`;

export function wordsJson(p: PassageView, score?: number): WordsJson {
  return {
    kind: p.kind,
    verbatim: true,
    id: p.id,
    text: p.zh,
    author: AUTHOR[p.kind],
    ...(p.quoting ? { quoting: both(p.quoting) } : {}),
    ...(p.renders ? { renders: p.renders } : {}),
    translation: { en: p.en, by: BY_US },
    section: { title: both(p.section), namedBy: p.section.origin === 'article' ? 'the article' : BY_US },
    ...(score === undefined ? {} : { score }),
  };
}

export function writtenJson(kind: WrittenJson['kind'], text: Bilingual, sources: SourceRef[]): WrittenJson {
  return { kind, verbatim: false, by: BY_US, en: text.en, zh: text.zh, sources: sources.map((s) => s.id) };
}

/** The one-line search result format: `{"query": "...", "results": [...]}`. */
export function searchJson(view: View, query: string): { query: string; results: WordsJson[] } {
  if (view.kind !== 'search') return { query, results: [] };
  return { query: view.query, results: view.results.map((r) => wordsJson(r.passage, r.score)) };
}

export function viewJson(view: View): unknown {
  switch (view.kind) {
    case 'quote':
      return { ...wordsJson(view.passage), ...(view.query ? { query: view.query } : {}) };
    case 'context':
      return { focus: view.focusId, passages: view.passages.map((p) => wordsJson(p)) };
    case 'search':
      return searchJson(view, view.query);
    case 'summary':
      return {
        topic: { id: view.topic.id, title: view.topic.title },
        credit: view.credit,
        points: view.points.map((pt) => writtenJson('summary', pt.text, pt.sources)),
      };
    case 'takeaway':
      return {
        ...writtenJson('takeaway', view.text, view.sources),
        id: view.id,
        date: view.date,
        credit: view.credit,
      };
    case 'card':
      // The quote or takeaway itself, whose words it holds said as everywhere; the CLI adds the file written.
      return viewJson(view.of);
    case 'found':
      return {
        query: view.query,
        cut: view.cut,
        results: view.results.map((r) => wordsJson(r.passage, r.score)),
      };
    case 'not-covered':
      return { query: view.query, results: [], notCovered: true, suggestions: view.suggestions };
    case 'help':
      if (view.unknown !== undefined) {
        const guess = view.commands.find((c) => c.name === view.didYouMean);
        return {
          error: {
            code: 'unknown-command',
            message: {
              en: `“${view.unknown}” is not a /talk command.`,
              zh: `“${view.unknown}”不是 /talk 的子命令。`,
            },
          },
          ...(guess ? { didYouMean: guess.name, usage: `/talk ${guess.usage}` } : {}),
        };
      }
      return { commands: view.commands };
    case 'error':
      return {
        error: { code: view.code, message: view.message, ...(view.errorId ? { id: view.errorId } : {}) },
        suggestions: view.suggestions,
      };
    default: {
      const { actions: _actions, lang: _lang, ...rest } = view;
      return rest;
    }
  }
}
