/**
 * The scheduler's timers on a controlled clock: the periodic sweep, the timer armed for the next due post,
 * stopping, and the claim kept alive while a send is in flight.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DailyPost, DailyScheduler, PostError } from '../../src/daily/scheduler.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import {
  berlin,
  freshStore,
  HOUR,
  keptLog,
  MINUTE,
  makeScheduler,
  schedulerOptions,
  WatchedStore,
} from './scheduler-setup.js';

const DUE = Date.parse('2026-06-01T07:00:00Z'); // 09:00 in Berlin

/** A scheduler that notes when each sweep was asked for. */
class WatchedScheduler extends DailyScheduler {
  readonly ticks: number[] = [];
  override tick() {
    this.ticks.push(Date.now());
    return super.tick();
  }
}

/** A platform whose sends wait until released (a long rate limit), then succeed or fail. */
class GatedPoster extends ChannelPoster {
  private release?: () => void;
  private gate?: Promise<void>;
  hold() {
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  open() {
    this.release?.();
  }
  override async post(post: DailyPost): Promise<string> {
    await this.gate;
    return super.post(post);
  }
}

let store: WatchedStore;
let poster: GatedPoster;

const at = (instant: number) => vi.setSystemTime(instant);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const sentAt = () => poster.sent.map((m) => m.at - DUE);

const watched = (extra: Parameters<typeof schedulerOptions>[2] = {}) =>
  new WatchedScheduler(
    schedulerOptions({ store, posters: { discord: poster }, now: () => Date.now() }, 'A', extra),
  );

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  store = freshStore(WatchedStore);
  poster = new GatedPoster(() => Date.now());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the timer for the next due post', () => {
  it('posts 50 ms after each minute by timers armed one after another, the periodic sweep being an hour away', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    await store.saveSchedule({ ...berlin, channel: 'c-later', time: '09:01' }, DUE - HOUR);
    at(DUE - 2_000);
    const s = watched();
    s.start(HOUR);
    await advance(2_049);
    expect(poster.sent).toHaveLength(0);
    await advance(1);
    expect(sentAt()).toEqual([50]);
    await advance(MINUTE);
    expect(sentAt()).toEqual([50, MINUTE + 50]);
    expect(s.ticks.map((t) => t - DUE)).toEqual([-2_000, 50, MINUTE + 50]);
    await s.stop();
  });

  it('leaves a post due at or after the next sweep to that sweep, which finds a schedule set meanwhile', async () => {
    at(DUE - 25 * MINUTE);
    const s = watched();
    s.start(10 * MINUTE);
    await advance(MINUTE);
    await store.saveSchedule({ ...berlin, time: '09:05' }, Date.now());
    await advance(40 * MINUTE);
    // Sweeps every 10 minutes; at 08:55 the post is exactly one interval away, so no timer is armed. (The
    // sweep at 09:05 itself still counts its minute as next, hence one idle look 50 ms later.)
    expect(s.ticks.map((t) => t - DUE)).toEqual([
      -25 * MINUTE,
      -15 * MINUTE,
      -5 * MINUTE,
      5 * MINUTE,
      5 * MINUTE + 50,
      15 * MINUTE,
    ]);
    expect(sentAt()).toEqual([5 * MINUTE]);
    await s.stop();
  });

  it('drops the timer for a post that a periodic sweep sent first', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    at(DUE - 10 * MINUTE + 10);
    const s = watched();
    s.start(10 * MINUTE);
    await advance(11 * MINUTE);
    // The timer was due at DUE + 50 ms; the sweep at DUE + 10 ms posted and cancelled it.
    expect(s.ticks.map((t) => t - DUE)).toEqual([-10 * MINUTE + 10, 10]);
    expect(sentAt()).toEqual([10]);
    await s.stop();
  });

  it('arms no timer for a paused schedule', async () => {
    const paused = await store.saveSchedule(berlin, DUE - HOUR);
    await store.pause(paused.id, 'Missing Access (50001)', DUE - HOUR);
    at(DUE - 2_000);
    const s = watched();
    s.start(HOUR);
    await advance(10 * MINUTE);
    expect(s.ticks).toEqual([DUE - 2_000]);
    await s.stop();
  });

  it('logs a failed sweep and keeps sweeping, by the timer and by the interval', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    const { log, lines } = keptLog();
    at(DUE - 2_000);
    const s = watched({ log });
    s.start(10 * MINUTE);
    await advance(0);
    store.failing = true;
    await advance(2_050);
    expect(lines.filter((l) => l.msg === 'daily tick failed')).toMatchObject([
      { level: 'error', error: { message: 'database unreachable' } },
    ]);
    store.failing = false;
    await advance(10 * MINUTE);
    expect(sentAt()).toEqual([10 * MINUTE - 2_000]);
    await s.stop();
  });

  it('logs a periodic sweep that fails from the start, and posts once the store answers', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    const { log, lines } = keptLog();
    store.failing = true;
    at(DUE + 1_000);
    const s = watched({ log });
    s.start(10 * MINUTE);
    await advance(0);
    expect(lines).toMatchObject([{ msg: 'daily tick failed', error: { message: 'database unreachable' } }]);
    store.failing = false;
    await advance(10 * MINUTE);
    expect(sentAt()).toEqual([10 * MINUTE + 1_000]);
    await s.stop();
  });
});

