/** Machine-readable forms of answers, for `--json`. */
import type { PassageView, View } from './views.js';

export interface PassageJson {
  id: string;
  /** The original Chinese, verbatim. */
  text: string;
  /** This project's English translation. */
  translation: string;
  section: string;
  /** Whose words these are. */
  speaker: string;
  score?: number;
}

const WHO = {
  speaker: 'Yang Zhilin (杨植麟)',
  highlight: "Tencent Tech editor's highlight (腾讯科技编辑摘要)",
  introduction: "Tencent Tech journalist's introduction (腾讯科技记者导语)",
} as const;

export function passageJson(p: PassageView, score?: number): PassageJson {
  const speaker = p.quoting ? `${WHO.speaker}, quoting ${p.quoting.en} (${p.quoting.zh})` : WHO[p.kind];
  return {
    id: p.id,
    text: p.zh,
    translation: p.en,
    section: `${p.section.en} · ${p.section.zh}`,
    speaker,
    ...(score === undefined ? {} : { score }),
  };
}

/** The one-line search result format: `{"query": "...", "results": [...]}`. */
export function searchJson(view: View, query: string): { query: string; results: PassageJson[] } {
  if (view.kind !== 'search') return { query, results: [] };
  return { query: view.query, results: view.results.map((r) => passageJson(r.passage, r.score)) };
}

export function viewJson(view: View): unknown {
  switch (view.kind) {
    case 'quote':
      return {
        ...passageJson(view.passage),
        attribution: view.passage.attribution,
        ...(view.query ? { query: view.query } : {}),
      };
    case 'takeaway':
      return {
        id: view.id,
        date: view.date,
        text: view.text.zh,
        translation: view.text.en,
        sources: view.sources.map((s) => s.id),
        attribution: view.attribution,
      };
    default: {
      const { actions: _actions, ...rest } = view;
      return rest;
    }
  }
}
