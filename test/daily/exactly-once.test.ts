/**
 * Exactly once, proven harder: overlapping ticks in one process, a send slower than the lease, zones whose
 * local date differs from UTC's across midnight and both DST changes, and a schedule set after (or before)
 * its time today.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DailyPost } from '../../src/daily/scheduler.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { ScheduleInput } from '../../src/daily/store.js';
import { localParts } from '../../src/daily/time.js';
import { createLogger } from '../../src/log.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import { makeTalk } from '../helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const talk = makeTalk();
const log = createLogger('silent');
let now = 0;
let store: SqliteStore;
let poster: ChannelPoster;

function scheduler(owner = 'A', extra: Partial<ConstructorParameters<typeof DailyScheduler>[0]> = {}) {
  return new DailyScheduler({
    store,
    talk,
    posters: { discord: poster },
    now: () => now,
    owner,
    log,
    ...extra,
  });
}

const schedule = (channel: string, time: string, zone: string): ScheduleInput => ({
  platform: 'discord',
  workspace: 'g1',
  channel,
  time,
  zone,
  lang: 'both',
  setBy: 'u1',
  source: 'command',
});

/** A poster whose send takes `ms` of real time (a rate limit waited out, a slow network). */
class SlowPoster extends ChannelPoster {
  constructor(
    clock: () => number,
    private readonly ms: number,
  ) {
    super(clock);
  }
  override async post(post: DailyPost): Promise<string> {
    await new Promise((r) => setTimeout(r, this.ms));
    return super.post(post);
  }
}

beforeEach(() => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-once-')), 'talk.sqlite'));
  poster = new ChannelPoster(() => now);
});

describe('one process never posts twice', () => {
  it('two overlapping ticks with a send that takes 300 ms: one post', async () => {
    now = Date.parse('2026-06-10T06:00:00Z');
    await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now);
    poster = new SlowPoster(() => now, 300);
    const s = scheduler();
    now = Date.parse('2026-06-10T09:00:30Z');
    const [a, b] = await Promise.all([s.tick(), s.tick()]);
    expect(poster.inChannel('c1')).toHaveLength(1);
    expect([a.get('discord:g1:c1'), b.get('discord:g1:c1')]).toContain('posted');
  });

  it('a tick asked for while one runs waits for it: sweeps never overlap', async () => {
    now = Date.parse('2026-06-10T06:00:00Z');
    await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now);
    poster = new SlowPoster(() => now, 200);
    const events: string[] = [];
    const recording = new Proxy(store, {
      get(target, name) {
        const value = Reflect.get(target, name);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          events.push(`${String(name)}:start`);
          try {
            return await value.apply(target, args);
          } finally {
            events.push(`${String(name)}:end`);
          }
        };
      },
    });
    const s = new DailyScheduler({
      store: recording,
      talk,
      posters: { discord: poster },
      now: () => now,
      owner: 'A',
      log,
    });
    now = Date.parse('2026-06-10T09:00:30Z');
    await Promise.all([s.tick(), s.tick(), s.tick()]);
    const sweeps = events.filter((e) => e === 'listSchedules:start').length;
    expect(sweeps).toBe(2);
    // The second sweep starts only after the first one's post was marked done.
    expect(events.lastIndexOf('listSchedules:start')).toBeGreaterThan(events.indexOf('markPosted:end'));
    expect(poster.inChannel('c1')).toHaveLength(1);
  });

  it('its own live claim is not entered again by the same owner', async () => {
    now = Date.parse('2026-06-10T06:00:00Z');
    const saved = await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now);
    const pick = () => ({ takeawayId: 't01', next: { cycle: 0, position: 1 } });
    const input = { scheduleId: saved.id, localDate: '2026-06-10', owner: 'A', leaseMs: 120_000, pick };
    expect((await store.claim({ ...input, now: 1_000 })).kind).toBe('new');
    expect((await store.claim({ ...input, now: 2_000 })).kind).toBe('busy');
    expect((await store.claim({ ...input, now: 1_000 + 120_001 })).kind).toBe('retry');
  });

  it('a send slower than the lease keeps its claim alive: no other process sends meanwhile', async () => {
    now = Date.parse('2026-06-10T06:00:00Z');
    await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now);
    // One clock for both processes, running at twice real speed: the 3 s lease lasts 1.5 s of real time.
    const start = Date.parse('2026-06-10T09:00:30Z');
    const began = Date.now();
    const clock = () => start + (Date.now() - began) * 2;
    const slow = new SlowPoster(clock, 3000);
    const a = new DailyScheduler({
      store,
      talk,
      posters: { discord: slow },
      now: clock,
      owner: 'A',
      log,
      leaseMs: 3000,
    });
    const b = new DailyScheduler({
      store,
      talk,
      posters: { discord: slow },
      now: clock,
      owner: 'B',
      log,
      leaseMs: 3000,
    });
    const first = a.tick();
    // While A's send is in flight, well past A's original lease, B looks (twice).
    await new Promise((r) => setTimeout(r, 2000));
    expect((await b.tick()).get('discord:g1:c1')).toBe('busy');
    await new Promise((r) => setTimeout(r, 600));
    expect((await b.tick()).get('discord:g1:c1')).toBe('busy');
    expect((await first).get('discord:g1:c1')).toBe('posted');
    expect(slow.inChannel('c1')).toHaveLength(1);
  });
});

