/**
 * How the scheduler handles what goes wrong, and what each post carries: failures of every kind and their
 * waits, pausing and telling the owner, errors outside the send, the edges of when a post is due, and a
 * post's buttons, delay mark and thread.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { channelRef } from '../../src/core/markup.js';
import { type DailyPost, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import {
  berlin,
  freshStore,
  HOUR,
  keptLog,
  MINUTE,
  makeScheduler,
  talk,
  WatchedStore,
} from './scheduler-setup.js';

const DUE = Date.parse('2026-06-10T07:00:00Z'); // 09:00 in Berlin
const ID = 'discord:g1:c-berlin';
let now = DUE;
let store: WatchedStore;
let poster: ChannelPoster;

const scheduler = (extra: Parameters<typeof makeScheduler>[2] = {}) =>
  makeScheduler({ store, posters: { discord: poster }, now: () => now }, 'A', extra);

/** Ticks at each offset from DUE and returns the outcome for the Berlin schedule at each. */
async function outcomesAt(offsets: number[], extra: Parameters<typeof makeScheduler>[2] = {}) {
  const s = scheduler(extra);
  const seen: (string | undefined)[] = [];
  for (const offset of offsets) {
    now = DUE + offset;
    seen.push((await s.tick()).get(ID));
  }
  return seen;
}

/** A claim left by a process that crashed an hour before the post fell due on `date`. */
const crashedClaim = (scheduleId: string, date: string, takeawayId: string) =>
  store.claim({
    scheduleId,
    localDate: date,
    owner: 'crashed',
    now: Date.parse(`${date}T06:00:00Z`),
    leaseMs: MINUTE,
    pick: () => ({ takeawayId, next: { cycle: 0, position: 1 } }),
  });

/** A platform that can open the thread of a post a crash left without one (and can be made to fail at it). */
class ThreadPoster extends ChannelPoster {
  readonly completed: { channel: string; messageId: string; originals?: string[] }[] = [];
  threadFails = false;
  async completeThread(post: DailyPost, messageId: string): Promise<void> {
    if (this.threadFails) throw new Error('thread refused');
    const originals = post.view.daily?.originals?.map((p) => p.id);
    this.completed.push({ channel: post.schedule.channel, messageId, ...(originals ? { originals } : {}) });
  }
}

/** A platform that throws what it is given, in turn, before it sends. */
class ThrowingPoster extends ChannelPoster {
  constructor(private readonly errors: unknown[]) {
    super(() => now);
  }
  override async post(post: DailyPost): Promise<string> {
    if (this.errors.length > 0) throw this.errors.shift();
    return super.post(post);
  }
}

beforeEach(async () => {
  now = DUE;
  store = freshStore(WatchedStore);
  poster = new ChannelPoster(() => now);
  await store.saveSchedule(berlin, 0);
});

describe('failures and their waits', () => {
  it('treats an unexpected error as transient, keeping its words (or what was thrown)', async () => {
    poster = new ThrowingPoster([new TypeError('fetch failed'), 'socket closed']);
    expect(await outcomesAt([0])).toEqual(['failed']);
    expect((await store.getSchedule(ID))?.lastError).toBe('fetch failed');
    expect(await outcomesAt([MINUTE - 1, MINUTE])).toEqual(['wait', 'failed']);
    expect((await store.getSchedule(ID))?.lastError).toBe('socket closed');
    expect(await outcomesAt([3 * MINUTE - 1, 3 * MINUTE])).toEqual(['wait', 'posted']);
  });

  it('waits an hour after a permanent failure that has not paused the schedule yet', async () => {
    poster.failures.set('c-berlin', [new PostError('Missing Permissions (50013)', 'permanent')]);
    expect(await outcomesAt([0, HOUR - 1, HOUR])).toEqual(['failed', 'wait', 'posted']);
  });

  it('doubles the wait after each transient failure up to half an hour', async () => {
    const waits = [1, 2, 4, 8, 16, 30, 30].map((m) => m * MINUTE);
    poster.failures.set(
      'c-berlin',
      waits.map(() => new PostError('503', 'transient')),
    );
    let at = 0;
    const offsets = [0];
    for (const wait of waits) {
      at += wait;
      offsets.push(at - 1, at);
    }
    const seen = await outcomesAt(offsets);
    expect(seen).toEqual([
      'failed',
      ...waits.flatMap((_, i) => ['wait', i === waits.length - 1 ? 'posted' : 'failed']),
    ]);
  });
});

