/**
 * How text becomes search terms: which word forms meet after stemming, which words carry no subject, and
 * how Chinese, English and the two mixed are cut into words and character pairs.
 */
import { describe, expect, it } from 'vitest';
import { isHan, isStop, normalize, stem, terms, withoutMentions } from '../../src/search/tokens.js';

/** Whether every form stems to the same term. */
const meet = (...forms: string[]) => new Set(forms.map(stem)).size === 1;

describe('word forms that meet', () => {
  it('brings a word’s forms together', () => {
    expect(meet('embedding', 'embedded')).toBe(true);
    expect(meet('falling', 'fall')).toBe(true);
    expect(meet('passing', 'pass', 'passes')).toBe(true);
    expect(meet('buzzing', 'buzz')).toBe(true);
    expect(meet('stopped', 'stop', 'stopping')).toBe(true);
    expect(meet('ladies', 'lady')).toBe(true);
    expect(meet('glasses', 'glass')).toBe(true);
    expect(meet('realizing', 'realising', 'realise')).toBe(true);
    expect(meet('organizations', 'organisation')).toBe(true);
    expect(meet('scale', 'scaled', 'scales')).toBe(true);
  });

  it('leaves short words and whatever would leave too little of them', () => {
    expect(['sing', 'bring', 'bred', 'feed', 'dies', 'use', 'ads'].map(stem)).toEqual([
      'sing',
      'bring',
      'bred',
      'feed',
      'die',
      'use',
      'ads',
    ]);
    expect(stem('needed')).toBe('need');
    expect(stem('seeing')).toBe('see');
  });

  it('keeps the final s of words that are not plurals', () => {
    expect(['virus', 'analysis', 'class'].map(stem)).toEqual(['virus', 'analysis', 'class']);
  });

  it('leaves names with a number as typed', () => {
    expect(['gpt4s', 'o1ing', 'v2ed'].map(stem)).toEqual(['gpt4s', 'o1ing', 'v2ed']);
  });
});

describe('words without a subject of their own', () => {
  it('knows English and Chinese function words, and only them', () => {
    expect(isStop('the')).toBe(true);
    expect(isStop('data')).toBe(false);
    expect(isStop('的')).toBe(true);
    expect(isStop('数据')).toBe(false);
  });

  it('takes a Chinese segment made only of function words for one, however they join', () => {
    expect(isStop('的了')).toBe(true);
    expect(isStop('到底是')).toBe(true);
    // 怎么样 is one function word of three characters.
    expect(isStop('怎么样的')).toBe(true);
    expect(isStop('我们数据')).toBe(false);
    expect(isStop('数据的')).toBe(false);
  });
});

describe('terms of a text', () => {
  it('keeps function words when indexing, and drops them from queries', () => {
    expect(terms('the wall').words).toEqual(['wall']);
    expect(terms('the wall', true).words).toEqual(['the', 'wall']);
    expect(terms('我的数据').words).toEqual(['数据']);
    expect(terms('我的数据', true).words).toEqual(['我的', '数据']);
  });

  it('pairs Chinese characters across word boundaries, but never two function words', () => {
    expect(terms('我的数据').bigrams).toEqual(['的数', '数据']);
    expect(terms('我的数据', true).bigrams).toEqual(['我的', '的数', '数据']);
    // Punctuation and spaces end a run of characters.
    expect(terms('数据。墙').bigrams).toEqual(['数据']);
  });

  it('cuts English inside Chinese text as it cuts English alone', () => {
    expect(terms('GPT-4 的数据, self-play！').words).toEqual(['gpt', '4', '数据', 'self', 'play']);
    expect(terms('the scaling 数据').words).toEqual(['scal', '数据']);
    expect(terms('the scaling 数据', true).words).toEqual(['the', 'scal', '数据']);
    expect(terms('data wall').bigrams).toEqual([]);
  });

  it('drops the clitics of contractions, straight or curly', () => {
    expect(terms("can't I'm they're model's isn’t", true).words).toEqual([
      'not',
      'i',
      'they',
      'model',
      'not',
    ]);
  });

  it('reads full-width and invisible characters as the plain text they show', () => {
    expect(terms('da\u200bta ＲＬ').words).toEqual(['data', 'rl']);
    expect(normalize('ＤＡＴＡ\u200d')).toBe('data');
  });
});

describe('other scripts', () => {
  it('keeps words of other scripts whole and pairs no characters but Chinese', () => {
    expect(terms('привет мир')).toEqual({ words: ['привет', 'мир'], bigrams: [] });
    expect(terms('データ')).toEqual({ words: ['データ'], bigrams: [] });
  });
});

describe('mentions', () => {
  it('removes broadcast mentions in any case, but not words that begin like them', () => {
    expect(withoutMentions('@EVERYONE data')).toBe('  data');
    expect(withoutMentions('@hereford')).toBe('@hereford');
    expect(withoutMentions('<@!12>x')).toBe(' x');
  });
});

describe('Chinese terms', () => {
  it('tells Chinese terms from the rest', () => {
    expect(['数据', 'data', 'gpt-4', 'ai 数据'].map(isHan)).toEqual([true, false, false, true]);
  });
});