describe('local dates away from UTC', () => {
  const zones: [string, string, string][] = [
    ['auckland', '08:00', 'Pacific/Auckland'],
    ['los-angeles', '20:00', 'America/Los_Angeles'],
    ['kiritimati', '07:30', 'Pacific/Kiritimati'],
    ['kathmandu', '00:10', 'Asia/Kathmandu'],
    ['adelaide', '23:50', 'Australia/Adelaide'],
  ];

  /** Ticks every 10 minutes through a span, then checks every channel got one post per local day. */
  async function runThrough(from: string, to: string) {
    for (const [channel, time, zone] of zones)
      await store.saveSchedule(schedule(channel, time, zone), Date.parse(from));
    const s = scheduler();
    for (now = Date.parse(from); now <= Date.parse(to); now += 10 * MINUTE) await s.tick();
    for (const [channel, time, zone] of zones) {
      const sent = poster.inChannel(channel);
      const days = sent.map((m) => m.key.slice('talk-daily:'.length));
      // One post per local day, on consecutive local dates, each at its local time.
      expect(new Set(days).size, channel).toBe(days.length);
      for (let i = 1; i < days.length; i++)
        expect(Date.parse(days[i]!) - Date.parse(days[i - 1]!), `${channel} ${days[i]}`).toBe(24 * HOUR);
      for (const m of sent) {
        const local = localParts(m.at, zone);
        expect(local.date, `${channel} key is the local date`).toBe(m.key.slice('talk-daily:'.length));
        const minutes = local.hour * 60 + local.minute;
        const wanted = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
        expect(
          minutes - wanted,
          `${channel} posts within 10 minutes of ${time} local`,
        ).toBeGreaterThanOrEqual(0);
        expect(minutes - wanted, `${channel} posts within 10 minutes of ${time} local`).toBeLessThan(10);
      }
      expect(days.length, channel).toBeGreaterThanOrEqual(4);
    }
  }

  it('posts once per local day across midnight UTC and the March/April DST changes', async () => {
    // US springs forward on 8 March; Auckland and Adelaide fall back on 5 April 2026.
    await runThrough('2026-03-06T00:00:00Z', '2026-03-11T00:00:00Z');
    poster = new ChannelPoster(() => now);
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-once-')), 'talk.sqlite'));
    await runThrough('2026-04-03T00:00:00Z', '2026-04-08T00:00:00Z');
  }, 60_000);

  it('posts once per local day across the September/October and November DST changes', async () => {
    // Auckland springs forward on 27 September, Adelaide on 4 October; the US falls back on 1 November.
    await runThrough('2026-09-25T00:00:00Z', '2026-09-30T00:00:00Z');
    poster = new ChannelPoster(() => now);
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-once-')), 'talk.sqlite'));
    await runThrough('2026-10-30T00:00:00Z', '2026-11-04T00:00:00Z');
  }, 60_000);
});

describe('a new or changed schedule starts with the next occurrence after it was set', () => {
  const at = (iso: string) => Date.parse(iso);

  it('set after today’s time: no post today, one tomorrow', async () => {
    now = at('2026-11-29T08:37:00Z'); // 09:37 in Berlin
    await store.saveSchedule(schedule('c1', '09:00', 'Europe/Berlin'), now);
    const s = scheduler();
    for (; now < at('2026-11-30T08:30:00Z'); now += 5 * MINUTE) await s.tick();
    expect(poster.inChannel('c1').map((m) => m.key)).toEqual(['talk-daily:2026-11-30']);
  });

  it('set before today’s time: posts today', async () => {
    now = at('2026-11-29T07:30:00Z'); // 08:30 in Berlin
    await store.saveSchedule(schedule('c1', '09:00', 'Europe/Berlin'), now);
    const s = scheduler();
    for (; now < at('2026-11-29T09:00:00Z'); now += 5 * MINUTE) await s.tick();
    expect(poster.inChannel('c1').map((m) => m.key)).toEqual(['talk-daily:2026-11-29']);
  });

  it('changing the time of an existing schedule: to earlier than now waits for tomorrow; to later posts today', async () => {
    now = at('2026-11-28T00:00:00Z');
    await store.saveSchedule(schedule('c1', '18:00', 'UTC'), now);
    await store.saveSchedule(schedule('c2', '18:00', 'UTC'), now);
    const s = scheduler();
    now = at('2026-11-29T10:00:00Z');
    await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now); // earlier than now
    await store.saveSchedule(schedule('c2', '11:00', 'UTC'), now); // later than now
    for (; now < at('2026-11-29T23:00:00Z'); now += 10 * MINUTE) await s.tick();
    expect(poster.inChannel('c1')).toHaveLength(0);
    expect(poster.inChannel('c2').map((m) => m.key)).toEqual(['talk-daily:2026-11-29']);
  });

  it('setting the same time again changes nothing; catch-up after downtime still posts, marked delayed', async () => {
    now = at('2026-11-28T00:00:00Z');
    await store.saveSchedule(schedule('c1', '09:00', 'UTC'), now);
    // The bot was down at 09:00 and comes back at 11:00; an env seed re-saves the same settings meanwhile.
    now = at('2026-11-29T11:00:00Z');
    await store.saveSchedule({ ...schedule('c1', '09:00', 'UTC'), source: 'env' }, now);
    await scheduler().tick();
    const sent = poster.inChannel('c1');
    expect(sent.map((m) => m.key)).toEqual(['talk-daily:2026-11-29']);
    expect(sent[0]!.delayedFrom).toBe('2026-11-29 09:00 UTC');
  });
});
