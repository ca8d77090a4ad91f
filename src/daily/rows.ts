/** Database rows of either store as the store's records (column names are the same in both). */
import type { Lang } from '../core/vocabulary.js';
import { type Platform, type PostRecord, type Schedule, WEEKDAYS, type Weekday } from './store.js';

export type Row = Record<string, unknown>;
const orUndefined = <T>(v: unknown) => (v === null || v === undefined ? undefined : (v as T));

export function toSchedule(r: Row): Schedule {
  return {
    id: r.id as string,
    platform: r.platform as Platform,
    workspace: r.workspace as string,
    channel: r.channel as string,
    time: r.time as string,
    zone: r.zone as string,
    lang: r.lang as Lang,
    setBy: orUndefined<string>(r.set_by),
    source: r.source as 'command' | 'env',
    pausedReason: orUndefined<string>(r.paused_reason),
    failureStreak: r.failure_streak as number,
    lastError: orUndefined<string>(r.last_error),
    lastErrorAt: orUndefined<number>(r.last_error_at),
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    activeFrom: Number(r.active_from ?? 0),
    days: daysOf(r.days),
    // SQLite stores booleans as 0/1, PostgreSQL as booleans.
    thread: r.thread === true || r.thread === 1,
    mention: orUndefined<string>(r.mention),
    target: r.target === 'user' ? 'user' : 'channel',
  };
}

/** Days as stored: a comma-separated list of weekdays, empty for every day. */
export function daysText(days: readonly Weekday[] | undefined): string {
  return WEEKDAYS.filter((d) => days?.includes(d)).join(',');
}

function daysOf(value: unknown): Weekday[] {
  return String(value ?? '')
    .split(',')
    .filter((d): d is Weekday => (WEEKDAYS as readonly string[]).includes(d));
}

export function toPost(r: Row): PostRecord {
  return {
    scheduleId: r.schedule_id as string,
    localDate: r.local_date as string,
    takeawayId: r.takeaway_id as string,
    status: r.status as PostRecord['status'],
    attempts: r.attempts as number,
    claimedBy: orUndefined<string>(r.claimed_by),
    claimedAt: orUndefined<number>(r.claimed_at),
    postedAt: orUndefined<number>(r.posted_at),
    messageId: orUndefined<string>(r.message_id),
    // SQLite stores booleans as 0/1, PostgreSQL as booleans.
    delayed: r.delayed === true || r.delayed === 1,
    lastError: orUndefined<string>(r.last_error),
    nextAttemptAt: orUndefined<number>(r.next_attempt_at),
  };
}