describe('stopping', () => {
  it('sweeps no more after stop, not even for a timer armed before', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    at(DUE - 2_000);
    const s = watched();
    s.start(MINUTE);
    await advance(0);
    await s.stop();
    await advance(2 * HOUR);
    expect(s.ticks).toEqual([DUE - 2_000]);
    expect(poster.sent).toHaveLength(0);
  });

  it('waits for the sweep in flight, and arms nothing after it', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    await store.saveSchedule({ ...berlin, channel: 'c-later', time: '09:01' }, DUE - HOUR);
    at(DUE);
    poster.hold();
    const s = watched();
    s.start(HOUR);
    await advance(0);
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await advance(10);
    expect(stopped).toBe(false);
    poster.open();
    await stopping;
    expect(sentAt()).toEqual([10]);
    await advance(2 * MINUTE);
    expect(s.ticks).toEqual([DUE]);
  });
});

describe('a send in flight', () => {
  it('renews its claim every third of the lease while it waits, so no other process sends too', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    at(DUE);
    poster.hold();
    const a = watched({ leaseMs: 30_000 });
    const sweep = a.tick();
    await advance(35_000);
    expect(store.renewals.map((t) => t - DUE)).toEqual([10_000, 20_000, 30_000]);
    const other = new ChannelPoster(() => Date.now());
    const b = makeScheduler({ store, posters: { discord: other }, now: () => Date.now() }, 'B', {
      leaseMs: 30_000,
    });
    expect((await b.tick()).get('discord:g1:c-berlin')).toBe('busy');
    poster.open();
    expect((await sweep).get('discord:g1:c-berlin')).toBe('posted');
    // Once sent, renewing stops.
    await advance(HOUR);
    expect(store.renewals).toHaveLength(3);
    expect(poster.sent).toHaveLength(1);
    expect(other.sent).toHaveLength(0);
  });

  it('renews at most once a second, and stops renewing when the send fails', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    at(DUE);
    poster.hold();
    poster.failures.set('c-berlin', [new PostError('socket hang up', 'transient')]);
    const a = watched({ leaseMs: 1_500 });
    const sweep = a.tick();
    await advance(3_500);
    expect(store.renewals.map((t) => t - DUE)).toEqual([1_000, 2_000, 3_000]);
    poster.open();
    expect((await sweep).get('discord:g1:c-berlin')).toBe('failed');
    await advance(HOUR);
    expect(store.renewals).toHaveLength(3);
  });

  it('logs a renewal that fails and goes on with the send', async () => {
    await store.saveSchedule(berlin, DUE - HOUR);
    const { log, lines } = keptLog();
    at(DUE);
    poster.hold();
    store.renewFails = true;
    const sweep = watched({ leaseMs: 30_000, log }).tick();
    await advance(10_000);
    expect(lines.filter((l) => l.level === 'warn')).toMatchObject([
      { msg: 'daily: could not renew a claim', schedule: 'discord:g1:c-berlin' },
    ]);
    poster.open();
    expect((await sweep).get('discord:g1:c-berlin')).toBe('posted');
  });
});
