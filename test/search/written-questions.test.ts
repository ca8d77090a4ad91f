/**
 * Matching a query against the questions written for each passage, one question at a time, over a small
 * made-up set: a passage one of whose questions asks the whole query beats one whose questions each ask a
 * part of it.
 */
import { describe, expect, it } from 'vitest';
import { type AnsweredWord, QuestionIndex } from '../../src/search/questions.js';
import { postingsOf } from './postings-of.js';

// Passage 0 has two questions, one about the data wall and one about cost; passage 1 one question about
// both; passage 2 one about 强化学习, which a query may only reach through its pairs 强化 and 学习.
const index = new QuestionIndex(
  postingsOf({ data: [0, 2], wall: [0], cost: [1, 2], 强化: [3], 学习: [3] }),
  [0, 0, 1, 2],
);

/** A query word the talk answers with these terms and credits. */
function word(weight: number, answers: Record<string, number>, split = false): AnsweredWord {
  return { weight, answers: new Map(Object.entries(answers)), split };
}

describe('the written question that best matches a query', () => {
  it('prefers one question asking the whole query to several asking a part each', () => {
    const best = index.bestMatch([word(1, { data: 1 }), word(1, { cost: 1 })]);
    expect(best).toEqual(
      new Map([
        [0, 0.5],
        [1, 1],
      ]),
    );
  });

  it('weighs each word of the query by its weight', () => {
    const best = index.bestMatch([word(3, { wall: 1 }), word(1, { cost: 1 })]);
    expect(best.get(0)).toBe(0.75);
    expect(best.get(1)).toBe(0.25);
    expect(index.bestMatch([word(1, { wall: 1 }), word(1, { data: 0.5 })]).get(0)).toBe(0.75);
  });

  it('lists only the passages some question matched', () => {
    expect([...index.bestMatch([word(1, { wall: 1 })]).keys()]).toEqual([0]);
    expect(index.bestMatch([word(1, { gravity: 1 })])).toEqual(new Map());
  });

  it('credits a word by the best of its answers, not their sum', () => {
    // A word answered by two terms of the same question counts once, at its better credit.
    const best = index.bestMatch([word(1, { data: 0.5, wall: 0.3 }), word(1, { zz: 1 })]);
    expect(best.get(0)).toBe(0.25);
  });

  it('adds up the pairs of a Chinese word the talk only knows in parts, up to a whole word', () => {
    expect(index.bestMatch([word(1, { 强化: 0.3, 学习: 0.4 }, true)]).get(2)).toBeCloseTo(0.7);
    expect(index.bestMatch([word(1, { 强化: 0.6, 学习: 0.6 }, true)]).get(2)).toBe(1);
  });

  it('counts a word once however many of the question’s terms answer it', () => {
    const best = index.bestMatch([word(1, { data: 1, wall: 1 }), word(1, { cost: 1 })]);
    expect(best.get(0)).toBe(0.5);
  });

  it('matches nothing for a query without weight', () => {
    expect(index.bestMatch([])).toEqual(new Map());
    expect(index.bestMatch([word(0, { data: 1 })])).toEqual(new Map());
  });
});
