/**
 * Schedules from the environment (DAILY_*_CHANNELS, DAILY_TIME, DAILY_TZ), so a one-channel deployment
 * needs no command. A schedule someone changed with a command keeps their settings.
 */
import type { Lang } from '../core/vocabulary.js';
import { type DailyStore, type Platform, scheduleId } from './store.js';

export async function seedSchedules(
  store: DailyStore,
  platform: Platform,
  channels: { workspace: string; channel: string }[],
  settings: { time: string; zone: string; lang: Lang },
  now: number,
): Promise<number> {
  let seeded = 0;
  for (const { workspace, channel } of channels) {
    const existing = await store.getSchedule(scheduleId(platform, workspace, channel));
    if (existing?.source === 'command') continue;
    await store.saveSchedule({ platform, workspace, channel, ...settings, source: 'env' }, now);
    seeded++;
  }
  return seeded;
}
