/**
 * The search engine's small rules, each pinned by a case on either side of it: typo distance and budget,
 * stemming, names, mentions, the vocabulary for autocomplete, the answer's reasons, limits and tail, and
 * topic ranking. (Written after mutation testing showed these rules could change without a test noticing.)
 */
import { describe, expect, it } from 'vitest';
import { editDistance, typoBudget } from '../../src/search/edit-distance.js';
import { TalkSearch } from '../../src/search/index.js';
import { unknownNames } from '../../src/search/names.js';
import { normalize, stem, terms, withoutMentions } from '../../src/search/tokens.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);

describe('typo distance', () => {
  it('counts a swap of neighbours as one edit and gives up past the bound', () => {
    expect(editDistance('abcd', 'abdc', 1)).toBe(1);
    expect(editDistance('ab', 'ba', 2)).toBe(1);
    expect(editDistance('data', 'date', 1)).toBe(1);
    expect(editDistance('xyzw', 'abcd', 1)).toBe(2);
    expect(editDistance('a', 'abcd', 1)).toBe(2);
    expect(editDistance('ca', 'abc', 3)).toBe(3);
  });

  it('lets words of one or two letters absorb no typo, short ones one, long ones two', () => {
    expect([0, 2, 3, 6, 7, 20].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('words as the index keeps them', () => {
  it('stems plurals, -ing and -ed, and -ize, but leaves short words and numbers alone', () => {
    expect(
      ['studies', 'ties', 'classes', 'class', 'bus', 'ads', 'models', 'stopped', 'allotting', 'called'].map(
        stem,
      ),
    ).toEqual(['study', 'tie', 'class', 'class', 'bus', 'ads', 'model', 'stop', 'allot', 'call']);
    expect(['organization', 'organize', "data's", 'gpt4'].map(stem)).toEqual([
      'organisation',
      'organis',
      'data',
      'gpt4',
    ]);
  });

  it('drops Chinese particles, alone or run together, and anything that is not a word', () => {
    expect(terms('都不').words).toEqual([]);
    expect(terms('我们都不知道').words).toEqual(['不知道']);
    expect(terms('😀 ... model').words).toEqual(['model']);
    expect(terms('e-mail').words).toEqual(['e', 'mail']);
  });

  it('reads a mention as a gap between words, never as the words beside it', () => {
    expect(withoutMentions('a<@1>b')).toBe('a b');
    expect(withoutMentions('to@everyone!')).toBe('to !');
    expect(terms(withoutMentions('data<@123> <#C1> <!here> @here @channel model')).words).toEqual([
      'data',
      'model',
    ]);
  });
});

describe('names the talk never mentions', () => {
  const talk = {
    mentions: (name: string) => ['o1', 'gpt-4'].includes(name),
    knows: (word: string) => ['data', 'wall', 'scaling', 'openai', 'kimi'].includes(normalize(word)),
  };

  it('finds names with a version, typed any way', () => {
    expect(unknownNames('What does Claude 3.5 think', talk)).toEqual(['Claude 3.5']);
    expect(unknownNames('what about gpt5', talk)).toEqual(['gpt5']);
    expect(unknownNames('what about GPT-40', talk)).toEqual(['GPT-40']);
    expect(unknownNames('what about o1 and GPT-4', talk)).toEqual([]);
    expect(unknownNames('in 2018 models', talk)).toEqual([]);
  });

  it('takes a capital for a name only where it cannot be a sentence start', () => {
    expect(unknownNames('Gemini is good', talk)).toEqual([]);
    expect(unknownNames('the Gemini view', talk)).toEqual(['Gemini']);
    expect(unknownNames('DeepMind is big', talk)).toEqual(['DeepMind']);
    expect(unknownNames('I think GPT-5 will win. Gemini too', talk)).toEqual(['GPT-5']);
    expect(unknownNames('Fine.  Gemini too', talk)).toEqual([]);
    expect(unknownNames('Gemini 怎么样', talk)).toEqual(['Gemini']);
    expect(unknownNames('Kimi 怎么样', talk)).toEqual([]);
    expect(unknownNames('Data wall? Scaling.', talk)).toEqual([]);
  });
});

describe('the vocabulary offered while typing', () => {
  it('offers words that start with what was typed, never Chinese or bare numbers, up to the limit', () => {
    const words = search.vocabularyStarting('re', 6);
    expect(words).toHaveLength(6);
    for (const w of words) expect(w.startsWith('re')).toBe(true);
    expect(words).toContain('reinforcement');
    expect(search.vocabularyStarting('数', 5)).toEqual([]);
    for (const w of search.vocabularyStarting('2', 50)) expect(w).not.toMatch(/^\d+$/);
  });

  it('forgives one typo in a beginning of four letters or more', () => {
    expect(search.vocabularyNear('reenf')).toEqual(['reinforcement']);
    expect(search.vocabularyNear('daat')).toContain('data');
    expect(search.vocabularyNear('rei')).toEqual([]);
    expect(search.vocabularyNear('xxxx')).toEqual([]);
    expect(search.vocabularyNear('data', 1)).toHaveLength(1);
  });

  it('repairs a misspelt word to the closest one that starts with the same letter', () => {
    expect(search.repair('reinforcment')).toEqual({ term: 'reinforcement', distance: 1 });
    expect(search.repair('modle')).toEqual({ term: 'model', distance: 1 });
    expect(search.repair('ai')).toBeUndefined();
    expect(search.repair('wal')).toEqual({ term: 'wall', distance: 1 });
    expect(search.repair('wll')).toBeUndefined();
    expect(search.repair('xdata')).toBeUndefined();
  });
});

describe('what a search answers', () => {
  it('says why there is nothing: empty, no words, or not covered', () => {
    expect(search.search('   ')).toEqual({ query: '', hits: [], reason: 'empty', coverage: 0 });
    expect(search.search('!!!')).toEqual({ query: '!!!', hits: [], reason: 'no-terms', coverage: 0 });
    expect(search.search('zzqx')).toMatchObject({ hits: [], reason: 'not-covered', coverage: 0 });
    expect(search.search('Claude 3.5 data wall')).toMatchObject({ hits: [], reason: 'not-covered' });
    expect(search.search('data wall').hits.length).toBeGreaterThan(0);
  });

  it('honours a limit, ranks best first, and leaves out results far below the best', () => {
    const all = search.search('data wall').hits;
    expect(search.search('data wall', { limit: 2 }).hits).toEqual(all.slice(0, 2));
    const scores = all.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const mentioning = content.passages.filter((p) => p.zh.includes('数据') || /data/i.test(p.en)).length;
    expect(all.length).toBeLessThan(mentioning);
  });

  it('answers from the speaker only when asked to', () => {
    const highlight = content.passages.find((p) => p.id === 'hl-2')!;
    expect(search.search(highlight.zh).hits.some((h) => h.passage.kind !== 'speaker')).toBe(true);
    const speakerOnly = search.search(highlight.zh, { speakerOnly: true }).hits;
    expect(speakerOnly.length).toBeGreaterThan(0);
    for (const h of speakerOnly) expect(h.passage.kind).toBe('speaker');
  });

  it('ranks topics by the summed scores of the results they cite, never the overview', () => {
    for (const q of ['data wall', 'reinforcement learning', '推理成本', 'super app']) {
      const outcome = search.search(q);
      const topics = search.topicsFor(outcome);
      expect(topics.length).toBeGreaterThan(0);
      const weight = (id: string) => {
        const cited = new Set(content.topicById.get(id)!.points.flatMap((p) => p.cites));
        return outcome.hits.reduce((sum, h) => sum + (cited.has(h.passage.id) ? h.score : 0), 0);
      };
      const weights = topics.map((t) => weight(t.id));
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
      expect(topics.map((t) => t.id)).not.toContain('overview');
      for (const w of weights) expect(w).toBeGreaterThan(0);
    }
  });
});

describe('function words in Chinese questions', () => {
  it('never match a passage by grammar alone, even in the lenient search behind autocomplete', () => {
    // 怎么 ("how") occurs in many passages: a question about cooking must not suggest them.
    expect(search.search('红烧肉怎么做', { lenient: true, speakerOnly: true }).hits).toEqual([]);
    expect(search.search('怎么', { lenient: true }).hits).toEqual([]);
    expect(search.search('数据墙怎么办').hits[0]?.passage.id).toBe('agi-10');
  });
});
