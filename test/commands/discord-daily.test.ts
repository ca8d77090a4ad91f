import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDailyPoster } from '../../commands/discord/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
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
  LOCKED_CHANNEL_ID,
  MEMBER_PERMISSIONS,
  SECOND_CHANNEL_ID,
  USER_ID,
} from '../fakes/discord.js';
import { makeTalk } from '../helpers.js';
import { MODES, type Mode, type ModeBot, startMode } from './discord-modes.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.daily.token-for-tests';
const EPHEMERAL = 64;

// The same scenarios over the gateway and over HTTP interactions: each mode has its own fake and store.
describe.each(MODES)('/talk daily on Discord over %s', (mode: Mode) => {
  let fake: FakeDiscord;
  let bot: ModeBot;
  let store: SqliteStore;
  let scheduler: DailyScheduler;
  let now = Date.parse('2026-06-10T05:00:00Z');

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-dd-')), 'talk.sqlite'));
    const talk = makeTalk();
    const log = createLogger('silent');
    const posters = {};
    scheduler = new DailyScheduler({ store, talk, posters, now: () => now, owner: 'test', log });
    bot = await startMode(mode, fake, {
      talk,
      token: TOKEN,
      cooldown: new Cooldown(0),
      log,
      daily: new DailyService(store, talk, scheduler, () => now),
    });
    Object.assign(posters, { discord: new DiscordDailyPoster(bot.rest, () => bot.botUserId()) });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
    await store?.close();
  });

  /** Sends `/talk daily <action>` and returns the deferred answer (the edit of the original response). */
  async function daily(
    action: string,
    options: { type: number; name: string; value: string; focused?: boolean }[] = [],
    extra: Partial<InteractionInput> = {},
  ) {
    const payload = interaction(fake, {
      type: 2,
      data: { ...dailyCommandData(action, options), resolved: resolved(options) },
      permissions: ADMIN_PERMISSIONS,
      ...extra,
    });
    return answer(payload);
  }

  /** The first answer must be a private deferral; the answer itself is the edit through the webhook. */
  async function answer(payload: Record<string, any>) {
    const edited = fake.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(`/webhooks/`) && r.path.includes(payload.token),
    );
    const first = await bot.send(payload);
    expect(first.type).toBe(5);
    expect(first.data.flags).toBe(EPHEMERAL);
    return (await edited).body as { embeds: any[]; components: any[]; allowed_mentions: unknown };
  }

  const set = (channel: string, time: string, zone: string, extra: Partial<InteractionInput> = {}) =>
    daily(
      'set',
      [
        { type: 7, name: 'channel', value: channel },
        { type: 3, name: 'time', value: time },
        { type: 3, name: 'timezone', value: zone },
      ],
      extra,
    );

  it('refuses members without Manage Server, clearly and privately', async () => {
    const body = await set(CHANNEL_ID, '09:00', 'Europe/Berlin', { permissions: MEMBER_PERMISSIONS });
    expect(text(body)).toContain('Only members with the Manage Server permission');
    expect(await store.listSchedules()).toEqual([]);
  });

  it('refuses a bad time and an unknown zone with an example, changing nothing', async () => {
    expect(text(await set(CHANNEL_ID, '25:00', 'Europe/Berlin'))).toContain(
      'Use 24-hour HH:MM, for example `09:00`',
    );
    expect(text(await set(CHANNEL_ID, '09:00', 'Mars/Olympus'))).toContain('for example `Europe/Berlin`');
    expect(await store.listSchedules()).toEqual([]);
  });

  it('says which permission is missing in a channel the bot cannot post in', async () => {
    const body = await set(LOCKED_CHANNEL_ID, '09:00', 'Europe/Berlin');
    expect(text(body)).toContain(`I can't post in <#${LOCKED_CHANNEL_ID}>: I'm missing **Send Messages**`);
    expect(await store.listSchedules()).toEqual([]);
  });

  it('autocompletes the time zone', async () => {
    const payload = interaction(fake, {
      type: 4,
      data: {
        id: '900',
        name: 'talk',
        type: 1,
        options: [
          {
            type: 2,
            name: 'daily',
            options: [
              {
                type: 1,
                name: 'set',
                options: [{ type: 3, name: 'timezone', value: 'berl', focused: true }],
              },
            ],
          },
        ],
      },
    });
    expect((await bot.send(payload)).data.choices[0]).toEqual({
      name: 'Europe/Berlin',
      value: 'Europe/Berlin',
    });
  });

  it("sets a schedule and shows the next post in the zone, in UTC and in the reader's own time", async () => {
    const body = await set(CHANNEL_ID, '9:00', 'europe/berlin');
    expect(text(body)).toContain(
      `Daily takeaway set for <#${CHANNEL_ID}> at 09:00 Europe/Berlin. Next post: 2026-06-10 09:00 GMT+2 (2026-06-10 07:00 UTC`,
    );
    expect(text(body)).toMatch(/<t:1781074800:F>/);
    const [schedule] = await store.listSchedules();
    expect(schedule).toMatchObject({
      platform: 'discord',
      workspace: GUILD_ID,
      channel: CHANNEL_ID,
      time: '09:00',
      zone: 'Europe/Berlin',
      setBy: USER_ID,
    });
  });

  it('lists every schedule with its next and last post', async () => {
    const body = await daily('status');
    expect(text(body)).toContain('Daily takeaways (1)');
    expect(text(body)).toContain(
      `<#${CHANNEL_ID}> · 09:00 Europe/Berlin · both · next 2026-06-10 09:00 GMT+2 (2026-06-10 07:00 UTC)`,
    );
    expect(text(body)).toContain('not posted yet');
  });

  it('posts on time through the scheduler: attributed, no mentions, marked with the day', async () => {
    now = Date.parse('2026-06-10T07:00:00Z');
    const posted = fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
    );
    await scheduler.tick();
    const request = await posted;
    expect(request.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
    expect(request.body.enforce_nonce).toBe(true);
    expect(request.body.nonce.length).toBeLessThanOrEqual(25);
    const embed = request.body.embeds[0];
    expect(embed.title).toBe('Daily takeaway · 2026-06-10');
    expect(embed.footer.text).toMatch(
      /^Takeaway written by this project from Yang Zhilin's talk.* · talk-daily:2026-06-10$/,
    );
    expect(embed.footer.text).toMatch(/not a quote · Sources #\S+/);
    expect(text(await daily('status'))).toContain('last 2026-06-10');
  });

  it('does not post again that day, even when asked to post now', async () => {
    const before = fake.channels.get(CHANNEL_ID)?.length;
    now += 3 * 3_600_000;
    await scheduler.tick();
    const preview = await daily('preview', [{ type: 7, name: 'channel', value: CHANNEL_ID }]);
    expect(preview.embeds[0].title).toBe('Daily takeaway · 2026-06-11');
    expect(preview.embeds[0].description).toContain(
      `Preview, only for you: this is what will be posted in <#${CHANNEL_ID}>`,
    );
    const postNow = preview.components[0].components.find((b: any) => b.label === 'Post now');
    const pressed = interaction(fake, {
      type: 3,
      data: { custom_id: postNow.custom_id, component_type: 2 },
      message: fake.message(),
      permissions: ADMIN_PERMISSIONS,
    });
    expect(text(await answer(pressed))).toContain('already has today');
    expect(fake.channels.get(CHANNEL_ID)?.length).toBe(before);
  });

  it('hides Post now from members who may not use it', async () => {
    const preview = await daily('preview', [], { permissions: MEMBER_PERMISSIONS });
    expect(preview.components).toEqual([]);
  });

  it('recovers after a crash between sending and marking done, without posting twice', async () => {
    now = Date.parse('2026-06-11T07:00:00Z');
    const [schedule] = await store.listSchedules();
    // Another process claimed today's post, sent it, and died before marking it done.
    const claim = await store.claim({
      scheduleId: schedule!.id,
      localDate: '2026-06-11',
      owner: 'crashed',
      now,
      leaseMs: 120_000,
      pick: () => ({ takeawayId: 't05', next: { cycle: 0, position: 2 } }),
    });
    expect(claim.kind).toBe('new');
    await new DiscordDailyPoster(bot.rest, () => bot.botUserId()).post({
      schedule: schedule!,
      view: {
        ...makeTalk().takeawayView('both', 't05', '2026-06-11'),
        daily: { key: 'talk-daily:2026-06-11' },
      },
      key: 'talk-daily:2026-06-11',
    });
    const count = fake.channels.get(CHANNEL_ID)!.length;
    now += 3 * 60_000;
    const outcomes = await scheduler.tick();
    expect(outcomes.get(schedule!.id)).toBe('recovered');
    expect(fake.channels.get(CHANNEL_ID)!.length).toBe(count);
  });

  it('waits out a 429 and posts once', async () => {
    now = Date.parse('2026-06-12T07:00:00Z');
    let limited = 0;
    fake.respond = (r) =>
      r.method === 'POST' && r.path.endsWith(`/channels/${CHANNEL_ID}/messages`) && limited++ === 0
        ? [429, { message: 'You are being rate limited.', retry_after: 0.2, global: false }]
        : undefined;
    const count = fake.channels.get(CHANNEL_ID)!.length;
    await scheduler.tick();
    fake.respond = undefined;
    expect(limited).toBe(2);
    expect(fake.channels.get(CHANNEL_ID)!.length).toBe(count + 1);
  });

  it('pauses after repeated missing access, tells the person who set it, and shows why', async () => {
    fake.respond = (r) =>
      r.method === 'POST' && r.path.endsWith(`/channels/${CHANNEL_ID}/messages`)
        ? [403, { message: 'Missing Access', code: 50001 }]
        : undefined;
    const dm = fake.waitFor(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${DM_CHANNEL_ID}/messages`,
    );
    for (const day of ['2026-06-13', '2026-06-14', '2026-06-15']) {
      now = Date.parse(`${day}T07:00:00Z`);
      await scheduler.tick();
    }
    fake.respond = undefined;
    expect((await dm).body.content).toContain(
      `I paused the daily takeaway for <#${CHANNEL_ID}> after 3 failed attempts. I can't see <#${CHANNEL_ID}>: give me View Channel there.`,
    );
    expect(text(await daily('status'))).toContain(
      `PAUSED after repeated failures: I can't see <#${CHANNEL_ID}>: give me View Channel there. Set it again when fixed.`,
    );
    now = Date.parse('2026-06-16T07:00:00Z');
    expect((await scheduler.tick()).get(`discord:${GUILD_ID}:${CHANNEL_ID}`)).toBe('paused');
  });

  it('stops a schedule', async () => {
    expect(text(await daily('off'))).toContain(`Daily takeaway stopped for <#${CHANNEL_ID}>.`);
    expect(await store.listSchedules()).toEqual([]);
    expect(text(await daily('status'))).toContain('No daily takeaways are scheduled here.');
  });

  it('set after today’s time: promises tomorrow, and posts nothing today (the promise is what happens)', async () => {
    now = Date.parse('2026-06-20T07:37:00Z'); // 09:37 in Berlin
    const answer = text(await set(SECOND_CHANNEL_ID, '09:00', 'Europe/Berlin'));
    expect(answer).toContain('Next post: 2026-06-21 09:00 GMT+2');
    const before = fake.channels.get(SECOND_CHANNEL_ID)?.length ?? 0;
    now += 2000;
    await scheduler.tick();
    expect(fake.channels.get(SECOND_CHANNEL_ID)?.length ?? 0).toBe(before);
    now = Date.parse('2026-06-21T07:00:30Z');
    await scheduler.tick();
    expect(fake.channels.get(SECOND_CHANNEL_ID)?.length ?? 0).toBe(before + 1);
  });
});

function resolved(options: { type: number; value: string }[]) {
  const channels = Object.fromEntries(
    options
      .filter((o) => o.type === 7)
      .map((o) => [
        o.value,
        {
          id: o.value,
          type: 0,
          name: o.value === LOCKED_CHANNEL_ID ? 'announcements' : 'general',
          permissions: '0',
        },
      ]),
  );
  return Object.keys(channels).length > 0 ? { channels } : undefined;
}

const text = (body: { embeds: any[] }) =>
  `${body.embeds[0]?.title ?? ''}\n${body.embeds[0]?.description ?? ''}`;