describe('pausing', () => {
  it('pauses after the configured number of permanent failures and tells the owner what to do', async () => {
    poster.failures.set('c-berlin', [new PostError('Missing Access (50001)', 'permanent')]);
    expect(await outcomesAt([0], { pauseAfter: 1 })).toEqual(['paused']);
    expect((await store.getSchedule(ID))?.pausedReason).toBe('Missing Access (50001)');
    expect(poster.notified.map((n) => n.message)).toEqual([
      {
        en: `I paused the daily takeaway for ${channelRef('c-berlin')} after 1 failed attempts. I can't see ${channelRef('c-berlin')}: give me View Channel there. Then set the schedule again with \`/talk daily set\`.`,
        zh: `${channelRef('c-berlin')} 的每日要点在 1 次失败后已暂停。我看不到 ${channelRef('c-berlin')}:请在该频道授予我“查看频道”权限。然后请用 \`/talk daily set\` 重新设置。`,
      },
    ]);
  });

  it('pauses a personal takeaway without a direct message that could not arrive', async () => {
    await store.saveSchedule({ ...berlin, channel: 'u1', target: 'user' }, 0);
    poster.failures.set('u1', [new PostError('Cannot send messages to this user (50007)', 'permanent')]);
    const s = scheduler({ pauseAfter: 1 });
    expect((await s.tick()).get('discord:g1:u1')).toBe('paused');
    expect((await store.getSchedule('discord:g1:u1'))?.pausedReason).toMatch(/^Cannot send messages/);
    expect(poster.notified).toEqual([]);
  });

  it('pauses even when the owner cannot be told, and says so in the log', async () => {
    const { log, lines } = keptLog();
    poster.failures.set('c-berlin', [new PostError('Missing Access (50001)', 'permanent')]);
    poster.notify = async () => {
      throw new Error('DMs closed');
    };
    expect(await outcomesAt([0], { pauseAfter: 1, log })).toEqual(['paused']);
    expect(lines.find((l) => l.msg === 'daily: could not notify the schedule owner')).toMatchObject({
      level: 'warn',
      schedule: ID,
      error: { message: 'DMs closed' },
    });
  });
});

describe('errors outside the send', () => {
  it('counts a schedule whose claim fails as failed, reports it, and goes on with the others', async () => {
    await store.saveSchedule({ ...berlin, channel: 'c-ok', platform: 'slack' }, 0);
    const slack = new ChannelPoster(() => now);
    const { log, lines } = keptLog();
    const seen: string[] = [];
    store.claimFails = true;
    const s = makeScheduler({ store, posters: { discord: poster, slack }, now: () => now }, 'A', {
      log,
      onOutcome: (platform, outcome) => seen.push(`${platform}:${outcome}`),
    });
    const outcomes = await s.tick();
    expect([...outcomes.values()]).toEqual(['failed', 'failed']);
    expect(seen.sort()).toEqual(['discord:failed', 'slack:failed']);
    expect(lines.filter((l) => l.msg === 'daily schedule failed')).toMatchObject([
      { level: 'error', schedule: ID, error: { message: 'claim refused' } },
      { level: 'error', schedule: 'slack:g1:c-ok', error: { message: 'claim refused' } },
    ]);
  });

  it('runs the sweep asked for during one that fails, once for all who asked', async () => {
    store.failing = true;
    const s = scheduler();
    const first = s.tick();
    const second = s.tick();
    expect(s.tick()).toBe(second);
    store.failing = false;
    await expect(first).rejects.toThrow('database unreachable');
    expect((await second).get(ID)).toBe('posted');
  });

  it('leaves alone a schedule of a platform this process does not post to', async () => {
    await store.saveSchedule({ ...berlin, platform: 'slack', workspace: 'T1', channel: 'C1' }, 0);
    const outcomes = await scheduler().tick();
    expect(outcomes.get('slack:T1:C1')).toBe('not-due');
    expect(outcomes.get(ID)).toBe('posted');
  });

  it('sends again when it cannot look for an earlier attempt’s message, and reports a recovery', async () => {
    const { log, lines } = keptLog();
    const seen: string[] = [];
    await crashedClaim(ID, '2026-06-10', 't01');
    poster.findPosted = async () => {
      throw new Error('history unavailable');
    };
    const observed = { log, onOutcome: (_: unknown, outcome: string) => seen.push(outcome) };
    expect(await outcomesAt([0], observed)).toEqual(['posted']);
    expect(lines.find((l) => l.msg === 'daily: could not look for an earlier post')).toMatchObject({
      schedule: ID,
      error: { message: 'history unavailable' },
    });

    // The next day, an earlier attempt's message is found: recovered, not sent again.
    await crashedClaim(ID, '2026-06-11', 't02');
    poster.findPosted = async (_: Schedule, key: string) =>
      key === 'talk-daily:2026-06-11' ? 'm-old' : undefined;
    expect(await outcomesAt([24 * HOUR], observed)).toEqual(['recovered']);
    expect(seen).toEqual(['posted', 'recovered']);
    expect((await store.lastPost(ID))?.messageId).toBe('m-old');
    expect(poster.sent).toHaveLength(1);
  });
});

