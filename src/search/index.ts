/**
 * One bilingual search over the talk's passages. A BM25 ranking over several fields (the Chinese words and
 * the English translation, character bigrams, the aliases of the topics that cite a passage, its section
 * title, and the questions it answers), with bridges across wording (the glossary between the languages,
 * synonyms from everyday words to the talk's own) and typo repair. A query is answered only when the talk's
 * vocabulary explains most of it and names nothing the talk never mentions, so off-topic questions get no
 * results rather than a loosely related passage.
 */
import type { Content } from '../content/load.js';
import type { Passage, Topic } from '../content/schema.js';
import { Bridges } from './bridges.js';
import { unknownNames } from './names.js';
import { OffTopic } from './off-topic.js';
import { FIELD_WEIGHTS, FIELDS, Postings, type Prepared, prepare, talkText } from './prepare.js';
import { type AnsweredWord, QuestionIndex } from './questions.js';
import { isHan, isStop, normalize, terms, withoutMentions } from './tokens.js';
import { Vocabulary } from './vocabulary.js';

/** Queries are cut to this many characters: nothing in the talk needs more, and it bounds the work. */
export const QUERY_MAX_CHARS = 2000;
const QUERY_TERMS_MAX = 64;

const K1 = 1.2;
const B = 0.6;
/** Words of the speaker rank above the publication's and journalist's paraphrases of them. */
const KIND_WEIGHT = { speaker: 1, highlight: 0.6, introduction: 0.5 } as const;
/** Below this share of the query explained by the talk, the talk does not cover the question. */
export const MIN_COVERAGE = 0.45;
/** A best answer scoring under this is a loose association (one shared word), not an answer. */
export const MIN_TOP_SCORE = 0.38;
/**
 * How much a passage gains when one of the questions written for it asks what the query asks: a query
 * matched by a single question is answered more surely than one whose words are scattered over many.
 */
const QUESTION_BOOST = 2;
/** Results scoring under this share of the best one are noise, not answers. */
const TAIL_CUTOFF = 0.2;
const SCORE_SCALE = 6;
/** Weight and credit of a term reached through a bridge (a translation or a synonym). */
const BRIDGE_WEIGHT = 0.15;
const BRIDGE_CREDIT = 0.9;
/**
 * Weight of a term reached from wording the talk never uses ("tougher", 还要几年): the bridge is then the
 * query's only way into the talk, a translation rather than one more way of saying what the query already
 * says in the talk's words, so it counts for more.
 */
const FOREIGN_BRIDGE_WEIGHT = 0.5;

export interface SearchHit {
  passage: Passage;
  /** 0..1: how well the passage answers the query, scaled by how much of the query the talk covers. */
  score: number;
}

export interface SearchOutcome {
  query: string;
  hits: SearchHit[];
  /** Why there are no hits, when there are none. */
  reason?: 'empty' | 'no-terms' | 'not-covered';
  /** Share of the query's meaning the talk's vocabulary explains. */
  coverage: number;
}

/** A passage as the index holds it. */
interface Doc {
  passage: Passage;
  /** Term count per field, in FIELDS order. */
  len: number[];
  zh: string;
  en: string;
  /** How central the passage is: how often the project's summaries and takeaways cite it. */
  cited: number;
}

interface QueryTerm {
  term: string;
  weight: number;
}

/** One word of a query, with the talk's terms that answer it. */
interface QueryWord extends AnsweredWord {
  word: string;
}

export class TalkSearch {
  private readonly docs: Doc[];
  /** term → [document frequency, (passage, field, count)…], as parsed (no copy: it loads in no time). */
  private readonly postings: Postings;
  private readonly asked: QuestionIndex;
  private readonly avgLen: number[];
  private readonly vocabulary: Vocabulary;
  private readonly bridges: Bridges;
  /** All the talk's text, normalised, for names with versions ("gpt-4"). */
  private readonly text: string;
  private readonly offTopic: OffTopic;

  constructor(
    private readonly content: Content,
    /** The prepared index (a snapshot checked against this content); prepared here otherwise. */
    prebuilt?: Prepared,
  ) {
    const prepared = prebuilt ?? prepare(content);
    const cited = new Map<string, number>();
    for (const id of [
      ...content.topics.flatMap((t) => t.points.flatMap((p) => p.cites)),
      ...content.takeaways.flatMap((t) => t.cites),
    ])
      cited.set(id, (cited.get(id) ?? 0) + 1);
    this.docs = content.passages.map((passage, i) => ({
      passage,
      len: prepared.lens[i]!,
      zh: normalize(passage.zh),
      en: normalize(passage.en),
      cited: cited.get(passage.id) ?? 0,
    }));
    this.postings = new Postings(prepared.postings);
    this.asked = new QuestionIndex(new Postings(prepared.questions.postings), prepared.questions.of);
    this.vocabulary = new Vocabulary(this.postings);
    this.avgLen = FIELDS.map(
      (_, k) => this.docs.reduce((sum, d) => sum + (d.len[k] ?? 0), 0) / this.docs.length || 1,
    );
    this.bridges = new Bridges(prepared.bridges, (t) => this.postings.has(t));
    this.text = talkText(this.docs);
    this.offTopic = new OffTopic(prepared.offTopic);
  }

