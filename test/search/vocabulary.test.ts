/**
 * The vocabulary offered while typing and used to repair typos, over a small made-up index so that every
 * rule (which words count, the order, the limits, the typo budget) shows on its own.
 */
import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../src/search/vocabulary.js';
import { postingsOf } from './postings-of.js';

/** An index holding each term in `df` passages (the postings themselves do not matter here). */
function vocabularyOf(df: Record<string, number>): Vocabulary {
  return new Vocabulary(postingsOf(Object.fromEntries(Object.entries(df).map(([t, n]) => [t, [n]]))));
}

describe('words offered as people type', () => {
  const vocabulary = vocabularyOf({
    model: 5,
    modal: 9,
    modest: 1,
    moderate: 3,
    模型: 7,
    '2018': 4,
    gpt4: 2,
    '4k': 2,
    data: 6,
  });

  it('offers the words starting with what was typed, the most used first', () => {
    expect(vocabulary.starting('mod', 10)).toEqual(['modal', 'model', 'moderate', 'modest']);
  });

  it('stops at the limit, keeping the most used', () => {
    expect(vocabulary.starting('mod', 2)).toEqual(['modal', 'model']);
  });

  it('reads capitals and full-width letters as the words they are', () => {
    expect(vocabulary.starting('MOD', 1)).toEqual(['modal']);
    expect(vocabulary.starting('ｍｏｄ', 1)).toEqual(['modal']);
  });

  it('offers no Chinese and no bare numbers, but names with a number in them', () => {
    // Its own vocabulary: the word list is gathered on first use.
    const vocabulary = vocabularyOf({ 模型: 7, '2018': 4, gpt4: 2, '4k': 2, model: 5 });
    expect(vocabulary.starting('模', 5)).toEqual([]);
    expect(vocabulary.starting('20', 5)).toEqual([]);
    expect(vocabulary.starting('gp', 5)).toEqual(['gpt4']);
    expect(vocabulary.starting('4', 5)).toEqual(['4k']);
  });
});

describe('words whose beginning is one typo away', () => {
  const vocabulary = vocabularyOf({ reinforcement: 3, regular: 8, reinvent: 1, data: 6, date: 2, dat: 9 });

  it('offers every word that fits, the most used first', () => {
    expect(vocabulary.near('reinf', 5)).toEqual(['reinforcement', 'reinvent']);
  });

  it('forgives a changed, missing or extra letter in what was typed', () => {
    expect(vocabulary.near('renf', 5)).toEqual(['reinforcement']);
    expect(vocabulary.near('reinnf', 5)).toEqual(['reinforcement']);
    expect(vocabulary.near('reonforc', 5)).toEqual(['reinforcement']);
  });

  it('lists the most used first, up to the limit', () => {
    expect(vocabulary.near('daat', 5)).toEqual(['dat', 'data', 'date']);
    expect(vocabulary.near('daat', 2)).toEqual(['dat', 'data']);
  });

  it('waits for four letters before guessing', () => {
    expect(vocabulary.near('rei', 5)).toEqual([]);
    expect(vocabulary.near('REINNF', 5)).toEqual(['reinforcement']);
  });

  it('offers nothing two typos away', () => {
    expect(vocabulary.near('roonf', 5)).toEqual([]);
  });
});

describe('repairing a misspelt word', () => {
  const vocabulary = vocabularyOf({
    wall: 2,
    was: 50,
    whether: 3,
    model: 4,
    scolding: 9,
    scaling: 1,
    riemann: 1,
    agi: 5,
    age: 1,
    play: 3,
    date: 2,
    data: 6,
    cost: 7,
    cast: 1,
    training: 1,
    trailing: 9,
    数据: 9,
  });

  it('leaves words of one or two letters alone', () => {
    expect(vocabulary.repair('wa')).toBeUndefined();
    expect(vocabulary.repair('m')).toBeUndefined();
  });

  it('repairs a short word only by the letter it lacks at the end', () => {
    expect(vocabulary.repair('wal')).toEqual({ term: 'wall', distance: 1 });
    expect(vocabulary.repair('agx')).toBeUndefined();
    expect(vocabulary.repair('pay')).toBeUndefined();
  });

  it('never repairs to a function word, however frequent', () => {
    // "wasx" is one letter from "was" and two from "wall"; "wether" one from "whether".
    expect(vocabulary.repair('wasx')).toBeUndefined();
    expect(vocabulary.repair('wether')).toBeUndefined();
    expect(vocabulary.repair('wallx')).toEqual({ term: 'wall', distance: 1 });
  });

  it('prefers the closer word, then the more used of equally close ones', () => {
    // "scalling" is one edit from "scaling" and two from the more used "scolding".
    expect(vocabulary.repair('scalling')).toEqual({ term: 'scaling', distance: 1 });
    // "trainnig" is one swap from "training" and two edits from the more used "trailing".
    expect(vocabulary.repair('trainnig')).toEqual({ term: 'training', distance: 1 });
    // "datx" is one edit from both "data" and "date": the more used wins.
    expect(vocabulary.repair('datx')).toEqual({ term: 'data', distance: 1 });
    expect(vocabulary.repair('cxst')).toEqual({ term: 'cost', distance: 1 });
  });

  it('allows two typos from seven letters on, and no more', () => {
    expect(vocabulary.repair('riemman')).toEqual({ term: 'riemann', distance: 2 });
    expect(vocabulary.repair('reimmen')).toBeUndefined();
    expect(vocabulary.repair('riemmen')).toEqual({ term: 'riemann', distance: 2 });
    expect(vocabulary.repair('riexxxn')).toBeUndefined();
  });

  it('allows one typo below seven letters', () => {
    expect(vocabulary.repair('modxx')).toBeUndefined();
    expect(vocabulary.repair('dtaa')).toEqual({ term: 'data', distance: 1 });
  });

  it('keeps the first letter: a typo there is another word', () => {
    expect(vocabulary.repair('nodel')).toBeUndefined();
  });
});
