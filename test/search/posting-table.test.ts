/**
 * The packed posting table the index and its snapshot keep: every term's list comes back as it went in,
 * a term that happens to name an object property is just a word, and a number too large to pack is refused
 * rather than silently cut.
 */
import { describe, expect, it } from 'vitest';
import { Postings, packPostings } from '../../src/search/prepare.js';

const lists = { data: [2, 0, 0, 1, 5, 1, 3], wall: [1, 5, 0, 2], 墙: [], constructor: [1, 7, 0, 1] };

describe('a packed posting table', () => {
  const postings = new Postings(packPostings(lists));

  it('gives every term its own list back, the first and the last included', () => {
    for (const [term, list] of Object.entries(lists)) expect([...postings.get(term)!], term).toEqual(list);
  });

  it('knows exactly its own terms, a property name among them', () => {
    expect(postings.keys()).toEqual(['data', 'wall', '墙', 'constructor']);
    expect(postings.has('constructor')).toBe(true);
    expect(postings.has('toString')).toBe(false);
    expect(postings.get('toString')).toBeUndefined();
    expect(postings.get('__proto__')).toBeUndefined();
  });

  it('packs the largest number that fits and refuses one that does not', () => {
    expect([...new Postings(packPostings({ far: [65_535] })).get('far')!]).toEqual([65_535]);
    expect(() => packPostings({ near: [1], far: [2, 65_536] })).toThrow(/16 bits/);
  });
});
