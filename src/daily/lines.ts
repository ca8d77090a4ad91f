/** A schedule as a status line: when it next posts (skipping days it does not post on) and how it last went. */
import type { DailyScheduleLine } from '../core/views.js';
import { describeProblem } from './problems.js';
import type { DailyStore, PostRecord, Schedule } from './store.js';
import { formatInZone, localDate, nextDue } from './time.js';

/**
 * When a schedule next posts: its next due time, or the one after that when that day's post is out
 * already ("Post now" before its time, or the minute just after it went out).
 */
export function nextPost(schedule: Schedule, now: number, last: PostRecord | undefined): number {
  const at = nextDue(now, schedule.time, schedule.zone, schedule.days);
  return last?.localDate === localDate(at, schedule.zone)
    ? nextDue(at + 1, schedule.time, schedule.zone, schedule.days)
    : at;
}

export async function scheduleLine(
  store: DailyStore,
  schedule: Schedule,
  now: number,
): Promise<DailyScheduleLine> {
  const last = await store.lastPost(schedule.id);
  const next = nextPost(schedule, now, last);
  const problem = (error: string) => describeProblem(error, schedule.channel, schedule.target).text;
  return {
    channel: schedule.channel,
    target: schedule.target,
    time: schedule.time,
    zone: schedule.zone,
    lang: schedule.lang,
    days: schedule.days,
    thread: schedule.thread,
    ...(schedule.mention ? { mention: schedule.mention } : {}),
    next: { local: formatInZone(next, schedule.zone), utc: formatInZone(next, 'UTC'), epochMs: next },
    ...(last ? { lastPost: { date: last.localDate, delayed: last.delayed } } : {}),
    ...(schedule.lastError ? { lastError: problem(schedule.lastError) } : {}),
    ...(schedule.pausedReason ? { paused: problem(schedule.pausedReason) } : {}),
  };
}
