/**
 * The daily choices on Discord through the real client and the fake server, on a clock the test moves:
 * weekdays, a role mention that pings exactly that role, a thread on each post, a personal takeaway by
 * direct message (and what happens when the user blocks it), and a remembered language.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDailyPoster } from '../../commands/discord/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { LangPrefs } from '../../src/core/prefs.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import {
  ADMIN_PERMISSIONS,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  dailyCommandData,
  FakeDiscord,
  GUILD_ID,
  type InteractionInput,
  interaction,
  MEMBER_PERMISSIONS,
  QUIET_ROLE_ID,
  ROLE_ID,
  SECOND_CHANNEL_ID,
  USER_ID,
} from '../fakes/discord.js';
import { makeTalk } from '../helpers.js';
import { MODES, type ModeBot, startMode } from './discord-modes.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.choices.token-for-tests';
let fake: FakeDiscord;
let bot: ModeBot;
let store: SqliteStore;
let scheduler: DailyScheduler;
let talk: ReturnType<typeof makeTalk>;
// Thursday 2026-03-26, 06:00 UTC (07:00 in Berlin).
let now = Date.parse('2026-03-26T06:00:00Z');

type Opt = { type: number; name: string; value: string | boolean; focused?: boolean };

describe.each(MODES)('over %s', (mode) => {
  beforeAll(async () => {
    now = Date.parse('2026-03-26T06:00:00Z');
    fake = await new FakeDiscord().start();
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-dc-')), 'talk.sqlite'));
    talk = makeTalk();
    const log = createLogger('silent');
    const posters = {};
    scheduler = new DailyScheduler({ store, talk, posters, now: () => now, owner: 'test', log });
    bot = await startMode(mode, fake, {
      talk,
      token: TOKEN,
      cooldown: new Cooldown(0),
      log,
      daily: new DailyService(store, talk, scheduler, () => now),
      prefs: new LangPrefs(store, log),
    });
    Object.assign(posters, {
      discord: new DiscordDailyPoster(bot.rest, () => bot.botUserId(), log),
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await store?.close();
  });

  function dailyPayload(
    action: string,
    options: Opt[],
    extra: Partial<InteractionInput> = {},
    type: 2 | 4 = 2,
  ) {
    return interaction(fake, {
      type,
      data: dailyCommandData(action, options),
      permissions: ADMIN_PERMISSIONS,
      ...extra,
    });
  }

  /** Dispatches an interaction and returns its private answer: the edit after a deferral, or the reply. */
  async function answer(payload: Record<string, any>) {
    const edited = fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token));
    const callback = await bot.send(payload);
    const body = callback.type === 5 ? (await edited).body : callback.data;
    return `${body.embeds[0]?.title ?? ''}\n${body.embeds[0]?.description ?? ''}`;
  }

  const daily = (action: string, options: Opt[] = [], extra: Partial<InteractionInput> = {}) =>
    answer(dailyPayload(action, options, extra));
  const setOptions = (channel: string, more: Opt[] = []): Opt[] => [
    { type: 7, name: 'channel', value: channel },
    { type: 3, name: 'time', value: '09:00' },
    { type: 3, name: 'timezone', value: 'Europe/Berlin' },
    ...more,
  ];
  const posts = (channel: string) => fake.channels.get(channel)?.length ?? 0;

  describe('daily choices on Discord through the real client', () => {
    it('autocompletes days: the named sets first, then a typed list read back', async () => {
      const payload = dailyPayload(
        'set',
        [{ type: 3, name: 'days', value: 'fri,mon', focused: true }],
        {},
        4,
      );
      expect((await bot.send(payload)).data.choices).toEqual([
        { name: 'Mon, Fri · 周一、周五', value: 'mon,fri' },
      ]);
    });

    it('refuses a bad days list, @everyone and a role it may not ping, each with what to do', async () => {
      expect(
        await daily('set', setOptions(CHANNEL_ID, [{ type: 3, name: 'days', value: 'mon,funday' }])),
      ).toContain('"mon,funday" is not a list of days. Use `every day`, `weekdays`');
      expect(
        await daily('set', setOptions(CHANNEL_ID, [{ type: 8, name: 'mention', value: GUILD_ID }])),
      ).toContain("I won't mention @everyone.");
      expect(
        await daily('set', setOptions(CHANNEL_ID, [{ type: 8, name: 'mention', value: QUIET_ROLE_ID }])),
      ).toContain("I can't mention **staff**: it doesn't allow anyone to mention it.");
      expect(
        await daily(
          'set',
          setOptions(CHANNEL_ID, [{ type: 8, name: 'mention', value: '800000000000000099' }]),
        ),
      ).toContain('That role is not in this server.');
      expect(await store.listSchedules()).toEqual([]);
    });

    it.each([
      ['neither thread permission', 104324673n, '**Create Public Threads**, **Send Messages in Threads**'],
      ['Create Public Threads only', 104324673n | (1n << 35n), '**Send Messages in Threads**'],
    ])('says which permissions a thread needs when the bot has %s', async (_, everyone, missing) => {
      fake.respond = (r) =>
        r.method === 'GET' && r.path === `/api/v10/guilds/${GUILD_ID}/roles`
          ? [
              200,
              [
                {
                  id: GUILD_ID,
                  name: '@everyone',
                  permissions: String(everyone),
                  position: 0,
                  mentionable: false,
                },
              ],
            ]
          : undefined;
      const answer = await daily('set', setOptions(CHANNEL_ID, [{ type: 5, name: 'thread', value: true }]));
      fake.respond = undefined;
      expect(answer).toContain(`I can't post in <#${CHANNEL_ID}>: I'm missing ${missing}.`);
      expect(await store.listSchedules()).toEqual([]);
    });

    it('sets a weekdays schedule with a thread and a role, and says so in status with the next post date', async () => {
      const set = await daily(
        'set',
        setOptions(CHANNEL_ID, [
          { type: 3, name: 'days', value: 'weekdays' },
          { type: 5, name: 'thread', value: true },
          { type: 8, name: 'mention', value: ROLE_ID },
        ]),
      );
      expect(set).toContain(
        `Daily takeaway set for <#${CHANNEL_ID}> at 09:00 Europe/Berlin · weekdays (Mon–Fri) · with a thread · mentions <@&${ROLE_ID}>. Next post: 2026-03-26 09:00 GMT+1`,
      );
      expect(await daily('status')).toContain(
        `<#${CHANNEL_ID}> · 09:00 Europe/Berlin · weekdays (Mon–Fri) · with a thread · mentions <@&${ROLE_ID}> · both · next 2026-03-26 09:00 GMT+1`,
      );
    });

    it('posts on Thursday and Friday with the role pinged and nothing else, opens a thread, skips the weekend', async () => {
      const sent: Record<string, any>[] = [];
      const threads: Record<string, any>[] = [];
      for (const day of ['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']) {
        // 09:00 Berlin: 08:00 UTC in winter, 07:00 UTC from Sunday 29 March.
        now = Date.parse(`${day}T${day >= '2026-03-29' ? '07' : '08'}:00:30Z`);
        const before = fake.requests.length;
        await scheduler.tick();
        const requests = fake.requests.slice(before);
        sent.push(
          ...requests.filter(
            (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
          ),
        );
        threads.push(...requests.filter((r) => r.path.endsWith('/threads')));
      }
      expect(sent.map((r) => r.body.embeds[0].title)).toEqual([
        'Daily takeaway · 2026-03-26',
        'Daily takeaway · 2026-03-27',
        'Daily takeaway · 2026-03-30',
      ]);
      for (const r of sent) {
        expect(r.body.content).toBe(`<@&${ROLE_ID}>`);
        expect(r.body.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID] });
      }
      expect(threads).toHaveLength(3);
      expect(threads[0]!.body).toEqual({ name: 'Daily takeaway · 2026-03-26', auto_archive_duration: 1440 });
      expect(fake.threads.map((t) => t.parent_id)).toEqual([CHANNEL_ID, CHANNEL_ID, CHANNEL_ID]);
      // Each thread starts with the speaker's words the takeaway cites, verbatim and labelled as his, and the
      // post says they are there.
      sent.forEach((post, i) => {
        const embed = post.body.embeds[0];
        expect(embed.description).toContain("The speaker's own words behind it are in the thread.");
        const cited = /Sources ((?:#[\w-]+ ?)+)/.exec(embed.footer.text)![1]!.trim().split(' ');
        const first = fake.requests.find(
          (r) => r.method === 'POST' && r.path === `/api/v10/channels/${fake.threads[i]!.id}/messages`,
        )!;
        expect(first.body.allowed_mentions).toEqual({ parse: [] });
        const [originals] = first.body.embeds;
        expect(originals.title).toBe("Where this takeaway comes from: the speaker's words, verbatim");
        expect(originals.fields).toHaveLength(cited.length);
        originals.fields.forEach((field: { name: string; value: string }, k: number) => {
          const passage = talk.content.passages.find((p) => `#${p.id}` === cited[k])!;
          expect(field.name).toContain(cited[k]);
          expect(field.value.replace(/^> /gm, '')).toContain(passage.zh);
          expect(field.value).toContain('Yang Zhilin');
        });
      });
      // Ticking again on Friday and Saturday changes nothing.
      const count = posts(CHANNEL_ID);
      now = Date.parse('2026-03-27T15:00:00Z');
      await scheduler.tick();
      now = Date.parse('2026-03-28T15:00:00Z');
      await scheduler.tick();
      expect(posts(CHANNEL_ID)).toBe(count);
    });

    it('keeps the post when the thread cannot be opened, and never posts it twice', async () => {
      now = Date.parse('2026-03-31T07:00:30Z');
      fake.respond = (r) =>
        r.path.endsWith('/threads') ? [403, { message: 'Missing Permissions', code: 50013 }] : undefined;
      const count = posts(CHANNEL_ID);
      expect((await scheduler.tick()).get(`discord:${GUILD_ID}:${CHANNEL_ID}`)).toBe('posted');
      now += 10 * 60_000;
      await scheduler.tick();
      fake.respond = undefined;
      expect(posts(CHANNEL_ID)).toBe(count + 1);
    });

    it('sends a personal takeaway by direct message once per day, set by a member without Manage Server', async () => {
      now = Date.parse('2026-03-31T20:00:00Z');
      const member = { permissions: MEMBER_PERMISSIONS };
      expect(
        await daily(
          'me',
          [
            { type: 3, name: 'time', value: '08:00' },
            { type: 3, name: 'timezone', value: 'Asia/Shanghai' },
            { type: 3, name: 'lang', value: 'zh' },
          ],
          member,
        ),
      ).toContain('你的每日要点将以私信发送:Asia/Shanghai 08:00。下次:2026-04-01 08:00 GMT+8');
      const before = posts(DM_CHANNEL_ID);
      const opened = fake.waitFor((r) => r.method === 'POST' && r.path === '/api/v10/users/@me/channels');
      for (const t of [
        '2026-04-01T00:00:30Z',
        '2026-04-01T03:00:00Z',
        '2026-04-01T12:00:00Z',
        '2026-04-02T00:00:30Z',
      ]) {
        now = Date.parse(t);
        await scheduler.tick();
      }
      expect((await opened).body).toEqual({ recipient_id: USER_ID });
      const dms = fake.channels.get(DM_CHANNEL_ID)!.slice(before);
      expect(dms.map((m: any) => m.embeds[0].title)).toEqual([
        '每日要点 · 2026-04-01',
        '每日要点 · 2026-04-02',
      ]);
      expect(dms.every((m: any) => m.content === '')).toBe(true);
      expect(await daily('status', [], member)).toContain(
        'your direct messages · 08:00 Asia/Shanghai · zh · next',
      );
    });

    it('finds a personal takeaway already sent after a crash, instead of sending it again', async () => {
      now = Date.parse('2026-04-02T08:00:00Z');
      const schedule = (await store.getSchedule(`discord:${GUILD_ID}:${USER_ID}`))!;
      await store.claim({
        scheduleId: schedule.id,
        localDate: '2026-04-03',
        owner: 'crashed',
        now: Date.parse('2026-04-03T00:00:10Z'),
        leaseMs: 120_000,
        pick: () => ({ takeawayId: 't05', next: { cycle: 0, position: 9 } }),
      });
      await new DiscordDailyPoster(bot.rest, () => bot.botUserId()).post({
        schedule,
        view: {
          ...makeTalk().takeawayView('zh', 't05', '2026-04-03'),
          daily: { key: 'talk-daily:2026-04-03' },
        },
        key: 'talk-daily:2026-04-03',
      });
      const count = posts(DM_CHANNEL_ID);
      now = Date.parse('2026-04-03T00:05:00Z');
      expect((await scheduler.tick()).get(schedule.id)).toBe('recovered');
      expect(posts(DM_CHANNEL_ID)).toBe(count);
    });

    it('pauses a personal takeaway the user blocks (50007) and says why in status', async () => {
      fake.respond = (r) =>
        r.method === 'POST' && r.path === `/api/v10/channels/${DM_CHANNEL_ID}/messages`
          ? [403, { message: 'Cannot send messages to this user', code: 50007 }]
          : undefined;
      for (const day of ['2026-04-04', '2026-04-05', '2026-04-06']) {
        now = Date.parse(`${day}T00:00:30Z`);
        await scheduler.tick();
      }
      fake.respond = undefined;
      const status = await daily('status', [{ type: 3, name: 'lang', value: 'en' }], {
        permissions: MEMBER_PERMISSIONS,
      });
      expect(status).toContain('your direct messages · 08:00 Asia/Shanghai · zh · next');
      expect(status).toContain(
        "PAUSED after repeated failures: Discord won't let me send you direct messages",
      );
      now = Date.parse('2026-04-07T00:00:30Z');
      expect((await scheduler.tick()).get(`discord:${GUILD_ID}:${USER_ID}`)).toBe('paused');
      expect(await daily('me', [{ type: 5, name: 'off', value: true }])).toContain(
        'Your personal daily takeaway is stopped.',
      );
    });
  });

  describe('a remembered language on Discord', () => {
    const about = (extra: Opt[] = []) =>
      answer(
        interaction(fake, {
          type: 2,
          data: {
            id: '900',
            name: 'talk',
            type: 1,
            options: [{ type: 1, name: 'takeaway', options: extra }],
          },
        }),
      );
    const lang = (value: string) =>
      answer(
        interaction(fake, {
          type: 2,
          data: {
            id: '900',
            name: 'talk',
            type: 1,
            options: [{ type: 1, name: 'lang', options: [{ type: 3, name: 'language', value }] }],
          },
        }),
      );

    it('lang zh changes the next answer; an explicit lang option still wins; lang reset forgets it', async () => {
      expect(await about()).toContain('Takeaway of the day');
      expect(await lang('zh')).toContain('从现在起,我用中文回答你。');
      const next = await about();
      expect(next).toContain('今日要点');
      expect(next).not.toContain('Takeaway of the day');
      expect(await about([{ type: 3, name: 'lang', value: 'en' }])).toContain('Takeaway of the day');
      expect(await lang('reset')).toContain('I forgot your language.');
      expect(await about()).toContain('Takeaway of the day');
    });
  });

  describe('daily in a direct message', () => {
    it('allows only a personal takeaway outside a server', async () => {
      const dm = (action: string, options: Opt[] = []) => {
        const payload = dailyPayload(action, options);
        delete payload.guild_id;
        delete payload.member;
        payload.user = {
          id: USER_ID,
          username: 'reader',
          discriminator: '0',
          global_name: 'Reader',
          avatar: null,
        };
        payload.channel = { id: DM_CHANNEL_ID, type: 1 };
        payload.channel_id = DM_CHANNEL_ID;
        payload.context = 1;
        payload.authorizing_integration_owners = { '1': USER_ID };
        return answer(payload);
      };
      expect(await dm('set', setOptions(SECOND_CHANNEL_ID))).toContain(
        'Channel schedules are set in a server.',
      );
      expect(
        await dm('me', [
          { type: 3, name: 'time', value: '07:00' },
          { type: 3, name: 'timezone', value: 'UTC' },
          { type: 3, name: 'days', value: 'weekends' },
        ]),
      ).toContain('Your daily takeaway will come by direct message at 07:00 UTC · weekends.');
      expect(await store.getSchedule(`discord:${USER_ID}:${USER_ID}`)).toMatchObject({
        target: 'user',
        days: ['sat', 'sun'],
      });
    });
  });
});
