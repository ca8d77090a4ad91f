/** Retrieval quality over a labelled query set in test/search/: hit@1, hit@3, MRR and off-topic answers. */
import { readFileSync } from 'node:fs';

export interface LabelledQuery {
  q: string;
  /** Passage ids that count as a correct answer; empty for queries the talk does not address. */
  expect: string[];
  kind: 'en' | 'zh' | 'typo' | 'paraphrase' | 'name' | 'number' | 'offtopic';
  /** For the paraphrase set: the language the question is asked in. */
  lang?: 'en' | 'zh' | 'mixed';
}

export interface Quality {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
  offTopic: number;
  offTopicAnswered: number;
  misses: { q: string; expect: string[]; got: string[] }[];
}

/** A labelled query set in test/search/: the original one, `paraphrased.json` (held out) or `dev.json` (tuned against). */
export function loadQueries(file = 'queries.json'): LabelledQuery[] {
  return JSON.parse(readFileSync(new URL(`../search/${file}`, import.meta.url), 'utf8'));
}

/** `rank` returns passage ids, best first; an empty list means "the talk does not cover this". */
export function evaluate(queries: LabelledQuery[], rank: (q: string) => string[]): Quality {
  const answerable = queries.filter((q) => q.expect.length > 0);
  const offTopic = queries.filter((q) => q.expect.length === 0);
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  const misses: Quality['misses'] = [];
  for (const query of answerable) {
    const got = rank(query.q);
    const at = got.findIndex((id) => query.expect.includes(id));
    if (at === 0) hit1++;
    if (at >= 0 && at < 3) hit3++;
    if (at >= 0) rr += 1 / (at + 1);
    if (at !== 0) misses.push({ q: query.q, expect: query.expect, got: got.slice(0, 3) });
  }
  const offTopicAnswered = offTopic.filter((q) => rank(q.q).length > 0).length;
  const n = answerable.length || 1;
  return {
    queries: queries.length,
    hit1: hit1 / n,
    hit3: hit3 / n,
    mrr: rr / n,
    offTopic: offTopic.length,
    offTopicAnswered,
    misses,
  };
}
