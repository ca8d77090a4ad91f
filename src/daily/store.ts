/**
 * Where daily schedules, rotation state and post claims live. The interface is asynchronous so a networked
 * database can implement it too; SQLite (sqlite-store.ts) is the default.
 */
import type { Lang } from '../core/vocabulary.js';

export type Platform = 'discord' | 'slack';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleInput {
  platform: Platform;
  /** Discord guild id or Slack team id. */
  workspace: string;
  channel: string;
  /** HH:MM, 24-hour, in `zone`. */
  time: string;
  zone: string;
  lang: Lang;
  /** Who set it (to tell them if it pauses itself); undefined for schedules seeded from the environment. */
  setBy?: string | undefined;
  source: 'command' | 'env';
  /** Local weekdays it posts on; empty or absent: every day. */
  days?: Weekday[] | undefined;
  /** Open a discussion thread under each post. */
  thread?: boolean | undefined;
  /** A role (Discord) or user group (Slack) mentioned in each post, set explicitly by an admin. */
  mention?: string | undefined;
  /** `user`: a personal schedule, sent to the user (`channel` is their user id) by direct message. */
  target?: 'channel' | 'user' | undefined;
}

export interface Schedule extends ScheduleInput {
  /** `platform:workspace:channel`: one schedule per channel. */
  id: string;
  pausedReason?: string | undefined;
  failureStreak: number;
  lastError?: string | undefined;
  lastErrorAt?: number | undefined;
  createdAt: number;
  updatedAt: number;
  /**
   * When its current time, zone and days were set: occurrences before this are not owed (a schedule set at
   * 09:37 for 09:00 starts tomorrow), while one missed after it is caught up.
   */
  activeFrom: number;
  days: Weekday[];
  thread: boolean;
  target: 'channel' | 'user';
}

export interface PostRecord {
  scheduleId: string;
  localDate: string;
  takeawayId: string;
  status: 'claimed' | 'posted' | 'failed';
  attempts: number;
  claimedBy?: string | undefined;
  claimedAt?: number | undefined;
  postedAt?: number | undefined;
  messageId?: string | undefined;
  delayed: boolean;
  lastError?: string | undefined;
  nextAttemptAt?: number | undefined;
}

/** Rotation state of a channel: which shuffled cycle it is in and how far along. */
export interface RotationState {
  cycle: number;
  position: number;
}

export type Claim =
  /** Ours to send; nothing was sent for this day before. */
  | { kind: 'new'; post: PostRecord }
  /** Ours to finish; an earlier attempt may or may not have reached the platform, so look before resending. */
  | { kind: 'retry'; post: PostRecord }
  | { kind: 'done' }
  /** Another process holds a live claim. */
  | { kind: 'busy' }
  /** A failed attempt waits for its backoff. */
  | { kind: 'wait'; until: number };

export interface ClaimInput {
  scheduleId: string;
  localDate: string;
  /** Who claims (a process id); a live claim of another owner is respected until `leaseMs` has passed. */
  owner: string;
  now: number;
  leaseMs: number;
  /** Picks the takeaway for a new day from the channel's rotation state, and says the state after it. */
  pick: (state: RotationState) => { takeawayId: string; next: RotationState };
}

export interface DailyStore {
  saveSchedule(input: ScheduleInput, now: number): Promise<Schedule>;
  /** Stops a channel's schedule; its rotation and post history are kept. */
  disableSchedule(id: string, now: number): Promise<boolean>;
  getSchedule(id: string): Promise<Schedule | undefined>;
  listSchedules(filter?: { platform?: Platform; workspace?: string }): Promise<Schedule[]>;
  rotation(id: string): Promise<RotationState>;
  /** Atomically claims a channel's post for a local day (and advances the rotation for a new one). */
  claim(input: ClaimInput): Promise<Claim>;
  markPosted(
    scheduleId: string,
    localDate: string,
    messageId: string,
    delayed: boolean,
    now: number,
  ): Promise<void>;
  /** Records a failed attempt; returns the schedule's consecutive failure count. */
  markFailed(
    scheduleId: string,
    localDate: string,
    error: string,
    nextAttemptAt: number | undefined,
    now: number,
  ): Promise<number>;
  /** Renews this owner's live claim while its send is in flight (a send may wait out a long rate limit). */
  extendClaim(scheduleId: string, localDate: string, owner: string, now: number): Promise<void>;
  pause(scheduleId: string, reason: string, now: number): Promise<void>;
  lastPost(scheduleId: string): Promise<PostRecord | undefined>;
  /** A user's remembered answer language, if they chose one. */
  getLang(platform: Platform, user: string): Promise<Lang | undefined>;
  /** Remembers (or, with undefined, forgets) a user's answer language. */
  setLang(platform: Platform, user: string, lang: Lang | undefined, now: number): Promise<void>;
  /** Keeps a query too long for a button behind a short key (shared by instances, kept across restarts). */
  saveQuery(key: string, query: string, now: number): Promise<void>;
  loadQuery(key: string): Promise<string | undefined>;
  /** Resolves when the store answers (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function scheduleId(platform: Platform, workspace: string, channel: string): string {
  return `${platform}:${workspace}:${channel}`;
}
