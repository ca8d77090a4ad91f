/** A posting table made up for a test, read through the same lookups the index uses. */
import type { Postings } from '../../src/search/prepare.js';

/** term → postings list, as the index's lookups return it (however the built index stores it). */
export function postingsOf(table: Record<string, number[]>): Postings {
  const lookups = {
    has: (term: string) => Object.hasOwn(table, term),
    get: (term: string) => (Object.hasOwn(table, term) ? table[term] : undefined),
    keys: () => Object.keys(table),
  };
  return lookups as unknown as Postings;
}
