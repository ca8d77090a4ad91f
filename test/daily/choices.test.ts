/** `/talk daily set` with days, thread and mention, `daily me`, and `/talk lang`, through the core services. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DailyRequest } from '../../src/core/actions.js';
import { LangPrefs } from '../../src/core/prefs.js';
import type { View } from '../../src/core/views.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { type DailyContext, DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import { renderText } from '../../src/render/text.js';
import { makeTalk } from '../helpers.js';

const NOW = Date.parse('2026-03-27T06:00:00Z'); // a Friday, 07:00 in Berlin
let store: SqliteStore;
let service: DailyService;

const ctx = (extra: Partial<DailyContext> = {}): DailyContext => ({
  platform: 'discord',
  workspace: 'g1',
  user: 'u1',
  isAdmin: true,
  here: 'c1',
  checkChannel: async () => undefined,
  ...extra,
});
const daily = (request: Omit<DailyRequest, 'sub' | 'lang'>, c = ctx()) =>
  service.handle({ sub: 'daily', lang: 'en', ...request }, c);
const text = (view: View) => renderText(view);

beforeEach(() => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-choices-')), 'talk.sqlite'));
  const talk = makeTalk();
  const scheduler = new DailyScheduler({
    store,
    talk,
    posters: {},
    now: () => NOW,
    owner: 't',
    log: createLogger('silent'),
  });
  service = new DailyService(store, talk, scheduler, () => NOW);
});

describe('daily set with days, a thread and a mention', () => {
  it('stores them and says them back, with the next post on a posting day', async () => {
    const view = await daily({
      action: 'set',
      channel: 'c1',
      time: '09:00',
      zone: 'Europe/Berlin',
      days: 'sat,sun',
      thread: true,
      mention: 'r1',
    });
    expect(text(view)).toBe(
      'Daily takeaway set for #c1 at 09:00 Europe/Berlin · weekends · with a thread · mentions @r1. Next post: 2026-03-28 09:00 GMT+1 (2026-03-28 08:00 UTC).',
    );
    expect(await store.getSchedule('discord:g1:c1')).toMatchObject({
      days: ['sat', 'sun'],
      thread: true,
      mention: 'r1',
      target: 'channel',
    });
    expect(text(await daily({ action: 'status' }))).toContain(
      '#c1 · 09:00 Europe/Berlin · weekends · with a thread · mentions @r1 · en · next 2026-03-28 09:00 GMT+1',
    );
  });

  it('asks the platform about the mention and the thread, and stores what it resolves', async () => {
    const asked: unknown[] = [];
    const view = await daily(
      {
        action: 'set',
        channel: 'c1',
        time: '09:00',
        zone: 'UTC',
        thread: true,
        mention: '<!subteam^S1|@ai>',
      },
      ctx({
        checkChannel: async (channel, needs) => {
          asked.push({ channel, needs });
          return undefined;
        },
        checkMention: async (mention) =>
          mention.includes('S1') ? { id: 'S1' } : { problem: { en: 'no', zh: '不' } },
      }),
    );
    expect(view.kind).toBe('daily-changed');
    expect(asked).toEqual([{ channel: 'c1', needs: { thread: true } }]);
    expect((await store.getSchedule('discord:g1:c1'))?.mention).toBe('S1');
  });

  it('refuses a bad days list, an unusable mention and stray words, changing nothing', async () => {
    expect(
      text(await daily({ action: 'set', channel: 'c1', time: '09:00', zone: 'UTC', days: 'funday' })),
    ).toContain('"funday" is not a list of days. Use `every day`, `weekdays`');
    const unknownRole = ctx({
      checkMention: async () => ({ problem: { en: 'That role is not in this server.', zh: '' } }),
    });
    expect(
      text(
        await daily({ action: 'set', channel: 'c1', time: '09:00', zone: 'UTC', mention: 'r9' }, unknownRole),
      ),
    ).toBe('That role is not in this server.');
    expect(
      text(await daily({ action: 'set', channel: 'c1', time: '09:00', zone: 'UTC', extra: 'please' })),
    ).toBe(
      "I don't know what to do with “please”. For example: `/talk daily set #channel 09:00 Europe/Berlin --days mon-fri`.",
    );
    expect(await store.listSchedules()).toEqual([]);
  });
});

describe('daily me: a personal takeaway by direct message', () => {
  it('needs no admin, is stored per user, and shows in that user’s status only', async () => {
    const member = ctx({ isAdmin: false, user: 'u2' });
    const view = await daily({ action: 'me', time: '8:00', zone: 'asia/shanghai', days: 'weekdays' }, member);
    expect(text(view)).toBe(
      'Your daily takeaway will come by direct message at 08:00 Asia/Shanghai · weekdays (Mon–Fri). Next: 2026-03-30 08:00 GMT+8 (2026-03-30 00:00 UTC). `/talk daily me off` stops it.',
    );
    expect(await store.getSchedule('discord:g1:u2')).toMatchObject({
      target: 'user',
      channel: 'u2',
      setBy: 'u2',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    expect(text(await daily({ action: 'status' }, member))).toContain(
      'your direct messages · 08:00 Asia/Shanghai · weekdays (Mon–Fri)',
    );
    expect(text(await daily({ action: 'status' }, ctx()))).toContain(
      'No daily takeaways are scheduled here.',
    );
    // An admin's `daily off` without a channel never stops someone's personal takeaway.
    expect(text(await daily({ action: 'off' }))).toBe('There is no daily takeaway to stop there.');
    expect(text(await daily({ action: 'me', off: true }, member))).toBe(
      'Your personal daily takeaway is stopped.',
    );
    expect(text(await daily({ action: 'me', off: true }, member))).toBe(
      'You have no personal daily takeaway to stop.',
    );
  });

  it('shows why it paused in status, in words about the direct message', async () => {
    await daily({ action: 'me', time: '08:00', zone: 'UTC' });
    await store.pause('discord:g1:u1', 'Cannot send messages to this user (50007)', NOW);
    expect(text(await daily({ action: 'status' }))).toContain(
      "PAUSED after repeated failures: Discord won't let me send you direct messages",
    );
  });

  it('explains itself when asked without a time, and refuses channel-only options', async () => {
    expect(text(await daily({ action: 'me' }))).toContain(
      'Say when, in your time zone: `/talk daily me 08:00 Asia/Shanghai`',
    );
    expect(text(await daily({ action: 'me', time: '08:00', zone: 'UTC', thread: true }))).toContain(
      'Threads and mentions are for channel posts',
    );
    expect(text(await daily({ action: 'me', time: '25:00', zone: 'UTC' }))).toContain(
      '"25:00" is not a time.',
    );
  });

  it('outside a server, allows only personal takeaways', async () => {
    const dm = ctx({ workspace: 'u1', personalOnly: true, isAdmin: false });
    expect(text(await daily({ action: 'set', channel: 'c1', time: '09:00', zone: 'UTC' }, dm))).toContain(
      'Channel schedules are set in a server.',
    );
    expect((await daily({ action: 'me', time: '09:00', zone: 'UTC' }, dm)).kind).toBe('daily-changed');
    expect(await store.getSchedule('discord:u1:u1')).toMatchObject({ target: 'user' });
  });
});

describe('/talk lang', () => {
  it('remembers, shows and forgets a language, answering in it', async () => {
    const prefs = new LangPrefs(store, undefined, () => NOW);
    const set = await prefs.handle({ sub: 'lang', lang: 'zh', set: 'zh' }, 'slack', 'U1', 'both');
    expect(set).toMatchObject({ lang: 'zh', change: 'set', remembered: 'zh' });
    expect(renderText(set)).toContain('从现在起,我用中文回答你。');
    expect(await prefs.remembered('slack', 'U1')).toBe('zh');
    expect(await prefs.remembered('discord', 'U1')).toBeUndefined();
    expect(renderText(await prefs.handle({ sub: 'lang', lang: 'en' }, 'slack', 'U1', 'both'))).toContain(
      'I answer you in Chinese only (your choice).',
    );
    const reset = await prefs.handle({ sub: 'lang', lang: 'both', set: 'reset' }, 'slack', 'U1', 'both');
    expect(renderText(reset)).toContain('I forgot your language.');
    expect(await prefs.remembered('slack', 'U1')).toBeUndefined();
  });

  it('answers in the default when the store is too slow', async () => {
    const slow = { getLang: () => new Promise<undefined>(() => undefined), setLang: async () => undefined };
    const started = Date.now();
    expect(await new LangPrefs(slow).remembered('discord', 'u')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