  private df(term: string): number {
    return this.postings.get(term)?.[0] ?? 0;
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private get maxIdf(): number {
    return this.idf('\u0000');
  }

  /** Terms of the talk's vocabulary (English) that start with `prefix`, for autocomplete as people type. */
  vocabularyStarting(prefix: string, limit = 8): string[] {
    return this.vocabulary.starting(prefix, limit);
  }

  /** Vocabulary words whose beginning is one typo away from `prefix` (`reenf` → reinforcement). */
  vocabularyNear(prefix: string, limit = 4): string[] {
    return this.vocabulary.near(prefix, limit);
  }

  /** The closest vocabulary word to a misspelt English word, if one is close enough. */
  repair(word: string): { term: string; distance: number } | undefined {
    return this.vocabulary.repair(word);
  }

  /**
   * The query's words, each with its weight (IDF; unknown words weigh most) and the talk's terms that answer
   * it; the weighted terms to rank by; and how much of the query the talk's vocabulary explains.
   */
  private analyse(query: string): {
    terms: QueryTerm[];
    words: QueryWord[];
    coverage: number;
    phrase: string;
    /** Off-topic subjects the query names. */
    offTopic: string[];
  } {
    const normalized = normalize(query);
    const { words, bigrams } = terms(normalized);
    const unique = [...new Set(words)].slice(0, QUERY_TERMS_MAX);
    const out = new Map<string, number>();
    const addTerm = (term: string, weight: number) => out.set(term, Math.max(out.get(term) ?? 0, weight));
    const analysed: QueryWord[] = [];
    for (const word of unique) {
      const weight = this.postings.has(word) ? this.idf(word) : this.maxIdf;
      const answers = new Map<string, number>();
      if (this.postings.has(word)) {
        addTerm(word, 1);
        answers.set(word, 1);
      } else if (isHan(word) && word.length > 1) {
        // A Chinese word the segmenter split differently from the talk: the bigrams the talk knows answer it.
        const chars = [...word];
        const parts = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
        for (const p of parts) if (this.postings.has(p)) answers.set(p, 1 / parts.length);
      } else if (isHan(word)) {
        // A lone character the segmenter cut from its neighbours (互 联 网): the talk's words across them answer it.
        for (const b of bigrams) if (b.includes(word) && this.postings.has(b)) answers.set(b, 0.5);
      } else {
        const fix = this.repair(word);
        if (fix) {
          addTerm(fix.term, fix.distance === 1 ? 0.8 : 0.6);
          answers.set(fix.term, fix.distance === 1 ? 0.9 : 0.75);
        }
      }
      analysed.push({ word, weight, answers, split: isHan(word) && !this.postings.has(word) });
    }
    // A pair of function words (怎么, 什么) would match passages by their grammar, not their subject.
    for (const bigram of new Set(bigrams))
      if (this.postings.has(bigram) && !isStop(bigram)) addTerm(bigram, 1);
    // Bridges: a word or phrase that means the same as one of the talk's asks for the talk's too.
    for (const { span, reached, foreign } of this.bridges.cross(normalized, words)) {
      for (const t of reached) addTerm(t, foreign ? FOREIGN_BRIDGE_WEIGHT : BRIDGE_WEIGHT);
      for (const w of analysed)
        if (span.has(w.word))
          for (const t of reached) w.answers.set(t, Math.max(w.answers.get(t) ?? 0, BRIDGE_CREDIT));
    }
    const total = analysed.reduce((sum, w) => sum + w.weight, 0);
    const explained = analysed.reduce(
      (sum, w) => sum + w.weight * Math.min(1, w.split ? sumOf(w.answers) : maxOf(w.answers)),
      0,
    );
    return {
      terms: [...out].map(([term, weight]) => ({ term, weight })),
      words: analysed,
      coverage: total === 0 ? 0 : explained / total,
      phrase: normalized.trim(),
      offTopic: this.offTopic.find(normalized, words),
    };
  }

  /**
   * Names in the query the talk never mentions (a capitalised word, or a name with a version such as
   * "GPT-5"): a question about them is about something else, however familiar its other words are.
   */
  unknownNames(query: string): string[] {
    return unknownNames(query, {
      mentions: (name) => this.text.includes(name.replace(/ /g, '')) || this.text.includes(name),
      knows: (word) => this.knows(word),
    });
  }

  /** Subjects the talk never treats that the query is about (see off-topic.ts), as `subject: expression`. */
  offTopicSubjects(query: string): string[] {
    const normalized = normalize(withoutMentions(query));
    return this.offTopic.find(normalized, terms(normalized).words);
  }

  private knows(word: string): boolean {
    const stemmed = terms(word).words;
    if (stemmed.length > 0 && stemmed.every((t) => this.postings.has(t))) return true;
    if (this.bridges.knows(word)) return true;
    // A capitalised word of three letters is more often an acronym (IBM) than a typo of the talk's words.
    const fix = word.length > 3 ? this.repair(word) : undefined;
    return fix !== undefined && fix.distance <= 1;
  }

  /** BM25 of every passage holding a query term, over every field, through the postings. */
  private bm25(queryTerms: QueryTerm[]): Map<number, number> {
    const raw = new Map<number, number>();
    for (const { term, weight } of queryTerms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (let i = 1; i < list.length; i += 3) {
        const d = list[i]!;
        const k = list[i + 1]!;
        const tf = list[i + 2]!;
        const norm = 1 - B + (B * this.docs[d]!.len[k]!) / this.avgLen[k]!;
        const field = FIELDS[k]!;
        raw.set(
          d,
          (raw.get(d) ?? 0) + weight * FIELD_WEIGHTS[field] * idf * ((tf * (K1 + 1)) / (tf + K1 * norm)),
        );
      }
    }
    return raw;
  }

  /**
   * `lenient` skips the "does the talk cover this" gates: for suggesting topics and autocomplete, where a
   * loose association is exactly what is wanted.
   */
  search(
    rawQuery: string,
    options: { limit?: number; speakerOnly?: boolean; lenient?: boolean; extraTerms?: QueryTerm[] } = {},
  ): SearchOutcome {
    const query = rawQuery.slice(0, QUERY_MAX_CHARS).trim();
    if (query === '') return { query, hits: [], reason: 'empty', coverage: 0 };
    const cleaned = withoutMentions(query);
    const analysed = this.analyse(cleaned);
    const queryTerms = [...analysed.terms, ...(options.extraTerms ?? [])];
    const { coverage, phrase } = analysed;
    const notCovered = { query, hits: [], reason: 'not-covered' as const, coverage };
    if (queryTerms.length === 0 && coverage === 0) {
      const meaningful = terms(query).words.length > 0;
      return meaningful ? notCovered : { query, hits: [], reason: 'no-terms', coverage };
    }
    const elsewhere = analysed.offTopic.length > 0 || this.unknownNames(cleaned).length > 0;
    if (!options.lenient && (coverage < MIN_COVERAGE || elsewhere)) return notCovered;

    const phraseIsLong = [...phrase].length >= 4 && phrase.length <= 200;
    const asked = this.asked.bestMatch(analysed.words);
    const scored: { doc: Doc; raw: number }[] = [];
    for (const [d, bm25] of this.bm25(queryTerms)) {
      const doc = this.docs[d]!;
      if (options.speakerOnly && doc.passage.kind !== 'speaker') continue;
      let raw = bm25;
      if (raw === 0) continue;
      if (phraseIsLong && (doc.zh.includes(phrase) || doc.en.includes(phrase))) raw *= 1.5;
      raw *= 1 + QUESTION_BOOST * (asked.get(d) ?? 0);
      // Among passages that match alike, the ones the talk's summaries rest on come first.
      raw *= KIND_WEIGHT[doc.passage.kind] * (1 + 0.05 * Math.log1p(doc.cited));
      scored.push({ doc, raw });
    }
    scored.sort((a, b) => b.raw - a.raw || a.doc.passage.id.localeCompare(b.doc.passage.id));
    const top = scored[0]?.raw ?? 0;
    const hits = scored
      .filter((s) => s.raw >= top * TAIL_CUTOFF)
      .slice(0, options.limit ?? scored.length)
      .map((s) => ({ passage: s.doc.passage, score: round(coverage * (s.raw / (s.raw + SCORE_SCALE))) }));
    // A word the whole talk is about ("model", 数据) matches everywhere, so no passage scores high; asked on
    // its own it still deserves the passages that say most about it.
    const common = coverage >= 0.95 && analysed.words.length <= 2;
    if (!options.lenient && !common && (hits[0]?.score ?? 0) < MIN_TOP_SCORE) return notCovered;
    return { query, hits, coverage };
  }

  /** Topics ranked by how much of their cited material the query finds. */
  topicsFor(outcome: SearchOutcome): Topic[] {
    const weight = new Map<string, number>();
    for (const topic of this.content.topics) {
      if (topic.id === 'overview') continue;
      const cited = new Set(topic.points.flatMap((p) => p.cites));
      const sum = outcome.hits.reduce((acc, h) => acc + (cited.has(h.passage.id) ? h.score : 0), 0);
      if (sum > 0) weight.set(topic.id, sum);
    }
    return [...weight].sort((a, b) => b[1] - a[1]).map(([id]) => this.content.topicById.get(id)!);
  }
}

const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const maxOf = (m: Map<string, number>) => Math.max(0, ...m.values());

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
