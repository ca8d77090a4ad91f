/**
 * The schedule choices over 30 simulated days: weekdays by the channel's own local day across a DST change,
 * chosen days, a thread and a mention carried to every post, and a personal takeaway beside them — each
 * still posted exactly once per posting day, caught up when late, and walking the rotation.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DailyScheduler, PostError } from '../../src/daily/scheduler.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { ScheduleInput, Weekday } from '../../src/daily/store.js';
import { localParts, weekdayOf } from '../../src/daily/time.js';
import { createLogger } from '../../src/log.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import { content, makeTalk } from '../helpers.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const talk = makeTalk();
const log = createLogger('silent');
let now = 0;
let store: SqliteStore;
let poster: ChannelPoster;

const scheduler = (owner = 'A') =>
  new DailyScheduler({ store, talk, posters: { discord: poster }, now: () => now, owner, log });

const base = (channel: string, zone: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({
  platform: 'discord',
  workspace: 'g1',
  channel,
  time: '09:00',
  zone,
  lang: 'both',
  setBy: 'u1',
  source: 'command',
  ...extra,
});

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

beforeEach(() => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-days-')), 'talk.sqlite'));
  poster = new ChannelPoster(() => now);
});

async function run(
  s: DailyScheduler,
  from: string,
  to: string,
  step = 20 * MINUTE,
  skip?: (t: number) => boolean,
) {
  for (now = Date.parse(from); now <= Date.parse(to); now += step) if (!skip?.(now)) await s.tick();
}

describe('days, thread, mention and personal takeaways over 30 days', () => {
  it('posts weekdays only, by the local day, at 09:00 local on both sides of the March DST change', async () => {
    const set = Date.parse('2026-03-14T00:00:00Z');
    // Berlin moves to summer time on Sunday 29 March; Auckland (UTC+13) is a day ahead of UTC at 09:00.
    await store.saveSchedule(
      base('c-berlin', 'Europe/Berlin', { days: WEEKDAYS, thread: true, mention: 'r1' }),
      set,
    );
    await store.saveSchedule(base('c-auckland', 'Pacific/Auckland', { days: WEEKDAYS }), set);
    await store.saveSchedule(base('c-mwf', 'America/New_York', { days: ['mon', 'wed', 'fri'] }), set);
    await store.saveSchedule(
      base('u-reader', 'Asia/Shanghai', { target: 'user', days: ['sat', 'sun'], time: '08:00' }),
      set,
    );
    await run(scheduler(), '2026-03-15T00:00:00Z', '2026-04-13T23:59:00Z');

    const check = (channel: string, zone: string, days: Weekday[], time: string) => {
      const sent = poster.inChannel(channel);
      const dates = sent.map((m) => m.key.slice('talk-daily:'.length));
      expect(new Set(dates).size, `${channel}: once per day`).toBe(dates.length);
      for (const m of sent) {
        const local = localParts(m.at, zone);
        expect(local.date, `${channel}: keyed by the local date`).toBe(m.key.slice('talk-daily:'.length));
        expect(days, `${channel}: ${local.date} is a posting day`).toContain(weekdayOf(local.date));
        expect(
          `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}` >= time,
        ).toBe(true);
        expect(local.hour * 60 + local.minute - Number(time.slice(0, 2)) * 60, channel).toBeLessThan(20);
      }
      return dates;
    };
    const berlin = check('c-berlin', 'Europe/Berlin', WEEKDAYS, '09:00');
    // 16 March (Mon) to 10 April (Fri): four whole weeks of five weekdays, plus Monday 13 April.
    expect(berlin).toHaveLength(21);
    expect(berlin).toContain('2026-03-27'); // Friday before the change
    expect(berlin).not.toContain('2026-03-28');
    expect(berlin).not.toContain('2026-03-29'); // Sunday of the change
    expect(berlin).toContain('2026-03-30'); // Monday after it
    const summer = poster.inChannel('c-berlin').find((m) => m.key.endsWith('2026-03-30'))!;
    expect(new Date(summer.at).toISOString().slice(11, 16)).toBe('07:00');
    const winter = poster.inChannel('c-berlin').find((m) => m.key.endsWith('2026-03-27'))!;
    expect(new Date(winter.at).toISOString().slice(11, 16)).toBe('08:00');
    // The thread and the mention go with every post, and the thread carries the cited passages.
    for (const m of poster.inChannel('c-berlin')) {
      expect(m).toMatchObject({ target: 'channel', thread: true, mention: 'r1' });
      const cited = content.takeaways.find((t) => t.id === m.takeawayId)!.cites;
      expect(m.originals).toEqual(cited);
    }
    // Auckland's Friday 09:00 is Thursday 20:00 UTC: posted on its Friday, never on its Saturday.
    const auckland = check('c-auckland', 'Pacific/Auckland', WEEKDAYS, '09:00');
    const friday = poster.inChannel('c-auckland').find((m) => m.key.endsWith('2026-03-20'))!;
    expect(new Date(friday.at).toISOString().slice(0, 13)).toBe('2026-03-19T20');
    expect(auckland).not.toContain('2026-03-21');
    check('c-mwf', 'America/New_York', ['mon', 'wed', 'fri'], '09:00');
    expect(poster.inChannel('c-mwf').length).toBe(13);
    // The personal takeaway goes to the user on weekends only.
    const personal = check('u-reader', 'Asia/Shanghai', ['sat', 'sun'], '08:00');
    // Sundays 15, 22, 29 March, 5 and 12 April; Saturdays 21, 28 March, 4 and 11 April.
    expect(personal.length).toBe(9);
    expect(poster.inChannel('u-reader').every((m) => m.target === 'user' && !m.thread)).toBe(true);
    // The rotation walks every takeaway before repeating one, skipped days or not.
    const ids = poster.inChannel('c-berlin').map((m) => m.takeawayId);
    expect(new Set(ids).size).toBe(Math.min(ids.length, content.takeaways.length));
  }, 120_000);

  it('catches up a Friday missed while down, and posts nothing on the weekend after it', async () => {
    await store.saveSchedule(
      base('c1', 'Europe/Berlin', { days: WEEKDAYS }),
      Date.parse('2026-03-01T00:00:00Z'),
    );
    const s = scheduler();
    // Down from Friday 06:00 to 15:00 UTC (the 09:00 post was missed), then up through Monday.
    await run(
      s,
      '2026-03-26T00:00:00Z',
      '2026-03-30T12:00:00Z',
      20 * MINUTE,
      (t) => t >= Date.parse('2026-03-27T06:00:00Z') && t < Date.parse('2026-03-27T15:00:00Z'),
    );
    const sent = poster.inChannel('c1');
    expect(sent.map((m) => m.key)).toEqual([
      'talk-daily:2026-03-26',
      'talk-daily:2026-03-27',
      'talk-daily:2026-03-30',
    ]);
    expect(sent[1]!.delayedFrom).toBe('2026-03-27 09:00 GMT+1');
    expect(sent[2]!.delayedFrom).toBeUndefined();
  });

  it('a restart in the middle of a weekday changes nothing: one post that day, then the next weekday', async () => {
    await store.saveSchedule(
      base('c1', 'Europe/Berlin', { days: WEEKDAYS }),
      Date.parse('2026-03-01T00:00:00Z'),
    );
    await run(scheduler('A'), '2026-03-27T07:00:00Z', '2026-03-27T09:00:00Z', 5 * MINUTE);
    await run(scheduler('B'), '2026-03-27T09:00:00Z', '2026-03-30T09:00:00Z', 30 * MINUTE);
    expect(poster.inChannel('c1').map((m) => m.key)).toEqual([
      'talk-daily:2026-03-27',
      'talk-daily:2026-03-30',
    ]);
  });

  it('pauses a personal takeaway after repeated refused direct messages, without trying to tell its owner by one', async () => {
    await store.saveSchedule(base('u1', 'UTC', { target: 'user' }), 0);
    const refused = () => new PostError('Cannot send messages to this user (50007)', 'permanent');
    poster.failures.set('u1', [refused(), refused(), refused()]);
    const s = scheduler();
    for (const day of ['2026-05-04', '2026-05-05', '2026-05-06', '2026-05-07']) {
      now = Date.parse(`${day}T09:00:00Z`);
      await s.tick();
    }
    const [schedule] = await store.listSchedules();
    expect(schedule!.pausedReason).toContain('50007');
    expect(poster.notified).toEqual([]);
    expect(poster.sent).toEqual([]);
    now += 24 * HOUR;
    expect((await s.tick()).get(schedule!.id)).toBe('paused');
  });
});
