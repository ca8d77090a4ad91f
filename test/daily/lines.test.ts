/**
 * A schedule as a status line: when it next posts (by its own days, in its zone and in UTC) and, once it has
 * run, how it last went, with a failure or a pause in words.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelRef } from '../../src/core/markup.js';
import { scheduleLine } from '../../src/daily/lines.js';
import { describeProblem } from '../../src/daily/problems.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { ScheduleInput } from '../../src/daily/store.js';

// Friday 2026-11-27, 10:00 in Auckland (21:00 UTC the day before).
const NOW = Date.parse('2026-11-26T21:00:00Z');

let store: SqliteStore;
beforeEach(() => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-lines-')), 'talk.sqlite'));
});
afterEach(async () => {
  await store.close();
});

const input = (over: Partial<ScheduleInput> = {}): ScheduleInput => ({
  platform: 'slack',
  workspace: 'T1',
  channel: 'C0123ABCD',
  time: '08:00',
  zone: 'Pacific/Auckland',
  lang: 'both',
  source: 'command',
  ...over,
});

async function postedOn(id: string, localDate: string, delayed: boolean): Promise<void> {
  await store.claim({
    scheduleId: id,
    localDate,
    owner: 'p1',
    now: NOW,
    leaseMs: 60_000,
    pick: (state) => ({ takeawayId: 't1', next: { ...state, position: state.position + 1 } }),
  });
  await store.markPosted(id, localDate, 'm1', delayed, NOW);
}

describe('a schedule as a status line', () => {
  it('a new weekday schedule: its next post on Monday, in its zone and in UTC, and nothing yet about the past', async () => {
    const schedule = await store.saveSchedule(input({ days: ['mon', 'tue', 'wed', 'thu', 'fri'] }), NOW);
    const monday = Date.parse('2026-11-29T19:00:00Z');
    expect(await scheduleLine(store, schedule, NOW)).toEqual({
      channel: 'C0123ABCD',
      target: 'channel',
      time: '08:00',
      zone: 'Pacific/Auckland',
      lang: 'both',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      thread: false,
      next: { local: '2026-11-30 08:00 GMT+13', utc: '2026-11-29 19:00 UTC', epochMs: monday },
    });
  });

  it('a schedule that has run: the mention, the last post and a delayed one marked so', async () => {
    const schedule = await store.saveSchedule(input({ mention: 'S0123', thread: true }), NOW);
    await postedOn(schedule.id, '2026-11-27', true);
    const line = await scheduleLine(store, schedule, NOW);
    expect(line).toMatchObject({
      mention: 'S0123',
      thread: true,
      lastPost: { date: '2026-11-27', delayed: true },
    });
    expect(line.next.utc).toBe('2026-11-27 19:00 UTC');
  });

  it('the last failure and a pause, in words about the channel', async () => {
    const saved = await store.saveSchedule(input(), NOW);
    await store.markFailed(saved.id, '2026-11-27', 'not_in_channel', undefined, NOW);
    await store.pause(saved.id, 'channel_not_found', NOW);
    const line = await scheduleLine(store, (await store.getSchedule(saved.id))!, NOW);
    expect(line.lastError).toEqual(describeProblem('not_in_channel', 'C0123ABCD').text);
    expect(line.lastError?.en).toContain(`I'm not in ${channelRef('C0123ABCD')}`);
    expect(line.paused?.en).toContain(`I can't find ${channelRef('C0123ABCD')}`);
  });

  it('a personal takeaway: failures in words about the direct message', async () => {
    const saved = await store.saveSchedule(input({ channel: 'U0123', target: 'user' }), NOW);
    await store.pause(saved.id, 'DiscordAPIError[50007]: Cannot send messages to this user', NOW);
    const line = await scheduleLine(store, (await store.getSchedule(saved.id))!, NOW);
    expect(line.target).toBe('user');
    expect(line.paused?.en).toMatch(/^Discord won't let me send you direct messages/);
    expect(line).not.toHaveProperty('lastError');
  });
});
