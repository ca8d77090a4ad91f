/**
 * The talk's English words, for completion as people type and for repairing typos. Gathered from the
 * index's terms on first use (Chinese needs neither: its bigrams match as typed).
 */
import { editDistance, typoBudget } from './edit-distance.js';
import type { Postings } from './prepare.js';
import { isHan, isStop, normalize } from './tokens.js';

export class Vocabulary {
  private wordsCache?: string[];
  private repairsCache?: Map<string, string[]>;

  constructor(private readonly postings: Postings) {}

  private get words(): string[] {
    this.wordsCache ??= this.postings.keys().filter((t) => !isHan(t) && !/^\d+$/.test(t));
    return this.wordsCache;
  }

  /**
   * What a typo may be repaired to, by first letter: a typo keeps the first letter far more often than not
   * (without that, "mind" would become "find"), and a function word answers nothing ("wal" is wall, not
   * the more frequent "was").
   */
  private repairsStarting(letter: string): string[] {
    if (!this.repairsCache) {
      this.repairsCache = new Map();
      for (const w of this.words) {
        if (isStop(w)) continue;
        const list = this.repairsCache.get(w[0]!);
        if (list) list.push(w);
        else this.repairsCache.set(w[0]!, [w]);
      }
    }
    return this.repairsCache.get(letter) ?? [];
  }

  private df(term: string): number {
    return this.postings.get(term)?.[0] ?? 0;
  }

  /** Words that start with `prefix`, the most used first. */
  starting(prefix: string, limit: number): string[] {
    const p = normalize(prefix);
    return this.words
      .filter((t) => t.startsWith(p))
      .sort((a, b) => this.df(b) - this.df(a))
      .slice(0, limit);
  }

  /** Words whose beginning is one typo away from `prefix` (`reenf` → reinforcement). */
  near(prefix: string, limit: number): string[] {
    const p = normalize(prefix);
    if (p.length < 4) return [];
    return this.words
      .filter((t) =>
        [p.length - 1, p.length, p.length + 1].some((n) => n > 0 && editDistance(t.slice(0, n), p, 1) <= 1),
      )
      .sort((a, b) => this.df(b) - this.df(a))
      .slice(0, limit);
  }

  /** The closest word to a misspelt English word, if one is close enough. */
  repair(word: string): { term: string; distance: number } | undefined {
    const budget = typoBudget(word.length);
    if (budget === 0) return undefined;
    let best: { term: string; distance: number } | undefined;
    for (const candidate of this.repairsStarting(word[0]!)) {
      // A word of three letters is mostly another word when a letter changes (age, agi) or one is put in
      // (pay, play); only a dropped last letter is repaired (wal → wall).
      if (word.length < 4 && !candidate.startsWith(word)) continue;
      const d = editDistance(word, candidate, budget);
      if (d > budget) continue;
      const better =
        !best || d < best.distance || (d === best.distance && this.df(candidate) > this.df(best.term));
      if (better) best = { term: candidate, distance: d };
    }
    return best;
  }
}
