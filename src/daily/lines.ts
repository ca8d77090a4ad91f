/** A schedule as a status line: when it next posts (skipping days it does not post on) and how it last went. */
import type { DailyScheduleLine } from '../core/views.js';
import { describeProblem } from './problems.js';
import type { DailyStore, Schedule } from './store.js';
import { formatInZone, nextDue } from './time.js';

export async function scheduleLine(
  store: DailyStore,
  schedule: Schedule,
  now: number,
): Promise<DailyScheduleLine> {
  const next = nextDue(now, schedule.time, schedule.zone, schedule.days);
  const last = await store.lastPost(schedule.id);
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
