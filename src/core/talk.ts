/**
 * The talk's core service: answers a TalkRequest with a view model. Knows nothing of any chat platform.
 */
import type { Content } from '../content/load.js';
import type { Bilingual, Passage, Topic } from '../content/schema.js';
import { TalkSearch } from '../search/index.js';
import { readSnapshot } from '../search/snapshot.js';
import type { Action, TalkRequest } from './actions.js';
import { cardView } from './cards.js';
import { Credits } from './credits.js';
import { addDays, calendarDate } from './dates.js';
import { type Choice, Finder, topicRef } from './finder.js';
import { aboutView, helpView } from './guide.js';
import { echo } from './parse.js';
import { PassageViews } from './passage-views.js';
import { dailyOrder } from './rotation.js';
import type {
  AboutView,
  ContextView,
  ErrorView,
  HelpView,
  NotCoveredView,
  PassageView,
  QuoteView,
  SearchView,
  SummaryView,
  TakeawayView,
  TopicRef,
  TopicsView,
  View,
} from './views.js';
import type { Lang } from './vocabulary.js';

export const SEARCH_PAGE_SIZE = 5;
const PASSAGE_ID = /^#?([a-z][a-z0-9]*-(?:\d+|quote))$/;

export interface TalkOptions {
  /** Source of randomness for random quotes (tests pass a seeded one). */
  random?: () => number;
  /** Today's date as YYYY-MM-DD, for today's takeaway. */
  today?: () => string;
}

export class Talk {
  private searchIndex?: TalkSearch;
  private readonly random: () => number;
  private readonly today: () => string;
  private readonly speakerPassages: Passage[];
  readonly finder: Finder;
  private readonly takeawayOrder: string[];
  readonly credits: Credits;
  private readonly views: PassageViews;

  constructor(
    readonly content: Content,
    options: TalkOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
    this.speakerPassages = content.passages.filter((p) => p.kind === 'speaker');
    this.finder = new Finder(content, () => this.search);
    this.takeawayOrder = dailyOrder(content.takeaways.map((t) => t.id));
    this.credits = new Credits(content.meta);
    this.views = new PassageViews(content, this.credits);
  }

  /** Built on first use, so commands that never search (about, help, takeaway) start faster. */
  get search(): TalkSearch {
    this.searchIndex ??= new TalkSearch(this.content, readSnapshot(this.content));
    return this.searchIndex;
  }

  handle(request: TalkRequest): View {
    switch (request.sub) {
      case 'quote':
        return this.quote(request.lang, request.query, request.id);
      case 'context':
        return this.context(request.lang, request.id);
      case 'summary':
        return this.summary(request.lang, request.topic);
      case 'search':
        return this.searchPage(
          request.lang,
          request.query,
          request.page ?? 1,
          request.limit ?? SEARCH_PAGE_SIZE,
        );
      case 'topics':
        return this.topics(request.lang);
      case 'takeaway':
        return this.takeaway(request.lang, request.date ?? addDays(this.today(), request.offset ?? 0));
      case 'card':
        return cardView(this, request);
      case 'about':
        return this.about(request.lang);
      case 'help':
        return this.help(request.lang, request.unknown);
      case 'lang':
        return this.error(request.lang, 'lang-unavailable', {
          en: 'A remembered language is kept for you in a Discord server or Slack workspace (`/talk lang zh`). Here, add `--zh`, `--en` or `--both` to a command.',
          zh: '记住语言需要在 Discord 服务器或 Slack 工作区里设置(`/talk lang zh`)。在这里,请在命令后加 `--zh`、`--en` 或 `--both`。',
        });
      case 'daily':
        return this.error(request.lang, 'daily-unavailable', {
          en: 'Daily takeaways are set up in a Discord server or Slack workspace with `/talk daily`.',
          zh: '每日要点需要在 Discord 服务器或 Slack 工作区里用 `/talk daily` 设置。',
        });
    }
  }

