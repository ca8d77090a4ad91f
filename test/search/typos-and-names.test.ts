/**
 * The talk's search over misspelt words and names: a typo costs an answer some confidence but not the
 * answer, a name the talk never mentions refuses the question, and a misspelt word of the talk's own is
 * no such name.
 */
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);
const top = (q: string) => search.search(q).hits[0];

describe('a misspelt word', () => {
  it('still finds the passages of the word meant', () => {
    for (const q of ['reinforcement', 'reinforcemnet', 'renforcment'])
      expect(top(q)?.passage.id, q).toBe('o1-1');
  });

  it('costs the answer more confidence the further it is from the word meant', () => {
    const [exact, oneTypo, twoTypos] = ['reinforcement', 'reinforcemnet', 'renforcment'].map((q) =>
      search.search(q),
    );
    expect(exact!.coverage).toBe(1);
    expect(oneTypo!.coverage).toBeLessThan(exact!.coverage);
    expect(twoTypos!.coverage).toBeLessThan(oneTypo!.coverage);
    expect(oneTypo!.hits[0]!.score).toBeLessThan(exact!.hits[0]!.score);
    expect(twoTypos!.hits[0]!.score).toBeLessThan(oneTypo!.hits[0]!.score);
  });
});

describe('names the talk never mentions', () => {
  it('refuses a capitalised word two typos from the talk’s, but not the same word in lower case', () => {
    expect(search.unknownNames('the Renforcment view')).toEqual(['Renforcment']);
    expect(search.search('the Renforcment view')).toMatchObject({ hits: [], reason: 'not-covered' });
    expect(top('the renforcment view')?.passage.id).toBe('o1-1');
  });

  it('takes a capitalised word one typo from the talk’s for that word', () => {
    expect(search.unknownNames('is the Dtaa real')).toEqual([]);
    expect(top('the Reinforcemnet view')?.passage.id).toBe('o1-1');
  });

  it('knows a capitalised short word of the talk’s own', () => {
    expect(search.unknownNames('what the Big Labs do')).toEqual([]);
  });

  it('takes a capitalised word of three letters for an acronym, not a typo', () => {
    // "Wal" is one letter short of the talk's "wall", but three capitalised letters are mostly a name (IBM).
    expect(search.unknownNames('is the Wal real')).toEqual(['Wal']);
    expect(search.unknownNames('the IBM view')).toEqual(['IBM']);
  });

  it('knows a capitalised word that only a bridge between wordings holds', () => {
    // "tougher" is not the talk's word, but it means its "harder".
    expect(search.unknownNames('the Tougher question')).toEqual([]);
    expect(top('the Tougher question')?.passage.id).toBe('next-14');
  });

  it('knows the talk’s names with a version, typed with a space', () => {
    expect(search.unknownNames('how long does O 1 think')).toEqual([]);
    expect(search.unknownNames('In 2018 what happened to AI companies')).toEqual([]);
    expect(search.unknownNames('how long does O 3 think')).toEqual(['O 3']);
  });

  it('reads a version to its last digit', () => {
    // The talk mentions GPT-4, not GPT-4.10.
    expect(search.unknownNames('is GPT-4 better')).toEqual([]);
    expect(search.unknownNames('is GPT-4.10 better')).toEqual(['GPT-4.10']);
  });

  it('takes a capital after the first sentence for a name unless a sentence starts there', () => {
    expect(search.unknownNames('Is the wall real? I think Gemini says no')).toEqual(['Gemini']);
    expect(search.unknownNames('Is the wall real? Gemini says no')).toEqual([]);
  });

  it('takes an acronym for a name even where a sentence starts', () => {
    expect(search.unknownNames('IBM says so')).toEqual(['IBM']);
    expect(search.unknownNames('Ibm says so')).toEqual([]);
  });
});
