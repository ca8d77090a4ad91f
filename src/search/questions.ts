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
    const explained = new Map<number, number>();
    if (total === 0) return explained;
    for (const w of words) {
      const credit = new Map<number, number>();
      for (const [t, c] of w.answers)
        for (const q of this.postings.get(t) ?? [])
          credit.set(q, w.split ? (credit.get(q) ?? 0) + c : Math.max(credit.get(q) ?? 0, c));
      for (const [q, c] of credit) explained.set(q, (explained.get(q) ?? 0) + w.weight * Math.min(1, c));
    }
    const best = new Map<number, number>();
    for (const [q, e] of explained) {
      const d = this.of[q]!;
      best.set(d, Math.max(best.get(d) ?? 0, e / total));
    }
    return best;
  }
}
