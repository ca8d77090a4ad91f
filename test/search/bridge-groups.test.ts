/**
 * Bridges between wordings over small made-up groups: which expressions of a query cross into a group,
 * which of the talk's terms they reach, and when the crossing is the query's only way into the talk.
 */
import { describe, expect, it } from 'vitest';
import { Bridges, prepareGroups } from '../../src/search/bridges.js';
import { terms } from '../../src/search/tokens.js';

/** Bridges over `groups`, where the talk knows exactly the terms `talk` holds (built anew by each test). */
function bridgesOf(groups: string[][], talk: string[]): Bridges {
  const known = new Set(talk);
  return new Bridges(prepareGroups(groups), (t) => known.has(t));
}

/** Crossings of a query, as the index finds them (the query normalised, its words as the index cuts them). */
function cross(bridges: Bridges, query: string) {
  return bridges.cross(query, terms(query).words);
}

describe('expressions of a group, analysed once', () => {
  it('keeps each expression normalised, with its stemmed words and its meaningful Chinese pairs', () => {
    const [english, chinese] = prepareGroups([['  Scaling LAWS ', '数据墙怎么破']])[0]!;
    expect(english).toEqual({
      han: false,
      text: 'scaling laws',
      words: ['scal', 'law'],
      terms: ['scal', 'law'],
    });
    expect(chinese).toMatchObject({ han: true, text: '数据墙怎么破' });
    // 怎么 is a function word: a pair of it would match every question.
    const reached = chinese!.terms;
    expect(reached).toEqual(expect.arrayContaining(['数据', '据墙', '墙怎', '么破']));
    expect(reached).not.toContain('怎么');
    expect(new Set(reached).size).toBe(reached.length);
  });
});

describe('what the bridges know', () => {
  const bridges = () =>
    bridgesOf(
      [
        ['scaling law', '规模定律'],
        ['tougher', 'harder'],
      ],
      ['scal', 'law', 'harder'],
    );

  it('knows a word of any member in any of its forms, and nothing else', () => {
    expect(bridges().knows('laws')).toBe(true);
    expect(bridges().knows('Tougher')).toBe(true);
    expect(bridges().knows('gravity')).toBe(false);
  });
});

describe('crossing from a query into a group', () => {
  const talk = [
    'scal',
    'law',
    '规模',
    '定律',
    'harder',
    'reinforcement',
    'learn',
    '强化',
    '学习',
    '吉野',
    'beef',
    'bowl',
  ];
  const bridges = () =>
    bridgesOf(
      [
        ['scaling law', '规模定律'],
        ['tougher', 'harder'],
        ['reinforcement learning', '强化学习'],
        ['𠮷野家', 'beef bowl'],
        ['gyudon', '吉野'],
        ['gyudon', 'sukiya'],
      ],
      talk,
    );

  it('reaches the talk’s terms of the other members, never the matched member’s own', () => {
    const [crossing, ...others] = cross(bridges(), 'what about the scaling law');
    expect(others).toEqual([]);
    expect(crossing!.reached).toEqual(['规模', '定律']);
    expect(crossing!.span).toEqual(new Set(['scal', 'law']));
  });

  it('matches an English member only as a run of the query’s words, in order', () => {
    expect(cross(bridges(), 'law of scaling')).toEqual([]);
    expect(cross(bridges(), 'scaling a new law')).toEqual([]);
    expect(cross(bridges(), 'scaling laws').length).toBe(1);
  });

  it('marks a crossing from wording the talk never uses as foreign', () => {
    expect(cross(bridges(), 'is it tougher')).toEqual([
      { span: new Set(['tougher']), reached: ['harder'], foreign: true },
    ]);
    expect(cross(bridges(), 'scaling law').map((c) => c.foreign)).toEqual([false]);
  });

  it('covers the Chinese words of the query inside the member or holding it', () => {
    const [crossing] = bridges().cross('强化学习法好', ['强化学习法', '好']);
    expect(crossing!.span).toEqual(new Set(['强化学习法']));
    expect(crossing!.reached).toEqual(['reinforcement', 'learn']);
    const [split] = bridges().cross('我们强化学习吧', ['强化', '学习', 'rl']);
    expect(split?.span).toEqual(new Set(['强化', '学习']));
  });

  it('finds a Chinese member by its first character even beyond the basic plane', () => {
    expect(bridges().cross('去𠮷野家', ['去', '𠮷野家'])).toEqual([
      { span: new Set(['𠮷野家']), reached: ['beef', 'bowl'], foreign: true },
    ]);
  });

  it('crosses nowhere when the other members hold nothing the talk says', () => {
    // "gyudon" reaches 吉野 through one group; the other only reaches "sukiya", which the talk lacks.
    expect(cross(bridges(), 'gyudon').map((c) => c.reached)).toEqual([['吉野']]);
  });
});
