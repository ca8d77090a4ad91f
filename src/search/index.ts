/**
 * One bilingual search over the talk's passages. A BM25 ranking over several fields (the Chinese words, the
 * English translation, the aliases of the topics that cite a passage, its section title), with glossary
 * expansion across languages and typo repair against the vocabulary. A query is answered only when the
 * talk's vocabulary explains most of it ("coverage"), so off-topic questions get no results rather than a
 * loosely related passage.
 */
import type { Content } from '../content/load.js';
import type { Passage, Topic } from '../content/schema.js';
import { editDistance, typoBudget } from './edit-distance.js';
import { isHan, normalize, terms, withoutMentions } from './tokens.js';

/** Queries are cut to this many characters: nothing in the talk needs more, and it bounds the work. */
export const QUERY_MAX_CHARS = 2000;
const QUERY_TERMS_MAX = 64;

/** `question`: the questions each passage answers, written by this project (searched, never shown). */
const FIELD_WEIGHTS = {
  text: 1,
  bigram: 0.45,
  alias: 0.7,
  section: 0.3,
  question: Number(process.env.SQW ?? 0.8),
} as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];
const K1 = 1.2;
const B = 0.6;
/** Words of the speaker rank above the editor's and journalist's paraphrases of them. */
const KIND_WEIGHT = { speaker: 1, highlight: 0.6, introduction: 0.5 } as const;
/** Below this share of the query explained by the talk, the talk does not cover the question. */
export const MIN_COVERAGE = 0.45;
/** A best answer scoring under this is a loose association (one shared word), not an answer. */
export const MIN_TOP_SCORE = 0.3;
/** Results scoring under this share of the best one are noise, not answers. */
const TAIL_CUTOFF = 0.2;
const SCORE_SCALE = 6;

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
  /** Share of the query's meaning the best passages themselves explain. */
  bestCovered?: number;
}

interface Doc {
  passage: Passage;
  tf: Record<Field, Map<string, number>>;
  /** Every term of every field. */
  all: Set<string>;
  len: Record<Field, number>;
  zh: string;
  en: string;
}

interface QueryTerm {
  term: string;
  weight: number;
}

/** One word of a query: its weight, and the talk's terms that answer it with their credit (0..1). */
interface QueryWord {
  word: string;
  weight: number;
  answers: Map<string, number>;
  /** A Chinese word the talk only knows as bigrams: their credits add up. */
  split: boolean;
}

const sumOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const maxOf = (m: Map<string, number>) => Math.max(0, ...m.values());

function count(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of list) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

const X = {
  alpha: Number(process.env.SA ?? 1),
  minTop: Number(process.env.SMT ?? 0.3),
  minDoc: Number(process.env.SMD ?? 0),
  mix: Number(process.env.SMIX ?? 0),
  q: Number(process.env.SQ ?? 0),
  names: process.env.SN === '1',
  qw: Number(process.env.SQW ?? 0.8),
};
export class TalkSearch {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly avgLen: Record<Field, number>;
  private readonly vocabulary: string[];
  private readonly glossary: { en: string[][]; zh: string[] }[];
  /** Each question as a short document of its own, pointing at its passage. */
  private readonly questionDocs: { doc: Doc; tf: Map<string, number>; len: number }[] = [];
  private questionAvgLen = 1;
  /** All the talk's text, normalised, for names with versions ("gpt-4"). */
  private readonly text: string;

