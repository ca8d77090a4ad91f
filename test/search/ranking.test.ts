/**
 * How the talk's search orders what it finds: the passage quoting a query's exact words first, the
 * speaker's own words when only those are wanted, and the topics behind the results.
 */
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);
const ids = (q: string, options: Parameters<TalkSearch['search']>[1] = {}) =>
  search.search(q, options).hits.map((h) => h.passage.id);

describe('a query quoting the talk', () => {
  it('ranks first the passage that says those exact words, in English or Chinese', () => {
    expect(ids('than seventy years')[0]).toBe('open-2');
    expect(ids('at Xuanhuai College')[0]).toBe('intro-5');
    expect(ids('发展了七十多')[0]).toBe('open-2');
    // Four characters are already a phrase.
    expect(ids('AI模型')[0]).toBe('open-4');
  });

  it('still finds the quote behind a mention of the bot', () => {
    expect(ids('<@123> than seventy years')[0]).toBe('open-2');
    expect(ids("<@123> Today I'd mainly like to")[0]).toBe('open-1');
  });
});

describe('the speaker’s own words', () => {
  it('leaves out the publication’s and journalist’s passages when asked to', () => {
    expect(ids('at Xuanhuai College')).toContain('intro-5');
    expect(ids('at Xuanhuai College', { speakerOnly: true })).not.toContain('intro-5');
    const speakerOnly = search.search('data wall', { speakerOnly: true, limit: 3 }).hits;
    expect(speakerOnly).toHaveLength(3);
    for (const h of speakerOnly) expect(h.passage.kind).toBe('speaker');
  });
});

describe('the order of results', () => {
  it('puts a short passage about the query above a long one that mentions it in passing', () => {
    // agi-2 is two sentences about the scaling law; fac-8 and ceil-2 name it inside longer arguments.
    expect(ids('scaling law')[0]).toBe('agi-2');
    // agi-10 names the data wall in a short paragraph; agi-6 reaches it at the end of a longer one.
    expect(ids('data wall').indexOf('agi-10')).toBeLessThan(ids('data wall').indexOf('agi-6'));
  });

  it('puts first, of passages that match alike, the one the talk’s summaries rest on', () => {
    // o1-1 and o1-2 both say "reinforcement learning" as much; the summaries cite o1-1 more often.
    const cites = (id: string) =>
      [
        ...content.topics.flatMap((t) => t.points.flatMap((p) => p.cites)),
        ...content.takeaways.flatMap((t) => t.cites),
      ].filter((c) => c === id).length;
    expect(cites('o1-1')).toBeGreaterThan(cites('o1-2'));
    expect(ids('reinforcement learning').slice(0, 2)).toEqual(['o1-1', 'o1-2']);
    expect(ids('synthetic data')[0]).toBe('o1-3');
  });

  it('scores every result between 0 and the share of the query the talk covers', () => {
    const outcome = search.search('the renforcment view');
    expect(outcome.coverage).toBeLessThan(1);
    for (const h of outcome.hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThan(outcome.coverage);
    }
  });
});

describe('the topics behind the results', () => {
  it('ranks first the topic whose cited passages the query finds', () => {
    expect(search.topicsFor(search.search('data wall'))[0]?.id).toBe('data-wall');
    expect(search.topicsFor(search.search('curiosity'))[0]?.id).toBe('curiosity');
    expect(search.topicsFor(search.search('reinforcement learning'))[0]?.id).toBe('rl');
  });

  it('offers no topic when the search found nothing', () => {
    expect(search.topicsFor(search.search('stock tips'))).toEqual([]);
  });
});
