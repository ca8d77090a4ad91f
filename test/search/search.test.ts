import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/search/edit-distance.js';
import { QUERY_MAX_CHARS, TalkSearch } from '../../src/search/index.js';
import { stem, terms } from '../../src/search/tokens.js';
import { evaluate, loadQueries } from '../bench/quality.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);
const ids = (q: string) => search.search(q).hits.map((h) => h.passage.id);

describe('tokens', () => {
  it('stems English so word forms meet', () => {
    expect(stem('scaling')).toBe(stem('scale'));
    expect(stem('models')).toBe('model');
    expect(stem('generalizes')).toBe(stem('generalises'));
  });

  it('segments Chinese into words and bigrams', () => {
    const t = terms('距离北京最近的直辖市是天津');
    expect(t.words).toEqual(expect.arrayContaining(['北京', '直辖市', '天津']));
    expect(t.words).not.toContain('的');
    expect(t.bigrams).toContain('天津');
  });

  it('folds full-width characters', () => {
    expect(terms('ＲＬＨＦ').words).toEqual(['rlhf']);
  });

  it('measures edit distance with transpositions and gives up past the budget', () => {
    expect(editDistance('reenforcement', 'reinforcement', 2)).toBe(1);
    expect(editDistance('tranfsormer', 'transformer', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('search', () => {
  it('meets the quality aim on the labelled query set', () => {
    const quality = evaluate(loadQueries(), ids);
    expect(quality.queries).toBeGreaterThanOrEqual(60);
    expect(quality.hit1).toBeGreaterThanOrEqual(0.9);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.93);
    expect(quality.offTopicAnswered).toBe(0);
  });

  it('finds Chinese passages from English words and the reverse', () => {
    expect(ids('data wall')[0]).toMatch(/^agi-/);
    expect(ids('黎曼猜想')[0]).toBe('o1-7');
  });

  it('repairs typos', () => {
    expect(ids('reenforcement')[0]).toMatch(/^o1-/);
    expect(ids('scalling law').slice(0, 3)).toContain('agi-2');
  });

  it('says the talk is silent rather than quoting something loosely related', () => {
    for (const q of ['stock tips', '红烧肉怎么做', 'bitcoin price prediction']) {
      const outcome = search.search(q);
      expect(outcome.hits, q).toEqual([]);
      expect(outcome.reason).toBe('not-covered');
    }
  });

  it('answers empty, emoji-only and punctuation-only queries with no results and a reason', () => {
    expect(search.search('').reason).toBe('empty');
    expect(search.search('   ').reason).toBe('empty');
    expect(search.search('🙂🚀🤖').reason).toBe('no-terms');
    expect(search.search('?!…。,、').reason).toBe('no-terms');
  });

  it('handles a 2,000-character query', () => {
    const long = 'reinforcement learning '.repeat(100).slice(0, QUERY_MAX_CHARS);
    expect(search.search(long).hits[0]?.passage.id).toMatch(/^o1-/);
    const longer = 'x'.repeat(10_000);
    expect(search.search(longer).query.length).toBe(QUERY_MAX_CHARS);
  });

  it('ignores mentions and odd Unicode around real words', () => {
    expect(ids('@everyone data wall')[0]).toMatch(/^agi-/);
    expect(ids('\u200bdata\u200d wall\u202e')[0]).toMatch(/^agi-/);
    expect(ids('<@&123456789012345678> 数据墙')[0]).toMatch(/^agi-/);
  });

  it('ranks the speaker above the editor and journalist', () => {
    const hits = search.search('reinforcement learning').hits;
    expect(hits[0]?.passage.kind).toBe('speaker');
  });

  it('scores between 0 and 1, best first', () => {
    const hits = search.search('scaling law').hits;
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });
});
