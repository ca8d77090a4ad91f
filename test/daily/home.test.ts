/** The Slack Home tab's view model, built from a real store: what it lists, for whom, and how many. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHome, HOME_SCHEDULES_MAX } from '../../src/daily/home.js';
import type { DailyContext } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { ScheduleInput } from '../../src/daily/store.js';
import { makeTalk } from '../helpers.js';
import { slackMember } from './scheduler-setup.js';

const NOW = Date.parse('2026-03-27T06:00:00Z');
const talk = makeTalk();
let store: SqliteStore;

const ctx = (extra: Partial<DailyContext> = {}): DailyContext => ({ ...slackMember, ...extra });

/** Saves a schedule in T1 on Slack at 09:00 UTC unless told otherwise. */
const save = (channel: string, extra: Partial<ScheduleInput> = {}) =>
  store.saveSchedule(
    {
      platform: 'slack',
      workspace: 'T1',
      channel,
      time: '09:00',
      zone: 'UTC',
      lang: 'both',
      setBy: 'U1',
      source: 'command',
      ...extra,
    },
    0,
  );

beforeEach(() => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-home-')), 'talk.sqlite'));
});

describe('the Home tab', () => {
  it('shows today’s takeaway without buttons and the topics by id and title, with nothing scheduled', async () => {
    const home = await buildHome(store, talk, ctx({ isAdmin: true }), 'en', NOW);
    const today = talk.handle({ sub: 'takeaway', lang: 'en' });
    expect(home).toEqual({
      kind: 'home',
      lang: 'en',
      takeaway: { ...today, actions: [] },
      topics: talk.topics('en').topics.map((t) => ({ id: t.id, title: t.title })),
      schedules: [],
      more: 0,
      isAdmin: true,
    });
  });

  it('lists only this workspace’s channel schedules on this platform, and only the viewer’s own personal one', async () => {
    await save('C1', { time: '07:30', zone: 'Asia/Shanghai' });
    await save('C2');
    await save('C3', { workspace: 'T2' });
    await save('C4', { platform: 'discord' });
    await save('U2', { target: 'user', setBy: 'U2' });
    const home = await buildHome(store, talk, ctx(), 'zh', NOW);
    expect(home.schedules.map((s) => s.channel)).toEqual(['C1', 'C2']);
    expect(home.schedules[0]).toMatchObject({
      channel: 'C1',
      target: 'channel',
      time: '07:30',
      next: { local: '2026-03-28 07:30 GMT+8' },
    });
    // Someone else's personal takeaway is theirs alone, and a channel under the viewer's id is a channel.
    expect(home).not.toHaveProperty('personal');
    await save('U1', { workspace: 'T3' });
    await save('U1', { workspace: 'T3', channel: 'U2', target: 'user' });
    expect(await buildHome(store, talk, ctx({ workspace: 'T3' }), 'zh', NOW)).not.toHaveProperty('personal');
    expect(home.isAdmin).toBe(false);

    await save('U1', { target: 'user', time: '08:00' });
    const mine = await buildHome(store, talk, ctx(), 'zh', NOW);
    expect(mine.personal).toMatchObject({
      channel: 'U1',
      target: 'user',
      next: { local: '2026-03-27 08:00 UTC' },
    });
    expect(mine.schedules.map((s) => s.channel)).toEqual(['C1', 'C2']);
  });

  it('lists at most the first schedules and counts the rest', async () => {
    const channels = Array.from(
      { length: HOME_SCHEDULES_MAX + 2 },
      (_, i) => `C${String(i).padStart(2, '0')}`,
    );
    for (const channel of channels) await save(channel);
    const home = await buildHome(store, talk, ctx(), 'en', NOW);
    expect(home.schedules.map((s) => s.channel)).toEqual(channels.slice(0, HOME_SCHEDULES_MAX));
    expect(home.more).toBe(2);
  });
});
