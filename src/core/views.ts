/**
 * Plain view models: what the core answers, with no knowledge of Discord, Slack or the terminal.
 * Renderers in src/render/ turn them into each platform's message format.
 */
import type { Bilingual, PassageKind } from '../content/schema.js';
import type { Weekday } from '../daily/store.js';
import type { Action } from './actions.js';
import type { Lang, SubcommandName } from './vocabulary.js';

/** A section of the talk: `article` when the heading is the article's own, `project` when we named it. */
export type SectionRef = Bilingual & { origin: 'article' | 'project' };

export interface PassageView {
  id: string;
  kind: PassageKind;
  section: SectionRef;
  /** The original Chinese, verbatim. */
  zh: string;
  /** This project's English translation. */
  en: string;
  /** Set when the words quote someone else. */
  quoting?: Bilingual;
  /** For the article's own rendering of the speaker's words: the id of his words. */
  renders?: string;
  /** Whose words the Chinese text is, where and when; passages not the speaker's say so. */
  attribution: Bilingual;
}

export interface TopicRef {
  id: string;
  title: Bilingual;
}

export interface SourceRef {
  id: string;
  section: SectionRef;
}

interface Base {
  lang: Lang;
  actions: Action[];
}

export interface QuoteView extends Base {
  kind: 'quote';
  passage: PassageView;
  /** The words the quote was chosen for, when it was not random. */
  query?: string;
}

export interface ContextView extends Base {
  kind: 'context';
  focusId: string;
  passages: PassageView[];
}

export interface SummaryView extends Base {
  kind: 'summary';
  topic: TopicRef;
  /** Written by this project, each point citing the speaker's passages it rests on. */
  points: { text: Bilingual; sources: SourceRef[] }[];
  /** Says the summary is this project's writing from the talk. */
  credit: Bilingual;
}

export interface SearchView extends Base {
  kind: 'search';
  query: string;
  page: number;
  pageCount: number;
  total: number;
  results: { passage: PassageView; score: number; rank: number }[];
}

/**
 * A share card: the quote or takeaway it shows (the image is drawn from it by the adapter, which also puts
 * the same words in the message, labelled the same way) and the talk it comes from, which a card of words
 * that are not the speaker's names under them.
 */
export interface CardView extends Base {
  kind: 'card';
  of: QuoteView | TakeawayView;
  talk: Pick<AboutView, 'speaker' | 'venue' | 'date'>;
}

/**
 * What the talk says about a message someone right-clicked ("Find in the talk"): its best passages, each
 * with whose words it is. `query` is the part of the message searched; `cut` says the message was longer.
 */
export interface FoundView extends Base {
  kind: 'found';
  query: string;
  cut: boolean;
  results: { passage: PassageView; score: number; rank: number }[];
}

export interface NotCoveredView extends Base {
  kind: 'not-covered';
  query: string;
  /** Set when the query was cut from a longer message (Find in the talk): the answer says so. */
  cut?: boolean;
  /** The closest topics the talk does cover. */
  suggestions: TopicRef[];
}

export interface TopicsView extends Base {
  kind: 'topics';
  topics: (TopicRef & { aliases: string[] })[];
}

export interface TakeawayView extends Base {
  kind: 'takeaway';
  date: string;
  id: string;
  /** Written by this project from the cited passages. */
  text: Bilingual;
  sources: SourceRef[];
  /** Says the takeaway is this project's writing from the talk. */
  credit: Bilingual;
  /**
   * Set on a daily post: its once-a-day key, when it was due if it went out late, and, on a preview, where
   * and when it will be posted (the preview is otherwise exactly the post).
   */
  daily?: {
    key: string;
    delayedFrom?: string;
    preview?: { channel: string; at: string; lang: Lang };
    /**
     * Set when the schedule opens a thread: the cited passages, the speaker's words verbatim, which Slack
     * posts as the thread's first reply (the channel post stays short).
     */
    originals?: PassageView[];
  };
}

