/**
 * Bridges between wordings: groups of expressions that mean the same in this talk (the glossary's English
 * and Chinese terms, and synonyms from everyday words to the talk's own). A query using one member of a
 * group also asks for the talk's terms of the others.
 */
import { isHan, isStop, normalize, terms } from './tokens.js';

/** An expression of a group, analysed once (at build time when a snapshot is used). */
export interface PreparedMember {
  han: boolean;
  /** The expression, normalised (matched as a substring for Chinese). */
  text: string;
  /** Its words, stemmed (matched as a run of the query's words for English). */
  words: string[];
  /** Its terms (words, and bigrams for Chinese): what a query reaching it searches for. */
  terms: string[];
}

interface Member extends PreparedMember {
  /** The terms the talk knows. */
  reached: string[];
  /** The group it belongs to. */
  group: Member[];
}

/** Analyses the groups' expressions (the part that needs the word segmenter). */
export function prepareGroups(groups: string[][]): PreparedMember[][] {
  return groups.map((group) =>
    group.map((expression) => {
      const text = normalize(expression).trim();
      const t = terms(text);
      const han = isHan(text);
      // A bigram of function words (怎么 in 怎么破) would match every question, not this meaning.
      const bigrams = han ? t.bigrams.filter((b) => !isStop(b)) : [];
      return { han, text, words: t.words, terms: [...new Set([...t.words, ...bigrams])] };
    }),
  );
}

export interface Crossing {
  /** The query's words the matched expression covers. */
  span: Set<string>;
  /** The talk's terms of the other members of its group. */
  reached: string[];
  /** Whether the matched expression is not the talk's own wording (some of its terms the talk never uses). */
  foreign: boolean;
}

export class Bridges {
  private readonly memberWords = new Set<string>();
  /** English members by their first word, Chinese ones by their first character: a query looks up only its own. */
  private readonly byFirstWord = new Map<string, Member[]>();
  private readonly byFirstChar = new Map<string, Member[]>();

  constructor(groups: PreparedMember[][], known: (term: string) => boolean) {
    const add = (index: Map<string, Member[]>, key: string, member: Member) => {
      const list = index.get(key);
      if (list) list.push(member);
      else index.set(key, [member]);
    };
    for (const prepared of groups) {
      const group: Member[] = [];
      for (const member of prepared) {
        for (const w of member.words) this.memberWords.add(w);
        const m: Member = {
          han: member.han,
          text: member.text,
          words: member.words,
          terms: member.terms,
          reached: member.terms.filter(known),
          group,
        };
        group.push(m);
        if (m.han) add(this.byFirstChar, String.fromCodePoint(m.text.codePointAt(0)!), m);
        else if (m.words.length > 0) add(this.byFirstWord, m.words[0]!, m);
      }
    }
  }

  /** Whether a word belongs to some group (so it is not a name the talk never mentions). */
  knows(word: string): boolean {
    return terms(word).words.some((w) => this.memberWords.has(w));
  }

  /** Every group the query touches, with the words it covers and the terms it reaches. */
  cross(normalizedQuery: string, queryWords: string[]): Crossing[] {
    const candidates = new Set<Member>();
    for (const w of new Set(queryWords)) for (const m of this.byFirstWord.get(w) ?? []) candidates.add(m);
    for (const c of new Set(normalizedQuery))
      for (const m of this.byFirstChar.get(c) ?? []) candidates.add(m);
    const crossings: Crossing[] = [];
    for (const member of candidates) {
      const span = this.match(member, normalizedQuery, queryWords);
      if (!span) continue;
      const reached = member.group.filter((m) => m !== member).flatMap((m) => m.reached);
      if (reached.length > 0)
        crossings.push({
          span,
          reached: [...new Set(reached)],
          foreign: member.reached.length < member.terms.length,
        });
    }
    return crossings;
  }

  private match(member: Member, query: string, words: string[]): Set<string> | undefined {
    if (member.han) {
      if (!query.includes(member.text)) return undefined;
      return new Set(words.filter((w) => isHan(w) && (member.text.includes(w) || w.includes(member.text))));
    }
    const n = member.words.length;
    if (n === 0) return undefined;
    for (let i = 0; i + n <= words.length; i++) {
      if (member.words.every((w, k) => words[i + k] === w)) return new Set(member.words);
    }
    return undefined;
  }
}
