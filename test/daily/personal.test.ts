/** `/talk daily me`: a user's own takeaway by direct message, set and stopped through a real store. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DailyRequest } from '../../src/core/actions.js';
import { PersonalDaily } from '../../src/daily/personal.js';
import type { SqliteStore } from '../../src/daily/sqlite-store.js';
import { freshStore, slackMember, talk } from './scheduler-setup.js';

const NOW = Date.parse('2026-03-27T06:00:00Z'); // a Friday
let clock = NOW;
let store: SqliteStore;
let personal: PersonalDaily;

const ctx = slackMember;
const me = (request: Omit<DailyRequest, 'sub' | 'action' | 'lang'>, lang: DailyRequest['lang'] = 'en') =>
  personal.me({ sub: 'daily', action: 'me', lang, ...request }, ctx);

beforeEach(() => {
  clock = NOW;
  store = freshStore();
  personal = new PersonalDaily(store, talk, () => clock);
});

describe('daily me: setting it', () => {
  it('stores a personal schedule from the command, set at the clock’s time, and says when it comes next', async () => {
    const view = await me({ time: '8:00', zone: 'asia/shanghai', days: 'mon,wed' }, 'zh');
    expect(view).toEqual({
      kind: 'daily-changed',
      lang: 'zh',
      change: 'set',
      channel: 'U1',
      target: 'user',
      schedule: {
        channel: 'U1',
        target: 'user',
        time: '08:00',
        zone: 'Asia/Shanghai',
        lang: 'zh',
        days: ['mon', 'wed'],
        thread: false,
        next: {
          local: '2026-03-30 08:00 GMT+8',
          utc: '2026-03-30 00:00 UTC',
          epochMs: Date.parse('2026-03-30T00:00:00Z'),
        },
      },
      actions: [],
    });
    expect(await store.getSchedule('slack:T1:U1')).toMatchObject({
      platform: 'slack',
      workspace: 'T1',
      channel: 'U1',
      setBy: 'U1',
      source: 'command',
      target: 'user',
      lang: 'zh',
      activeFrom: NOW,
    });
  });

  it('counts the next post from the clock at the time of asking', async () => {
    clock = Date.parse('2026-03-30T01:00:00Z'); // Monday 09:00 in Shanghai, after that day's 08:00
    const view = await me({ time: '08:00', zone: 'Asia/Shanghai' });
    expect(view).toMatchObject({ schedule: { next: { utc: '2026-03-31 00:00 UTC' } } });
    expect((await store.getSchedule('slack:T1:U1'))?.activeFrom).toBe(clock);
  });

  it('explains how, in both languages, when asked with neither a time nor a zone', async () => {
    expect(await me({})).toEqual({
      kind: 'error',
      lang: 'en',
      code: 'bad-option',
      message: {
        en: 'Say when, in your time zone: `/talk daily me 08:00 Asia/Shanghai` (add `weekdays` or `mon,wed,fri` for some days only, `zh`, `en` or `both` for the language); `/talk daily me off` stops it.',
        zh: '请给出你所在时区的时间:`/talk daily me 08:00 Asia/Shanghai`(可加 `weekdays` 或 `mon,wed,fri` 只在某些天发送,加 `zh`、`en` 或 `both` 选择语言);`/talk daily me off` 停止。',
      },
      suggestions: [],
      actions: [],
    });
  });

  it('checks a time given without a zone, and a zone given without a time, field by field', async () => {
    expect(await me({ time: '08:00' })).toMatchObject({
      code: 'bad-option',
      message: { en: expect.stringMatching(/^"" is not a time zone I know\./) },
    });
    expect(await me({ zone: 'UTC' })).toMatchObject({
      message: { en: expect.stringMatching(/^"" is not a time\./) },
    });
    expect(await me({ time: '08:00', zone: 'UTC', days: 'someday' })).toMatchObject({
      message: { en: expect.stringMatching(/^"someday" is not a list of days\./) },
    });
    expect(await store.listSchedules()).toEqual([]);
  });

  it('refuses a thread or a mention, which only channel posts have', async () => {
    const refused = {
      kind: 'error',
      code: 'bad-option',
      message: {
        en: 'Threads and mentions are for channel posts; your personal takeaway comes as a direct message.',
        zh: '讨论串和提及只用于频道发布;个人要点以私信发送。',
      },
    };
    expect(await me({ time: '08:00', zone: 'UTC', thread: true })).toMatchObject(refused);
    expect(await me({ time: '08:00', zone: 'UTC', mention: 'S1' })).toMatchObject(refused);
    expect(await me({ time: '08:00', zone: 'UTC', thread: false })).toMatchObject({ change: 'set' });
  });
});

describe('daily me off', () => {
  const nothingToStop = {
    kind: 'error',
    lang: 'zh',
    code: 'no-schedule',
    message: { en: 'You have no personal daily takeaway to stop.', zh: '你没有可停止的个人每日要点。' },
  };

  it('stops the user’s own takeaway and says so', async () => {
    await me({ time: '08:00', zone: 'UTC' });
    clock += 1_000;
    expect(await me({ off: true }, 'zh')).toEqual({
      kind: 'daily-changed',
      lang: 'zh',
      change: 'off',
      channel: 'U1',
      target: 'user',
      actions: [],
    });
    expect(await store.getSchedule('slack:T1:U1')).toBeUndefined();
    expect(await me({ off: true }, 'zh')).toMatchObject(nothingToStop);
  });

  it('never stops a channel’s schedule that happens to have the user’s id', async () => {
    await store.saveSchedule(
      {
        platform: 'slack',
        workspace: 'T1',
        channel: 'U1',
        time: '09:00',
        zone: 'UTC',
        lang: 'en',
        source: 'env',
      },
      0,
    );
    expect(await me({ off: true }, 'zh')).toMatchObject(nothingToStop);
    expect(await store.getSchedule('slack:T1:U1')).toMatchObject({ target: 'channel' });
  });

  it('says it was stopped once when asked twice at the same moment', async () => {
    await me({ time: '08:00', zone: 'UTC' });
    const answers = await Promise.all([me({ off: true }, 'zh'), me({ off: true }, 'zh')]);
    expect(answers.map((a) => a.kind).sort()).toEqual(['daily-changed', 'error']);
    expect(answers.find((a) => a.kind === 'error')).toMatchObject(nothingToStop);
  });
});