export interface AboutView extends Base {
  kind: 'about';
  title: Bilingual;
  speaker: Bilingual & { role: Bilingual };
  venue: Bilingual;
  date: string;
  publication: Bilingual;
  credits: Bilingual;
  counts: { passages: number; topics: number; takeaways: number };
}

export interface HelpView extends Base {
  kind: 'help';
  commands: { name: string; usage: string; description: Bilingual }[];
  /** What the user typed that was not a subcommand, and the closest one. */
  unknown?: string;
  didYouMean?: SubcommandName;
}

export type ErrorCode =
  | 'unknown-topic'
  | 'unknown-passage'
  | 'empty-query'
  | 'bad-option'
  | 'cooldown'
  | 'expired-button'
  | 'internal'
  | 'daily-unavailable'
  | 'not-admin'
  | 'cannot-post'
  | 'no-schedule'
  | 'stale-command'
  | 'lang-unavailable'
  | 'empty-message'
  | 'card-unavailable';

export interface ErrorView extends Base {
  kind: 'error';
  code: ErrorCode;
  message: Bilingual;
  suggestions: TopicRef[];
  /** Set for internal errors: the id under which the error was logged. */
  errorId?: string;
  /** Which input of a schedule the refusal is about (a form shows it under that field). */
  field?: 'channel' | 'time' | 'zone' | 'days' | 'mention';
}

/** When a schedule next posts, in the channel's zone, in UTC, and as an instant for viewers' own clocks. */
export interface NextPost {
  local: string;
  utc: string;
  epochMs: number;
}

export interface DailyScheduleLine {
  /** A channel id, or for a personal schedule the user's id. */
  channel: string;
  /** `user`: a personal takeaway, sent by direct message. */
  target: 'channel' | 'user';
  time: string;
  zone: string;
  lang: Lang;
  /** Local weekdays it posts on; empty: every day. */
  days: Weekday[];
  thread: boolean;
  /** The role (Discord) or user group (Slack) id each post mentions. */
  mention?: string;
  next: NextPost;
  lastPost?: { date: string; delayed: boolean };
  /** The last failure, in words (what is wrong and what to do). */
  lastError?: Bilingual;
  /** Why the schedule paused itself, in words. */
  paused?: Bilingual;
}

export interface DailyStatusView extends Base {
  kind: 'daily-status';
  /** This page of the schedules. */
  schedules: DailyScheduleLine[];
  total: number;
  page: number;
  pageCount: number;
  /** Schedules after this page. */
  after: number;
}

export interface DailyChangedView extends Base {
  kind: 'daily-changed';
  change: 'set' | 'off' | 'posted' | 'already-posted';
  /** A channel id, or the user's id for a personal takeaway. */
  channel: string;
  target: 'channel' | 'user';
  schedule?: DailyScheduleLine;
}

/** The answer to `/talk lang`: the remembered language now (undefined: none, answers follow the default). */
export interface LangView extends Base {
  kind: 'lang';
  change: 'set' | 'reset' | 'shown';
  remembered?: Lang;
}

/**
 * The Slack Home tab (a surface, not an answer, so not in `View`): today's takeaway, the topics to open a
 * summary of, the schedules of the workspace with their next post and last result, and the viewer's own
 * personal takeaway. `isAdmin` decides whether the schedules can be changed there.
 */
export interface HomeView {
  kind: 'home';
  lang: Lang;
  takeaway: TakeawayView;
  topics: TopicRef[];
  schedules: DailyScheduleLine[];
  /** Schedules beyond those listed. */
  more: number;
  personal?: DailyScheduleLine;
  isAdmin: boolean;
}

export type View =
  | LangView
  | DailyStatusView
  | DailyChangedView
  | QuoteView
  | ContextView
  | SummaryView
  | SearchView
  | NotCoveredView
  | TopicsView
  | TakeawayView
  | CardView
  | FoundView
  | AboutView
  | HelpView
  | ErrorView;