  constructor(private readonly content: Content) {
    const aliasesByPassage = new Map<string, string[]>();
    for (const topic of content.topics) {
      const aliases = [...topic.aliases.en, ...topic.aliases.zh, topic.title.en, topic.title.zh];
      for (const id of new Set(topic.points.flatMap((p) => p.cites))) {
        aliasesByPassage.set(id, [...(aliasesByPassage.get(id) ?? []), ...aliases]);
      }
    }
    const sectionTitle = new Map(content.meta.sections.map((s) => [s.id, `${s.en} ${s.zh}`]));

    this.docs = content.passages.map((passage) => {
      const zh = terms(passage.zh, true);
      const en = terms(passage.en, true);
      const alias = terms((aliasesByPassage.get(passage.id) ?? []).join(' | '), true);
      const section = terms(sectionTitle.get(passage.section) ?? '', true);
      const asked = content.questions[passage.id];
      const question = terms(asked ? [...asked.en, ...asked.zh].join(' | ') : '', true);
      const lists: Record<Field, string[]> = {
        text: [...zh.words, ...en.words],
        bigram: zh.bigrams,
        alias: [...alias.words, ...alias.bigrams],
        section: [...section.words, ...section.bigrams],
        question: [...question.words, ...question.bigrams],
      };
      const tf = Object.fromEntries(FIELDS.map((f) => [f, count(lists[f])])) as Doc['tf'];
      const len = Object.fromEntries(FIELDS.map((f) => [f, lists[f].length])) as Doc['len'];
      const all = new Set(FIELDS.flatMap((f) => lists[f]));
      return { passage, tf, all, len, zh: normalize(passage.zh), en: normalize(passage.en) };
    });

    for (const doc of this.docs) {
      const seen = new Set<string>();
      for (const f of FIELDS) for (const t of doc.tf[f].keys()) seen.add(t);
      for (const t of seen) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
    this.avgLen = Object.fromEntries(
      FIELDS.map((f) => [f, this.docs.reduce((sum, d) => sum + d.len[f], 0) / this.docs.length || 1]),
    ) as Record<Field, number>;
    this.text = this.docs.map((d) => `${d.zh} ${d.en}`).join(' ');
    const byId = new Map(this.docs.map((d) => [d.passage.id, d]));
    for (const [id, asked] of Object.entries(content.questions)) {
      const doc = byId.get(id);
      if (!doc) continue;
      for (const q of [...asked.en, ...asked.zh]) {
        const t = terms(q);
        const list = [...t.words, ...t.bigrams];
        this.questionDocs.push({ doc, tf: count(list), len: list.length });
      }
    }
    this.questionAvgLen =
      this.questionDocs.reduce((n, q) => n + q.len, 0) / Math.max(1, this.questionDocs.length) || 1;
    this.vocabulary = [...this.df.keys()].filter((t) => !isHan(t) && !/^\d+$/.test(t));
    this.glossary = content.glossary.map((entry) => ({
      en: entry.en.map((phrase) => terms(phrase).words),
      zh: entry.zh.map((term) => normalize(term)),
    }));
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  private get maxIdf(): number {
    return this.idf('\u0000');
  }

  /** The closest vocabulary word to a misspelt English word, if one is close enough. */
  private repair(word: string): { term: string; distance: number } | undefined {
    const budget = typoBudget(word.length);
    if (budget === 0) return undefined;
    let best: { term: string; distance: number } | undefined;
    for (const candidate of this.vocabulary) {
      const d = editDistance(word, candidate, budget);
      if (d > budget) continue;
      const better =
        !best ||
        d < best.distance ||
        (d === best.distance && (this.df.get(candidate) ?? 0) > (this.df.get(best.term) ?? 0));
      if (better) best = { term: candidate, distance: d };
    }
    return best;
  }

  /**
   * The query's words, each with its weight (IDF; unknown words weigh most) and the talk's terms that would
   * answer it with their credit (the word itself, a typo's repair, a Chinese word's bigrams, a glossary
   * translation); the weighted terms to rank by; and how much of the query the talk's vocabulary explains.
   */
  private analyse(query: string): {
    terms: QueryTerm[];
    words: QueryWord[];
    coverage: number;
    phrase: string;
  } {
    const normalized = normalize(query);
    const { words, bigrams } = terms(normalized);
    const unique = [...new Set(words)].slice(0, QUERY_TERMS_MAX);
    const out = new Map<string, number>();
    const addTerm = (term: string, weight: number) => out.set(term, Math.max(out.get(term) ?? 0, weight));
    const analysed: QueryWord[] = [];

    for (const word of unique) {
      const weight = this.df.has(word) ? this.idf(word) : this.maxIdf;
      const answers = new Map<string, number>();
      if (this.df.has(word)) {
        addTerm(word, 1);
        answers.set(word, 1);
      } else if (isHan(word)) {
        // A Chinese word the segmenter split differently from the talk: the bigrams the talk knows answer it.
        const chars = [...word];
        const parts = chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
        for (const p of parts) if (this.df.has(p)) answers.set(p, 1 / parts.length);
      } else {
        const fix = this.repair(word);
        if (fix) {
          addTerm(fix.term, fix.distance === 1 ? 0.8 : 0.6);
          answers.set(fix.term, fix.distance === 1 ? 0.9 : 0.75);
        }
      }
      analysed.push({ word, weight, answers, split: isHan(word) && !this.df.has(word) });
    }
    for (const bigram of new Set(bigrams)) if (this.df.has(bigram)) addTerm(bigram, 1);

    // Glossary: an English phrase in the query also asks for its Chinese term, and the other way round.
    const sequence = ` ${[...out.keys()].filter((t) => !isHan(t)).join(' ')} `;
    const queryWords = ` ${words.join(' ')} `;
    for (const entry of this.glossary) {
      const enPhrases = entry.en.filter(
        (p) =>
          p.length > 0 && (queryWords.includes(` ${p.join(' ')} `) || sequence.includes(` ${p.join(' ')} `)),
      );
      const zhTerms = entry.zh.filter((z) => normalized.includes(z));
      const zhWords = entry.zh.flatMap((z) => terms(z).words).filter((t) => this.df.has(t));
      const enWords = entry.en.flat().filter((t) => this.df.has(t));
      if (enPhrases.length > 0) {
        for (const t of zhWords) addTerm(t, 0.5);
        const inPhrase = new Set(enPhrases.flat());
        for (const w of analysed) if (inPhrase.has(w.word)) for (const t of zhWords) w.answers.set(t, 1);
      }
      if (zhTerms.length > 0) {
        for (const t of enWords) addTerm(t, 0.5);
        for (const w of analysed)
          if (isHan(w.word) && zhTerms.some((z) => z.includes(w.word) || w.word.includes(z)))
            for (const t of enWords) w.answers.set(t, 1);
      }
    }

    const total = analysed.reduce((sum, w) => sum + w.weight, 0);
    const explained = analysed.reduce(
      (sum, w) => sum + w.weight * Math.min(1, w.split ? sumOf(w.answers) : maxOf(w.answers)),
      0,
    );
    const weighted = [...out].map(([term, weight]) => ({ term, weight }));
    return {
      terms: weighted,
      words: analysed,
      coverage: total === 0 ? 0 : explained / total,
      phrase: normalized.trim(),
    };
  }

  /**
   * Names in the query the talk never mentions (a capitalised word, or a name with a version such as
   * "GPT-5"): a question about them is about something else, however familiar its other words are.
   */
  unknownNames(query: string): string[] {
    const names: string[] = [];
    for (const m of query.matchAll(
      /(?<![\p{L}\p{N}])([A-Za-z][A-Za-z]*(?:[- ]?\d+(?:\.\d+)*)?[A-Za-z]*)(?![\p{L}\p{N}])/gu,
    )) {
      const raw = m[1]!;
      // "Claude 3.5" is a name with a version; "in 2018" is not.
      const versioned = /\d/.test(raw) && (!raw.includes(' ') || /^[A-Z]/.test(raw));
      // A capital at the start of an English sentence proves nothing; CamelCase, capitals or Chinese around do.
      const capitalised =
        /^[A-Z]/.test(raw) &&
        (m.index! > 0 || /[a-z][A-Z]|^[A-Z]{2,}/.test(raw) || /\p{Script=Han}/u.test(query));
      if (!versioned && !capitalised) continue;
      const word = normalize(raw);
      if (
        versioned ? this.text.includes(word.replace(/ /g, '')) || this.text.includes(word) : this.knows(word)
      )
        continue;
      names.push(raw);
    }
    return names;
  }

  private knows(word: string): boolean {
    const stemmed = terms(word).words;
    if (stemmed.length > 0 && stemmed.every((t) => this.df.has(t))) return true;
    const fix = this.repair(word);
    return fix !== undefined && fix.distance <= 1;
  }

  /** How much of the query's meaning one passage answers, by the query words' weights. */
  private docCoverage(doc: Doc, words: QueryWord[]): number {
    let total = 0;
    let explained = 0;
    for (const w of words) {
      total += w.weight;
      let credit = 0;
      for (const [term, c] of w.answers) {
        if (!doc.all.has(term)) continue;
        credit = w.split ? credit + c : Math.max(credit, c);
      }
      explained += w.weight * Math.min(1, credit);
    }
    return total === 0 ? 0 : explained / total;
  }

  /**
   * `lenient` skips the "does the talk cover this" gates: for suggesting topics, where a loose
   * association is exactly what is wanted.
   */
  search(
    rawQuery: string,
    options: { limit?: number; speakerOnly?: boolean; lenient?: boolean } = {},
  ): SearchOutcome {
    const query = rawQuery.slice(0, QUERY_MAX_CHARS).trim();
    if (query === '') return { query, hits: [], reason: 'empty', coverage: 0 };
    const { terms: queryTerms, words, coverage, phrase } = this.analyse(withoutMentions(query));
    if (X.names && !options.lenient && this.unknownNames(withoutMentions(query)).length > 0)
      return { query, hits: [], reason: 'not-covered', coverage };
    if (queryTerms.length === 0 && coverage === 0) {
      const meaningful = terms(query).words.length > 0;
      return { query, hits: [], reason: meaningful ? 'not-covered' : 'no-terms', coverage };
    }
    if (coverage < MIN_COVERAGE && !options.lenient)
      return { query, hits: [], reason: 'not-covered', coverage };

    const phraseIsLong = [...phrase].length >= 4 && phrase.length <= 200;
    const scored: { doc: Doc; raw: number; covered: number }[] = [];
    const asked = new Map<Doc, number>();
    if (X.q > 0)
      for (const q of this.questionDocs) {
        let r = 0;
        for (const { term, weight } of queryTerms) {
          const tf = q.tf.get(term);
          if (!tf) continue;
          const norm = 1 - B + (B * q.len) / this.questionAvgLen;
          r += weight * this.idf(term) * ((tf * (K1 + 1)) / (tf + K1 * norm));
        }
        if (r > (asked.get(q.doc) ?? 0)) asked.set(q.doc, r);
      }
    for (const doc of this.docs) {
      if (options.speakerOnly && doc.passage.kind !== 'speaker') continue;
      let raw = X.q * (asked.get(doc) ?? 0);
      for (const { term, weight } of queryTerms) {
        const idf = this.idf(term);
        for (const f of FIELDS) {
          const tf = doc.tf[f].get(term);
          if (!tf) continue;
          const norm = 1 - B + (B * doc.len[f]) / this.avgLen[f];
          raw += weight * FIELD_WEIGHTS[f] * idf * ((tf * (K1 + 1)) / (tf + K1 * norm));
        }
      }
      if (raw === 0) continue;
      if (phraseIsLong && (doc.zh.includes(phrase) || doc.en.includes(phrase))) raw *= 1.5;
      const covered = this.docCoverage(doc, words);
      raw *= KIND_WEIGHT[doc.passage.kind] * covered ** X.alpha;
      scored.push({ doc, raw, covered });
    }
    scored.sort((a, b) => b.raw - a.raw || a.doc.passage.id.localeCompare(b.doc.passage.id));
    const top = scored[0]?.raw ?? 0;
    const hits = scored
      .filter((s) => s.raw >= top * TAIL_CUTOFF)
      .slice(0, options.limit ?? scored.length)
      .map((s) => ({
        passage: s.doc.passage,
        score: round(
          X.mix === 1
            ? s.covered * (s.raw / (s.raw + SCORE_SCALE))
            : coverage * (s.raw / (s.raw + SCORE_SCALE)),
        ),
      }));
    const bestCovered = Math.max(0, ...scored.slice(0, 5).map((s) => s.covered));
    if (((hits[0]?.score ?? 0) < X.minTop || bestCovered < X.minDoc) && !options.lenient)
      return { query, hits: [], reason: 'not-covered', coverage };
    return { query, hits, coverage, bestCovered };
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

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
