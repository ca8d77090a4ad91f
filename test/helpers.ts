/** Shared by tests: the real content and core, loaded once per test file. */
import { loadContent } from '../src/content/load.js';
import { seededRandom } from '../src/core/rotation.js';
import { Talk } from '../src/core/talk.js';

export const content = loadContent();

export function makeTalk(seed = 1, today = '2026-11-28'): Talk {
  return new Talk(content, { random: seededRandom(seed), today: () => today });
}

/**
 * A daily time that fell due a minute ago, in a fixed-offset zone where it is midday now, so a test never
 * straddles a local midnight however the clock stands (no time bombs at 23:59 UTC).
 */
export function dueAMinuteAgo(now = Date.now()): { time: string; zone: string } {
  const utcHour = new Date(now).getUTCHours();
  // Etc/GMT-N is UTC+N (POSIX signs); offsets run from -12 to +14.
  let offset = 12 - utcHour;
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // The name the bot itself stores: it canonicalises zones, and Etc/GMT becomes UTC (a seed under another
  // name would count as a changed schedule, owed nothing until tomorrow).
  const zone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const local = new Date(now - 60_000 + offset * 3_600_000);
  return { time: local.toISOString().slice(11, 16), zone };
}

/**
 * Schedules as `npm start` seeds them from DAILY_* variables, but set an hour ago: a schedule is owed only
 * the occurrences after it was set, and the process's own seeding keeps the same settings' start.
 */
export async function seedEarlier(
  store: import('../src/daily/store.js').DailyStore,
  platform: 'discord' | 'slack',
  channels: { workspace: string; channel: string }[],
  due: { time: string; zone: string },
): Promise<void> {
  for (const { workspace, channel } of channels)
    await store.saveSchedule(
      { platform, workspace, channel, time: due.time, zone: due.zone, lang: 'both', source: 'env' },
      Date.now() - 3_600_000,
    );
}
