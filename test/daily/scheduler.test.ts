import { beforeEach, describe, expect, it } from 'vitest';
import { channelRef } from '../../src/core/markup.js';
import { type DailyScheduler, PostError } from '../../src/daily/scheduler.js';
import type { SqliteStore } from '../../src/daily/sqlite-store.js';
import { localParts, scheduledInstant } from '../../src/daily/time.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import { content } from '../helpers.js';
import { berlin, freshStore, HOUR, MINUTE, makeScheduler } from './scheduler-setup.js';

let now = 0;
let store: SqliteStore;
let poster: ChannelPoster;

function scheduler(owner = 'A', extra: Parameters<typeof makeScheduler>[2] = {}) {
  return makeScheduler({ store, posters: { discord: poster }, now: () => now }, owner, extra);
}

beforeEach(() => {
  store = freshStore();
  poster = new ChannelPoster(() => now);
});

/** Ticks every `step` from `from` to `to`. */
async function run(s: DailyScheduler, from: number, to: number, step = 15 * MINUTE) {
  for (now = from; now <= to; now += step) await s.tick();
}

describe('daily scheduler', () => {
  it('posts once a day for 45 days, walking every takeaway before repeating one', async () => {
    await store.saveSchedule(berlin, 0);
    const s = scheduler();
    await run(s, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-02-14T23:59:00Z'), 30 * MINUTE);
    const sent = poster.inChannel('c-berlin');
    expect(sent).toHaveLength(45);
    expect(new Set(sent.map((m) => localParts(m.at, 'Europe/Berlin').date)).size).toBe(45);
    const n = content.takeaways.length;
    expect(new Set(sent.slice(0, n).map((m) => m.takeawayId)).size).toBe(n);
    expect(new Set(sent.slice(n).map((m) => m.takeawayId)).size).toBe(sent.length - n);
    for (const m of sent) expect(localParts(m.at, 'Europe/Berlin')).toMatchObject({ hour: 9, minute: 0 });
  });

  it('keeps the rotation across a restart', async () => {
    await store.saveSchedule(berlin, 0);
    await run(scheduler('A'), Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-10T23:00:00Z'));
    await run(scheduler('B'), Date.parse('2026-01-11T00:00:00Z'), Date.parse('2026-01-20T23:00:00Z'));
    const ids = poster.inChannel('c-berlin').map((m) => m.takeawayId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it.each([
    [
      'Europe/Berlin',
      '2026-03-27',
      '2026-03-31',
      ['2026-03-27T08:00', '2026-03-28T08:00', '2026-03-29T07:00', '2026-03-30T07:00', '2026-03-31T07:00'],
    ],
    [
      'Europe/Berlin',
      '2026-10-23',
      '2026-10-27',
      ['2026-10-23T07:00', '2026-10-24T07:00', '2026-10-25T08:00', '2026-10-26T08:00', '2026-10-27T08:00'],
    ],
    [
      'America/New_York',
      '2026-03-06',
      '2026-03-09',
      ['2026-03-06T14:00', '2026-03-07T14:00', '2026-03-08T13:00', '2026-03-09T13:00'],
    ],
    [
      'America/New_York',
      '2026-10-30',
      '2026-11-02',
      ['2026-10-30T13:00', '2026-10-31T13:00', '2026-11-01T14:00', '2026-11-02T14:00'],
    ],
  ])('posts at 09:00 local in %s on both sides of a DST change (%s…%s)', async (zone, from, to, expected) => {
    await store.saveSchedule({ ...berlin, zone }, 0);
    // A short grace, so the run measures when posts fall due rather than catching up the day before `from`.
    await run(
      scheduler('A', { graceMs: 10 * MINUTE }),
      Date.parse(`${from}T00:00:00Z`),
      Date.parse(`${to}T23:59:00Z`),
      5 * MINUTE,
    );
    expect(poster.sent.map((m) => new Date(m.at).toISOString().slice(0, 16))).toEqual(expected);
  });

  it('posts within moments of its minute by a timer, not at the next periodic sweep', async () => {
    const due = Date.parse('2026-06-01T07:00:00Z'); // 09:00 in Berlin
    await store.saveSchedule(berlin, due - 2 * HOUR);
    // A clock that runs in real time from 1.5 s before the minute; the periodic sweep is an hour away.
    const started = Date.now();
    const clock = () => due - 1_500 + (Date.now() - started);
    poster = new ChannelPoster(clock);
    const s = scheduler('A', { now: clock, posters: { discord: poster } });
    s.start(HOUR);
    try {
      for (let waited = 0; poster.sent.length === 0 && waited < 10_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await s.stop();
    }
    expect(poster.sent).toHaveLength(1);
    const late = poster.sent[0]!.at - due;
    expect(late).toBeGreaterThanOrEqual(0);
    console.log(`daily post after its minute: ${late} ms (the next sweep was an hour away)`);
  });

  it('posts a 02:30 Berlin schedule at 03:00 on the spring-forward day', async () => {
    await store.saveSchedule({ ...berlin, time: '02:30' }, 0);
    await run(
      scheduler('A', { graceMs: 10 * MINUTE }),
      Date.parse('2026-03-28T12:00:00Z'),
      Date.parse('2026-03-29T12:00:00Z'),
      MINUTE,
    );
    expect(poster.sent.map((m) => new Date(m.at).toISOString().slice(0, 16))).toEqual(['2026-03-29T01:00']);
  });

  it('catches up when it comes back later the same local day, marked as delayed', async () => {
    await store.saveSchedule(berlin, 0);
    now = Date.parse('2026-06-10T12:30:00Z'); // 14:30 in Berlin, the 09:00 post was missed
    expect((await scheduler().tick()).get('discord:g1:c-berlin')).toBe('posted');
    expect(poster.sent).toHaveLength(1);
    expect(poster.sent[0]?.delayedFrom).toBe('2026-06-10 09:00 GMT+2');
  });

  it("never posts yesterday's takeaway after a long outage", async () => {
    await store.saveSchedule(berlin, 0);
    // Down from before yesterday's 09:00 until 08:59 today.
    now = Date.parse('2026-06-11T06:59:00Z');
    await scheduler().tick();
    expect(poster.sent).toHaveLength(0);
    now = Date.parse('2026-06-11T07:00:00Z');
    await scheduler().tick();
    expect(poster.sent.map((m) => localParts(m.at, 'Europe/Berlin').date)).toEqual(['2026-06-11']);
    expect(poster.sent[0]?.delayedFrom).toBeUndefined();
  });

  it('respects a shorter grace: no catch-up beyond it', async () => {
    await store.saveSchedule(berlin, 0);
    now = Date.parse('2026-06-10T12:30:00Z');
    await scheduler('A', { graceMs: 2 * HOUR }).tick();
    expect(poster.sent).toHaveLength(0);
  });

  it('does not post twice when the process crashed after claiming (before sending)', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    now = Date.parse('2026-06-10T07:00:00Z');
    // Process A claimed and died before sending anything.
    await store.claim({
      scheduleId: schedule.id,
      localDate: '2026-06-10',
      owner: 'A',
      now,
      leaseMs: 2 * MINUTE,
      pick: () => ({ takeawayId: 't01', next: { cycle: 0, position: 1 } }),
    });
    const b = scheduler('B');
    now += MINUTE;
    expect((await b.tick()).get(schedule.id)).toBe('busy');
    now += 2 * MINUTE;
    expect((await b.tick()).get(schedule.id)).toBe('posted');
    for (let i = 0; i < 10; i++) {
      now += 10 * MINUTE;
      await b.tick();
    }
    expect(poster.sent.map((m) => m.takeawayId)).toEqual(['t01']);
  });

  it('does not post twice when the process crashed after sending (before marking done)', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    now = Date.parse('2026-06-10T07:00:00Z');
    poster.crashAfterSend = true;
    void scheduler('A').tick(); // never finishes: the process "dies" once the platform has the message
    await new Promise((r) => setTimeout(r, 50));
    expect(poster.sent).toHaveLength(1);
    poster.crashAfterSend = false;
    const restarted = scheduler('A2');
    now += MINUTE;
    expect((await restarted.tick()).get(schedule.id)).toBe('busy');
    now += 2 * MINUTE;
    expect((await restarted.tick()).get(schedule.id)).toBe('recovered');
    now += HOUR;
    await restarted.tick();
    expect(poster.sent).toHaveLength(1);
    expect((await store.lastPost(schedule.id))?.messageId).toBe(poster.sent[0]?.id);
  });

  it('retries a transient failure with backoff and honours a rate limit', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    poster.failures.set('c-berlin', [
      new PostError('503 from the platform', 'transient'),
      new PostError('rate limited', 'transient', 90_000),
    ]);
    const s = scheduler();
    now = Date.parse('2026-06-10T07:00:00Z');
    expect((await s.tick()).get(schedule.id)).toBe('failed');
    now += 30_000;
    expect((await s.tick()).get(schedule.id)).toBe('wait');
    now += 31_000;
    expect((await s.tick()).get(schedule.id)).toBe('failed'); // the 429
    now += 60_000;
    expect((await s.tick()).get(schedule.id)).toBe('wait');
    now += 31_000;
    expect((await s.tick()).get(schedule.id)).toBe('posted');
    expect(poster.sent).toHaveLength(1);
  });

  it('pauses a schedule after repeated permanent failures, tells its owner, and keeps other channels on time', async () => {
    const broken = await store.saveSchedule(berlin, 0);
    await store.saveSchedule({ ...berlin, channel: 'c-ok' }, 0);
    poster.failures.set(
      'c-berlin',
      Array.from({ length: 10 }, () => new PostError('Missing Access (50001)', 'permanent')),
    );
    const s = scheduler();
    await run(s, Date.parse('2026-06-10T06:00:00Z'), Date.parse('2026-06-12T23:00:00Z'), 30 * MINUTE);
    expect(poster.inChannel('c-ok')).toHaveLength(3);
    expect(poster.inChannel('c-berlin')).toHaveLength(0);
    const schedule = await store.getSchedule(broken.id);
    expect(schedule?.pausedReason).toMatch(/^Missing Access/);
    expect(poster.notified).toHaveLength(1);
    expect(poster.notified[0]?.schedule.setBy).toBe('u1');
    expect(poster.notified[0]?.message.en).toContain(channelRef('c-berlin'));
    // Setting it again clears the pause.
    await store.saveSchedule(berlin, now);
    expect((await store.getSchedule(broken.id))?.pausedReason).toBeUndefined();
  });

  it('backs off longer after each transient failure and never pauses for them', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    poster.failures.set(
      'c-berlin',
      Array.from({ length: 4 }, () => new PostError('503 from the platform', 'transient')),
    );
    const s = scheduler();
    now = Date.parse('2026-06-10T07:00:00Z');
    expect((await s.tick()).get(schedule.id)).toBe('failed');
    // Waits of 1, 2, 4 and 8 minutes: each retry comes just after its wait, not a moment before.
    for (const wait of [1, 2, 4, 8].map((m) => m * MINUTE)) {
      now += wait - 1_000;
      expect((await s.tick()).get(schedule.id)).toBe('wait');
      now += 2_000;
      expect((await s.tick()).get(schedule.id)).toBe(wait === 8 * MINUTE ? 'posted' : 'failed');
      expect((await store.getSchedule(schedule.id))?.pausedReason).toBeUndefined();
      now -= 1_000;
    }
    expect(poster.sent).toHaveLength(1);
  });

  it('reports each post, failure and new pause once to its observer, and nothing for quiet ticks', async () => {
    const seen: string[] = [];
    await store.saveSchedule(berlin, 0);
    poster.failures.set(
      'c-berlin',
      Array.from({ length: 3 }, () => new PostError('Missing Access (50001)', 'permanent')),
    );
    const s = scheduler('A', { onOutcome: (platform, outcome) => seen.push(`${platform}:${outcome}`) });
    now = Date.parse('2026-06-10T06:00:00Z');
    await s.tick();
    expect(seen).toEqual([]);
    await run(s, Date.parse('2026-06-10T07:00:00Z'), Date.parse('2026-06-10T10:30:00Z'), HOUR);
    expect(seen).toEqual(['discord:failed', 'discord:failed', 'discord:paused']);
    await run(s, Date.parse('2026-06-11T07:00:00Z'), Date.parse('2026-06-11T09:00:00Z'), HOUR);
    expect(seen).toHaveLength(3);
  });

  it('posts now on request, using up that day', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    now = Date.parse('2026-06-10T05:00:00Z');
    const s = scheduler();
    expect(await s.postNow(schedule)).toBe('posted');
    expect(await s.postNow(schedule)).toBe('done');
    await run(s, now, Date.parse('2026-06-10T21:00:00Z'));
    expect(poster.sent).toHaveLength(1);
  });

  it('stops posting to a channel whose schedule was turned off, and keeps its rotation for later', async () => {
    const schedule = await store.saveSchedule(berlin, 0);
    await run(scheduler(), Date.parse('2026-06-10T00:00:00Z'), Date.parse('2026-06-11T23:00:00Z'));
    expect(await store.disableSchedule(schedule.id, now)).toBe(true);
    await run(scheduler(), Date.parse('2026-06-12T00:00:00Z'), Date.parse('2026-06-12T23:00:00Z'));
    expect(poster.sent).toHaveLength(2);
    await store.saveSchedule(berlin, now);
    expect(await store.rotation(schedule.id)).toEqual({ cycle: 0, position: 2 });
  });

  it('checks the due time with croner-computed instants', () => {
    expect(new Date(scheduledInstant('2026-06-10', '09:00', 'Asia/Shanghai')).toISOString()).toBe(
      '2026-06-10T01:00:00.000Z',
    );
  });
});

describe('schedules from the environment', () => {
  it('adds and updates env schedules but leaves one changed by a command alone', async () => {
    const { seedSchedules } = await import('../../src/daily/seed.js');
    await store.saveSchedule({ ...berlin, channel: 'c-mine', time: '07:15' }, 0);
    const settings = { time: '10:00', zone: 'Asia/Shanghai', lang: 'zh' as const };
    const channels = [
      { workspace: 'g1', channel: 'c-env' },
      { workspace: 'g1', channel: 'c-mine' },
    ];
    expect(await seedSchedules(store, 'discord', channels, settings, 0)).toBe(1);
    expect(await seedSchedules(store, 'discord', channels, { ...settings, time: '11:00' }, 0)).toBe(1);
    const byChannel = Object.fromEntries((await store.listSchedules()).map((s) => [s.channel, s]));
    expect(byChannel['c-env']).toMatchObject({
      time: '11:00',
      zone: 'Asia/Shanghai',
      source: 'env',
      setBy: undefined,
    });
    expect(byChannel['c-mine']).toMatchObject({ time: '07:15', source: 'command' });
  });
});
