/**
 * The index's slow part, prepared from the content: every passage's text cut into terms, field by field,
 * gathered into postings (kept in the build's snapshot), and the lookups into them.
 */
import type { Content } from '../content/load.js';
import type { Passage } from '../content/schema.js';
import { type PreparedMember, prepareGroups } from './bridges.js';
import { OFF_TOPIC, type OffTopicExpression, prepareOffTopic } from './off-topic.js';
import { isHan, normalize, terms } from './tokens.js';

/** `question`: the questions each passage answers, written by this project (searched, never shown). */
export const FIELD_WEIGHTS = { text: 1, bigram: 0.45, alias: 0.7, section: 0.3, question: 1.5 } as const;
export type Field = keyof typeof FIELD_WEIGHTS;
export const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

function count(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** The index's term lists of one passage, field by field. */
export function passageTerms(content: Content, passage: Passage, aliases: string[]): Record<Field, string[]> {
  const zh = terms(passage.zh, true);
  const en = terms(passage.en, true);
  const alias = terms(aliases.join(' | '), true);
  const section = content.meta.sections.find((s) => s.id === passage.section);
  const title = terms(section ? `${section.en} ${section.zh}` : '', true);
  const asked = content.questions[passage.id];
  const question = terms(asked ? [...asked.en, ...asked.zh].join(' | ') : '', true);
  return {
    text: [...zh.words, ...en.words],
    bigram: zh.bigrams,
    alias: [...alias.words, ...alias.bigrams],
    section: [...title.words, ...title.bigrams],
    question: [...question.words, ...question.bigrams],
  };
}

/**
 * The index in a form that loads fast (a build keeps it in a snapshot): for each term its postings, as
 * [document frequency, then (passage index, field index, term count) for each occurrence], and each
 * passage's field lengths.
 */
export interface Prepared {
  postings: PostingTable;
  lens: number[][];
  bridges: PreparedMember[][];
  /** Each question written for a passage, on its own: the passage it belongs to, and term → questions. */
  questions: { of: number[]; postings: PostingTable };
  /** The subjects the talk never treats, without any expression the talk or its bridges use. */
  offTopic: OffTopicExpression[];
}

/**
 * Term → postings list, packed: every list end to end in one array of small numbers, so a snapshot keeps
 * it as bytes and loads it without parsing tens of thousands of numbers.
 */
export interface PostingTable {
  terms: string[];
  /** Where each term's list ends in `data` (it starts where the previous one ends). */
  ends: Uint32Array;
  data: Uint16Array;
}

export function packPostings(table: Record<string, number[]>): PostingTable {
  const terms = Object.keys(table);
  const ends = new Uint32Array(terms.length);
  const all = terms.flatMap((t) => table[t]!);
  if (all.some((n) => n > 0xffff)) throw new Error('a posting does not fit in 16 bits');
  let end = 0;
  terms.forEach((t, i) => {
    end += table[t]!.length;
    ends[i] = end;
  });
  return { terms, ends, data: Uint16Array.from(all) };
}

/** The glossary's entries (English with Chinese) and the synonym groups, as groups of expressions. */
export function bridgeGroups(content: Content): string[][] {
  return [...content.glossary.map((e) => [...e.en, ...e.zh]), ...content.synonyms];
}

/** Prepares the index from the content (segmenting every text: the slow part). */
export function prepare(content: Content): Prepared {
  const aliases = aliasesByPassage(content);
  const postings: Record<string, number[]> = {};
  const lens: number[][] = [];
  content.passages.forEach((passage, d) => {
    const lists = passageTerms(content, passage, aliases.get(passage.id) ?? []);
    lens.push(FIELDS.map((f) => lists[f].length));
    const seen = new Set<string>();
    FIELDS.forEach((f, k) => {
      for (const [term, tf] of count(lists[f])) {
        if (!Object.hasOwn(postings, term)) postings[term] = [0];
        const list = postings[term]!;
        if (!seen.has(term)) {
          seen.add(term);
          list[0]! += 1;
        }
        list.push(d, k, tf);
      }
    });
  });
  const bridges = prepareGroups(bridgeGroups(content));
  const bridged = new Set(bridges.flat().map((m) => m.text));
  const text = talkText(content.passages.map((p) => ({ zh: normalize(p.zh), en: normalize(p.en) })));
  const offTopic = prepareOffTopic(
    OFF_TOPIC,
    (e) =>
      bridged.has(e.text) ||
      (e.han || e.words.length !== 1 ? text.includes(e.text) : Object.hasOwn(postings, e.words[0]!)),
    [...bridged].filter(isHan),
  );
  return {
    postings: packPostings(postings),
    lens,
    bridges,
    questions: prepareQuestions(content),
    offTopic,
  };
}

/** All the talk's text: both languages of every passage (given normalised), for substring lookups. */
export function talkText(passages: { zh: string; en: string }[]): string {
  return passages.map((p) => `${p.zh} ${p.en}`).join(' ');
}

/** The questions written for each passage, one by one, so a query can be matched against a single question. */
function prepareQuestions(content: Content): Prepared['questions'] {
  const of: number[] = [];
  const postings: Record<string, number[]> = {};
  content.passages.forEach((passage, d) => {
    const asked = content.questions[passage.id];
    for (const question of asked ? [...asked.en, ...asked.zh] : []) {
      const t = terms(question, true);
      for (const term of new Set([...t.words, ...t.bigrams])) {
        if (!Object.hasOwn(postings, term)) postings[term] = [];
        postings[term]!.push(of.length);
      }
      of.push(d);
    }
  });
  return { of, postings: packPostings(postings) };
}

/** The aliases and titles of the topics citing each passage, searched as the passage's own field. */
export function aliasesByPassage(content: Content): Map<string, string[]> {
  const byPassage = new Map<string, string[]>();
  for (const topic of content.topics) {
    const aliases = [...topic.aliases.en, ...topic.aliases.zh, topic.title.en, topic.title.zh];
    for (const id of new Set(topic.points.flatMap((p) => p.cites)))
      byPassage.set(id, [...(byPassage.get(id) ?? []), ...aliases]);
  }
  return byPassage;
}

/** Lookups into a posting table: a map of its own terms, so a term such as "constructor" is just a word. */
export class Postings {
  private readonly at: Map<string, number>;
  constructor(private readonly table: PostingTable) {
    this.at = new Map();
    for (let i = 0; i < table.terms.length; i++) this.at.set(table.terms[i]!, i);
  }
  has(term: string): boolean {
    return this.at.has(term);
  }
  get(term: string): Uint16Array | undefined {
    const i = this.at.get(term);
    if (i === undefined) return undefined;
    return this.table.data.subarray(i === 0 ? 0 : this.table.ends[i - 1], this.table.ends[i]);
  }
  keys(): string[] {
    return this.table.terms;
  }
}