describe('a post recovered after a crash', () => {
  it('gets the thread the crash kept from it, only where the schedule has threads', async () => {
    const threads = new ThreadPoster(() => now);
    poster = threads;
    await store.saveSchedule({ ...berlin, thread: true }, 0);
    await store.saveSchedule({ ...berlin, channel: 'c-plain' }, 0);
    await crashedClaim(ID, '2026-06-10', 't01');
    await crashedClaim('discord:g1:c-plain', '2026-06-10', 't02');
    poster.findPosted = async (schedule: Schedule) => `m-${schedule.channel}`;
    const outcomes = await scheduler().tick();
    expect([...outcomes.values()]).toEqual(['recovered', 'recovered']);
    expect(threads.completed).toEqual([
      { channel: 'c-berlin', messageId: 'm-c-berlin', originals: talk.originals('t01').map((p) => p.id) },
    ]);
    expect(poster.sent).toEqual([]);
  });

  it('is recovered on a platform that cannot open a thread afterwards', async () => {
    await store.saveSchedule({ ...berlin, thread: true }, 0);
    await crashedClaim(ID, '2026-06-10', 't01');
    poster.findPosted = async () => 'm-old';
    expect(await outcomesAt([0])).toEqual(['recovered']);
  });

  it('counts as recovered even when its thread cannot be opened, and says so in the log', async () => {
    const { log, lines } = keptLog();
    const threads = new ThreadPoster(() => now);
    threads.threadFails = true;
    poster = threads;
    await store.saveSchedule({ ...berlin, thread: true }, 0);
    await crashedClaim(ID, '2026-06-10', 't01');
    poster.findPosted = async () => 'm-old';
    expect(await outcomesAt([0], { log })).toEqual(['recovered']);
    expect(
      lines.find((l) => l.msg === 'daily: could not complete the thread of a recovered post'),
    ).toMatchObject({
      level: 'warn',
      schedule: ID,
      error: { message: 'thread refused' },
    });
  });
});

describe('when a post is due', () => {
  it('is not due before its minute, nor on a day it does not post on', async () => {
    expect(await outcomesAt([-1])).toEqual(['not-due']);
    await store.saveSchedule({ ...berlin, days: ['mon'] }, 0); // 2026-06-10 is a Wednesday
    expect(await outcomesAt([0])).toEqual(['not-due']);
  });

  it('is still due at the very end of the grace, and not a moment after', async () => {
    expect(await outcomesAt([2 * HOUR + 1], { graceMs: 2 * HOUR })).toEqual(['not-due']);
    expect(await outcomesAt([2 * HOUR], { graceMs: 2 * HOUR })).toEqual(['posted']);
  });

  it('is due for a schedule set at its very minute, but not for one set a moment after', async () => {
    await store.saveSchedule({ ...berlin, time: '09:01' }, DUE + MINUTE + 1);
    expect(await outcomesAt([MINUTE + 1])).toEqual(['not-due']);
    await store.saveSchedule({ ...berlin, time: '09:02' }, DUE + 2 * MINUTE);
    expect(await outcomesAt([2 * MINUTE])).toEqual(['posted']);
  });
});

describe('what a post carries', () => {
  it('is the takeaway alone, with no buttons under it', async () => {
    const views: DailyPost['view'][] = [];
    poster.post = async (post) => {
      views.push(post.view);
      return 'm1';
    };
    await scheduler().tick();
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      kind: 'takeaway',
      actions: [],
      daily: { key: 'talk-daily:2026-06-10' },
    });
  });

  it('marks a post delayed only when it goes out more than five minutes late', async () => {
    expect(await outcomesAt([5 * MINUTE])).toEqual(['posted']);
    expect(poster.sent[0]?.delayedFrom).toBeUndefined();
    expect((await store.lastPost(ID))?.delayed).toBe(false);
    expect(await outcomesAt([24 * HOUR + 5 * MINUTE + 1])).toEqual(['posted']);
    expect(poster.sent[1]?.delayedFrom).toBe('2026-06-11 09:00 GMT+2');
    expect((await store.lastPost(ID))?.delayed).toBe(true);
  });

  it('gives a channel post with a thread the passages its takeaway cites, and no one else', async () => {
    await store.saveSchedule({ ...berlin, thread: true }, 0);
    await store.saveSchedule({ ...berlin, channel: 'u1', target: 'user', thread: true }, 0);
    await store.saveSchedule({ ...berlin, channel: 'c-plain' }, 0);
    await scheduler().tick();
    const byChannel = Object.fromEntries(poster.sent.map((m) => [m.channel, m]));
    const cited = talk.originals(byChannel['c-berlin']!.takeawayId).map((p) => p.id);
    expect(cited.length).toBeGreaterThan(0);
    expect(byChannel['c-berlin']?.originals).toEqual(cited);
    expect(byChannel.u1?.originals).toBeUndefined();
    expect(byChannel['c-plain']?.originals).toBeUndefined();
  });
});
