/**
 * The questions written for each passage, matched one by one: a query that a single question asks is
 * answered more surely than one whose words are scattered over a passage's many questions.
 */
import type { Postings } from './prepare.js';

/** A word of a query: its weight, and the talk's terms that answer it with their credit (0..1). */
export interface AnsweredWord {
  weight: number;
  answers: Map<string, number>;
  /** A Chinese word the talk only knows as bigrams: their credits add up. */
  split: boolean;
}

export class QuestionIndex {
  constructor(
    /** term → the questions holding it. */
    private readonly postings: Postings,
    /** The passage (index) of each question. */
    private readonly of: number[],
  ) {}

  /** For each passage, the largest share of the query's weight that a single one of its questions explains. */
  bestMatch(words: AnsweredWord[]): Map<number, number> {
    const total = words.reduce((sum, w) => sum + w.weight, 0);
    const best = new Map<number, number>();
    if (total === 0) return best;
    const explained = new Float64Array(this.of.length);
    const credit = new Float64Array(this.of.length);
    const touched: number[] = [];
    for (const w of words) {
      for (const [t, c] of w.answers)
        for (const q of this.postings.get(t) ?? []) {
          if (credit[q] === 0) touched.push(q);
          credit[q] = w.split ? credit[q]! + c : Math.max(credit[q]!, c);
        }
      for (const q of touched) {
        explained[q]! += w.weight * Math.min(1, credit[q]!);
        credit[q] = 0;
      }
      touched.length = 0;
    }
    explained.forEach((e, q) => {
      if (e === 0) return;
      const d = this.of[q]!;
      best.set(d, Math.max(best.get(d) ?? 0, e / total));
    });
    return best;
  }
}