  quote(lang: Lang, query?: string, id?: string): QuoteView | NotCoveredView | ErrorView {
    const wantedId = id ?? query?.trim().match(PASSAGE_ID)?.[1];
    if (wantedId) {
      const passage = this.content.passageById.get(wantedId);
      if (passage) return this.quoteView(lang, passage);
      if (id)
        return this.error(lang, 'unknown-passage', {
          en: `There is no passage "${echo(id)}".`,
          zh: `没有编号为“${echo(id)}”的段落。`,
        });
    }
    if (query !== undefined && query.trim() !== '') {
      const outcome = this.search.search(query, { speakerOnly: true, limit: 1 });
      const best = outcome.hits[0];
      if (!best) return this.notCovered(lang, outcome.query);
      return { ...this.quoteView(lang, best.passage), query: outcome.query };
    }
    const passage = this.speakerPassages[Math.floor(this.random() * this.speakerPassages.length)]!;
    return this.quoteView(lang, passage);
  }

  context(lang: Lang, id: string): ContextView | ErrorView {
    const passage = this.content.passageById.get(id);
    if (!passage)
      return this.error(lang, 'unknown-passage', {
        en: `There is no passage "${echo(id)}".`,
        zh: `没有编号为“${echo(id)}”的段落。`,
      });
    const all = this.content.passages;
    const at = all.indexOf(passage);
    const around = [all[at - 1], passage, all[at + 1]].filter(
      (p): p is Passage => p !== undefined && p.section === passage.section,
    );
    return {
      kind: 'context',
      lang,
      focusId: id,
      passages: around.map((p) => this.passageView(p)),
      actions: [],
    };
  }

  summary(lang: Lang, topicInput?: string): SummaryView | ErrorView {
    const topic =
      topicInput === undefined || topicInput.trim() === ''
        ? this.content.topicById.get('overview')!
        : this.resolveTopic(topicInput);
    if (!topic) {
      return this.error(
        lang,
        'unknown-topic',
        {
          en: `The talk has no topic called "${echo(topicInput ?? '')}".`,
          zh: `没有名为“${echo(topicInput ?? '')}”的话题。`,
        },
        this.closestTopics(topicInput ?? ''),
      );
    }
    const request: TalkRequest = { sub: 'summary', lang, topic: topic.id };
    return {
      kind: 'summary',
      lang,
      topic: topicRef(topic),
      points: topic.points.map((point) => ({
        text: { en: point.en, zh: point.zh },
        sources: point.cites.map((id) => this.views.source(id)),
      })),
      credit: this.credits.written('summary'),
      actions: [{ label: 'share', request, publish: true }],
    };
  }

  searchPage(
    lang: Lang,
    query: string,
    page: number,
    pageSize: number,
  ): SearchView | NotCoveredView | ErrorView {
    if (query.trim() === '') {
      return this.error(lang, 'empty-query', {
        en: 'Tell me what to search for, e.g. `search data wall`.',
        zh: '请输入要搜索的内容,例如 `search 数据墙`。',
      });
    }
    const outcome = this.search.search(query);
    if (outcome.hits.length === 0) return this.notCovered(lang, outcome.query);
    const pageCount = Math.max(1, Math.ceil(outcome.hits.length / pageSize));
    const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
    const start = (current - 1) * pageSize;
    const actions: Action[] = [];
    const size = pageSize === SEARCH_PAGE_SIZE ? {} : { limit: pageSize };
    if (current > 1)
      actions.push({
        label: 'previous',
        request: { sub: 'search', lang, query: outcome.query, page: current - 1, ...size },
      });
    if (current < pageCount)
      actions.push({
        label: 'next',
        request: { sub: 'search', lang, query: outcome.query, page: current + 1, ...size },
      });
    return {
      kind: 'search',
      lang,
      query: outcome.query,
      page: current,
      pageCount,
      total: outcome.hits.length,
      results: outcome.hits.slice(start, start + pageSize).map((hit, i) => ({
        passage: this.passageView(hit.passage),
        score: hit.score,
        rank: start + i + 1,
      })),
      actions,
    };
  }

  topics(lang: Lang): TopicsView {
    return {
      kind: 'topics',
      lang,
      topics: this.content.topics.map((t) => ({
        ...topicRef(t),
        aliases: [...t.aliases.en.slice(0, 3), ...t.aliases.zh.slice(0, 2)],
      })),
      actions: [],
    };
  }

