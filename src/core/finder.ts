/**
 * Finding things as people type them: a topic by name or alias (any case, either language, close
 * spellings), the closest topics to a question the talk does not cover, and autocomplete for passages and
 * topics from the first letters on (prefixes, typos, Chinese included), with starting points for an empty
 * field.
 */
import { createRequire } from 'node:module';
import type Fuse from 'fuse.js';
import type { Content } from '../content/load.js';
import type { Passage, Topic } from '../content/schema.js';
import type { TalkSearch } from '../search/index.js';
import { isHan, normalize, terms } from '../search/tokens.js';
import type { TopicRef } from './views.js';

export interface Choice {
  name: string;
  value: string;
}

export const SUGGESTIONS = 3;

export function topicRef(topic: Topic): TopicRef {
  return { id: topic.id, title: topic.title };
}

const names = (t: Topic) => [t.id, t.title.en, t.title.zh, ...t.aliases.en, ...t.aliases.zh];

export class Finder {
  private fuse?: Fuse<{ topic: Topic; text: string }>;

  constructor(
    private readonly content: Content,
    private readonly search: () => TalkSearch,
  ) {}

  /** Built on first use: most answers never look a topic up by a close spelling. */
  private get topicFuse(): Fuse<{ topic: Topic; text: string }> {
    if (!this.fuse) {
      // Loaded here, not imported: most processes never need it (the command line's `quote` among them).
      const FuseIndex = createRequire(import.meta.url)('fuse.js') as typeof Fuse;
      this.fuse = new FuseIndex(
        this.content.topics.flatMap((topic) => names(topic).map((text) => ({ topic, text }))),
        { keys: ['text'], threshold: 0.35, ignoreLocation: true, includeScore: true },
      );
    }
    return this.fuse;
  }

  /** A topic by id, alias or title (any case, either language), or a single clear fuzzy match. */
  resolveTopic(input: string): Topic | undefined {
    const wanted = normalize(input).trim();
    const exact = this.content.topics.find((t) => names(t).some((a) => normalize(a) === wanted));
    if (exact) return exact;
    const [best, second] = this.fuzzyTopics(wanted);
    if (
      best &&
      best.score <= 0.2 &&
      (!second || second.topic.id === best.topic.id || second.score - best.score >= 0.1)
    )
      return best.topic;
    return undefined;
  }

  /** Topics whose names look like the input, then topics whose passages match it. */
  closestTopics(input: string, limit = SUGGESTIONS): TopicRef[] {
    const found: Topic[] = [];
    const add = (t: Topic) => {
      if (!found.includes(t)) found.push(t);
    };
    for (const { topic } of this.fuzzyTopics(normalize(input).trim())) add(topic);
    const search = this.search();
    if (found.length < limit)
      for (const t of search.topicsFor(search.search(input, { lenient: true }))) add(t);
    // Nothing close at all: offer the talk's leading topics rather than nothing.
    for (const t of this.content.topics) if (found.length < limit) add(t);
    return found.slice(0, limit).map(topicRef);
  }

  /** Autocomplete for topic options: every topic on an empty field; names starting with it, then close ones. */
  suggestTopics(input: string, limit = 25): Choice[] {
    const wanted = normalize(input).trim();
    let topics: Topic[];
    if (wanted === '') topics = this.content.topics;
    else {
      const starting = this.content.topics.filter((t) =>
        names(t).some(
          (n) =>
            normalize(n).startsWith(wanted) ||
            normalize(n)
              .split(/\s+/)
              .some((w) => w.startsWith(wanted)),
        ),
      );
      const search = this.search();
      topics = [
        ...new Set([
          ...starting,
          ...this.fuzzyTopics(wanted).map((m) => m.topic),
          ...search.topicsFor(search.search(this.completed(input), { lenient: true })),
        ]),
      ];
    }
    return topics.slice(0, limit).map((t) => ({ name: `${t.title.en} · ${t.title.zh}`, value: t.id }));
  }

  /**
   * Autocomplete for quotes, keystroke by keystroke: on an empty field one passage a topic to start from;
   * from the first letters, the passages the words so far would quote, the last word taken as a prefix
   * (`reinf` → reinforcement) or a typo.
   */
  suggestPassages(input: string, limit = 25): Choice[] {
    const choice = (p: Passage) => ({ name: `#${p.id} · ${p.en}`, value: `#${p.id}` });
    if (input.trim() === '') return this.startingPoints(limit).map(choice);
    const hits = this.search().search(this.completed(input), {
      speakerOnly: true,
      lenient: true,
      limit,
    }).hits;
    return hits.map(({ passage }) => choice(passage));
  }

  /** One passage of the speaker's a topic: the first that each topic's summary rests on. */
  startingPoints(limit = 25): Passage[] {
    const out: Passage[] = [];
    for (const topic of this.content.topics) {
      const id = topic.points
        .flatMap((p) => p.cites)
        .find((c) => this.content.passageById.get(c)?.kind === 'speaker');
      const passage = id ? this.content.passageById.get(id) : undefined;
      if (passage && !out.includes(passage)) out.push(passage);
    }
    return out.slice(0, limit);
  }

  /**
   * What is typed so far with its last, unfinished English word completed from the talk's vocabulary
   * (the likeliest few completions, or a typo's repair). Chinese needs nothing: its bigrams match as typed.
   */
  completed(input: string): string {
    const text = input.trimStart();
    if (/\s$/.test(input) || text === '') return text;
    const words = text.split(/\s+/);
    const last = words.at(-1)!;
    if (isHan(last)) return text;
    const stem = terms(last, true).words[0] ?? normalize(last);
    const search = this.search();
    const completions = search.vocabularyStarting(stem, 4);
    const extra = completions.length > 0 ? completions : search.vocabularyNear(stem, 4);
    return extra.length === 0 ? text : [...words.slice(0, -1), ...extra].join(' ');
  }

  private fuzzyTopics(input: string): { topic: Topic; score: number }[] {
    if (input === '') return [];
    const seen = new Set<string>();
    const out: { topic: Topic; score: number }[] = [];
    for (const r of this.topicFuse.search(input.slice(0, 64))) {
      if (seen.has(r.item.topic.id)) continue;
      seen.add(r.item.topic.id);
      out.push({ topic: r.item.topic, score: r.score ?? 1 });
    }
    return out;
  }
}
