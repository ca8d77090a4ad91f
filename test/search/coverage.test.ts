/**
 * How much of a query the talk is taken to explain (its coverage), and which queries are answered on it:
 * Chinese words the word segmenter cut differently from the talk, a single word the talk barely uses, the
 * lenient search that suggestions use, and a query far longer than anyone types.
 */
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { terms } from '../../src/search/tokens.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);
const coverage = (q: string) => search.search(q, { lenient: true }).coverage;

describe('Chinese words the talk writes otherwise', () => {
  it('understands a word the talk never writes whole when it uses all its character pairs', () => {
    // The segmenter keeps 从来没 as one word; the talk has 从来 and 来没 (in 从来没有).
    expect(coverage('从来没')).toBe(1);
  });

  it('understands such a word only as far as the talk uses its pairs', () => {
    // 那句话: the talk says 句话 but never 那句.
    expect(coverage('那句话')).toBe(0.5);
  });

  it('understands a character the segmenter cut loose through the talk’s pair across it', () => {
    // 久 stands alone here; the talk's 久才 answers it.
    expect(coverage('想那么久才回答')).toBeGreaterThan(0.8);
    expect(search.search('想那么久才回答').hits[0]?.passage.id).toBe('ceil-10');
  });
});

describe('a single word the talk uses', () => {
  it('is answered even when the one passage holding it only mentions it', () => {
    // Xuanhuai (the college where the talk was given) matches one passage loosely, but it is all the query asks.
    expect(search.search('Xuanhuai').hits.map((h) => h.passage.id)).toEqual(['intro-5']);
  });

  it('is answered on its own, or with one other such word, only when understood as typed', () => {
    // "emergence" matches fac-5 loosely; it is what the query asks. Misspelt, it is understood less surely,
    // and so loose a match is then no answer.
    expect(search.search('emergence').hits[0]?.passage.id).toBe('fac-5');
    expect(search.search('emergense')).toMatchObject({ hits: [], reason: 'not-covered' });
    expect(search.search('tencent journalist').hits[0]?.passage.id).toBe('intro-5');
  });

  it('finds nothing among the speaker’s words when only the publication uses it', () => {
    expect(search.search('Xuanhuai', { speakerOnly: true }).hits).toEqual([]);
    expect(search.search('Xuanhuai Tencent', { speakerOnly: true }).hits).toEqual([]);
    // Asked for a quote, a longer question the speaker never answers is not covered.
    expect(search.search('the Tencent journalist highlights', { speakerOnly: true })).toMatchObject({
      hits: [],
      reason: 'not-covered',
    });
  });
});

describe('a word the talk never uses', () => {
  it('counts almost as much as the talk’s own when a bridge leads to it, however many terms it reaches', () => {
    // "homework" is bridged to exercise, problem, 做题 and more; "exercise" is the talk's own word.
    expect(coverage('exercise')).toBe(1);
    expect(coverage('homework')).toBeGreaterThan(0.8);
    expect(coverage('homework')).toBeLessThan(1);
    expect(search.search('homework').hits[0]?.passage.id).toBe('o1-2');
  });
});

describe('the lenient search behind suggestions', () => {
  it('offers a loose association where a search refuses', () => {
    for (const q of ['stock tips', 'the weather in Beijing']) {
      expect(search.search(q).hits, q).toEqual([]);
      expect(search.search(q, { lenient: true }).hits.length, q).toBeGreaterThan(0);
    }
  });
});

describe('terms added by the caller', () => {
  it('ignores one the talk never uses', () => {
    const plain = search.search('data wall');
    expect(search.search('data wall', { extraTerms: [{ term: 'zzqx', weight: 1 }] })).toEqual(plain);
  });
});

describe('a query far longer than anyone types', () => {
  it('is judged by its first 64 different words', () => {
    // 64 different words of the talk, then 40 it never uses.
    const known = [...new Set([...'abcdefghilmnoprstuw'].flatMap((c) => search.vocabularyStarting(c, 8)))]
      // Words a query keeps as they are (not stop words, not stemmed further).
      .filter((w) => /^[a-z]{4,}$/.test(w) && terms(w).words.join() === w)
      .slice(0, 64);
    expect(known).toHaveLength(64);
    const gibberish = Array.from({ length: 40 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${i}`);
    expect(coverage([...known, ...gibberish].join(' '))).toBe(coverage(known.join(' ')));
    expect(coverage([...gibberish, ...known].join(' '))).toBeLessThan(0.5);
  });
});