  /** The takeaway for a calendar day: the same for everyone that day, walking all takeaways before repeating. */
  takeaway(lang: Lang, date: string): TakeawayView | ErrorView {
    if (!calendarDate(date))
      return this.error(lang, 'bad-option', {
        en: `"${echo(date)}" is not a date I can use: give a real date from 2000 to 2099, such as 2026-03-01.`,
        zh: `“${echo(date)}”不是可用的日期:请给出 2000 至 2099 年间的真实日期,例如 2026-03-01。`,
      });
    const day = Date.parse(`${date}T00:00:00Z`);
    const index = Math.floor(day / 86_400_000);
    const id =
      this.takeawayOrder[
        ((index % this.takeawayOrder.length) + this.takeawayOrder.length) % this.takeawayOrder.length
      ]!;
    return this.takeawayView(lang, id, date);
  }

  takeawayView(lang: Lang, id: string, date: string): TakeawayView {
    const t = this.content.takeaways.find((x) => x.id === id);
    if (!t) throw new Error(`unknown takeaway ${id}`);
    return {
      kind: 'takeaway',
      lang,
      date,
      id: t.id,
      text: { en: t.en, zh: t.zh },
      sources: t.cites.map((c) => this.views.source(c)),
      credit: this.credits.written('takeaway'),
      actions: [
        { label: 'card', request: { sub: 'card', lang, takeaway: t.id, date }, publish: true },
        { label: 'share', request: { sub: 'takeaway', lang, date }, publish: true },
      ],
    };
  }

  /** The passages a takeaway cites: the speaker's words, verbatim (a daily post's thread shows them). */
  originals(takeawayId: string): PassageView[] {
    const t = this.content.takeaways.find((x) => x.id === takeawayId);
    if (!t) throw new Error(`unknown takeaway ${takeawayId}`);
    return t.cites.map((id) => this.passageView(this.content.passageById.get(id)!));
  }

  about(lang: Lang): AboutView {
    return aboutView(this.content, lang);
  }

  help(lang: Lang, unknown?: string): HelpView {
    return helpView(lang, unknown);
  }

  resolveTopic(input: string): Topic | undefined {
    return this.finder.resolveTopic(input);
  }

  closestTopics(input: string): TopicRef[] {
    return this.finder.closestTopics(input);
  }

  /** Autocomplete for topic options, from the first letter on. */
  suggestTopics(input: string): Choice[] {
    return this.finder.suggestTopics(input);
  }

  /** Autocomplete for quote queries, from an empty field on, as `#id` values. */
  suggestPassages(input: string): Choice[] {
    return this.finder.suggestPassages(input);
  }

  private notCovered(lang: Lang, query: string): NotCoveredView {
    return { kind: 'not-covered', lang, query, suggestions: this.closestTopics(query), actions: [] };
  }

  /** An answer for input the user can fix, such as a bad option value. */
  invalid(lang: Lang, message: Bilingual): ErrorView {
    return this.error(lang, 'bad-option', message);
  }

  error(lang: Lang, code: ErrorView['code'], message: Bilingual, suggestions: TopicRef[] = []): ErrorView {
    return { kind: 'error', lang, code, message, suggestions, actions: [] };
  }

  private quoteView(lang: Lang, passage: Passage): QuoteView {
    const other: Lang = lang === 'zh' ? 'en' : 'zh';
    return {
      kind: 'quote',
      lang,
      passage: this.passageView(passage),
      actions: [
        { label: 'another', request: { sub: 'quote', lang } },
        { label: 'context', request: { sub: 'context', lang, id: passage.id } },
        { label: 'switch-lang', request: { sub: 'quote', lang: other, id: passage.id } },
        { label: 'card', request: { sub: 'card', lang, id: passage.id }, publish: true },
        { label: 'share', request: { sub: 'quote', lang, id: passage.id }, publish: true },
      ],
    };
  }

  passageView(passage: Passage): PassageView {
    return this.views.passage(passage);
  }
}
