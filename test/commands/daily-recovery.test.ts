/**
 * After a crash mid-post, a process looks in the channel for the message the crashed attempt may have sent.
 * Only today's key on the bot's own message counts: yesterday's post, or another author's look-alike
 * carrying today's key, must not mark today as done (it would skip today's post). A recovered post of a
 * thread schedule gets the thread the crash may have kept it from, once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordDailyPoster } from '../../commands/discord/daily-poster.js';
import { DAILY_EVENT_TYPE, SlackDailyPoster } from '../../commands/slack/daily-poster.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import { BOT_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from '../fakes/discord.js';
import { CHANNEL, FakeSlack, TEAM_ID } from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.recovery.token-for-tests';
let discord: FakeDiscord;
let slack: FakeSlack;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  slack = await new FakeSlack().start();
});

afterAll(async () => {
  await discord?.stop();
  await slack?.stop();
});

/** A store with one schedule, due 09:00 UTC, and today's post claimed by a process that then died. */
async function crashedToday(platform: 'discord' | 'slack', today: string, thread = false) {
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-recovery-')), 'talk.sqlite'));
  const schedule = await store.saveSchedule(
    {
      platform,
      workspace: platform === 'discord' ? GUILD_ID : TEAM_ID,
      channel: platform === 'discord' ? CHANNEL_ID : CHANNEL,
      time: '09:00',
      zone: 'UTC',
      lang: 'en',
      source: 'command',
      thread,
    },
    Date.parse(`${today}T00:00:00Z`) - 86_400_000,
  );
  const claimedAt = Date.parse(`${today}T09:00:00Z`);
  await store.claim({
    scheduleId: schedule.id,
    localDate: today,
    owner: 'crashed',
    now: claimedAt,
    leaseMs: 120_000,
    pick: () => ({ takeawayId: 't05', next: { cycle: 0, position: 1 } }),
  });
  return { store, schedule, afterLease: claimedAt + 5 * 60_000 };
}

function scheduler(store: SqliteStore, now: number, posters: Record<string, unknown>) {
  return new DailyScheduler({
    store,
    talk: makeTalk(),
    posters,
    now: () => now,
    owner: 'survivor',
    log: createLogger('silent'),
  });
}

describe('recovery looks for today’s own post only', () => {
  it('Discord: yesterday’s post and another author’s look-alike do not count; today’s post is sent', async () => {
    const today = '2026-07-02';
    const { store, schedule, afterLease } = await crashedToday('discord', today);
    const footer = (day: string) => ({ footer: { text: `Takeaway … · talk-daily:${day}` } });
    discord.channels.set(CHANNEL_ID, [
      { ...discord.message({ embeds: [footer('2026-07-01')] }), channel_id: CHANNEL_ID },
      {
        ...discord.message({ embeds: [footer(today)] }),
        channel_id: CHANNEL_ID,
        author: {
          id: '999999999999999999',
          username: 'copycat',
          discriminator: '0',
          bot: true,
          avatar: null,
        },
      },
    ]);
    const rest = new REST({ api: discord.api }).setToken(TOKEN);
    const poster = new DiscordDailyPoster(rest, () => BOT_ID);
    const outcome = (await scheduler(store, afterLease, { discord: poster }).tick()).get(schedule.id);
    expect(outcome).toBe('posted');
    const posted = discord.channels.get(CHANNEL_ID)!;
    expect(posted).toHaveLength(3);
    expect((posted[2]!.embeds as any[])[0].footer.text).toMatch(new RegExp(`talk-daily:${today}$`));
    await store.close();
  });

  it('Slack: yesterday’s post and another app’s look-alike do not count; today’s post is sent', async () => {
    const today = '2026-07-02';
    const { store, schedule, afterLease } = await crashedToday('slack', today);
    const meta = (key: string) => ({ event_type: DAILY_EVENT_TYPE, event_payload: { key } });
    slack.posted.set(CHANNEL, [
      {
        type: 'message',
        ts: '1.1',
        bot_id: 'BBOT',
        text: 'yesterday',
        metadata: meta('talk-daily:2026-07-01'),
      },
      {
        type: 'message',
        ts: '1.2',
        bot_id: 'BOTHER',
        text: 'look-alike',
        metadata: meta(`talk-daily:${today}`),
      },
    ]);
    const client = new webApi.WebClient('xoxb-recovery', { slackApiUrl: slack.apiUrl });
    const poster = new SlackDailyPoster(client, () => 'BBOT');
    const outcome = (await scheduler(store, afterLease, { slack: poster }).tick()).get(schedule.id);
    expect(outcome).toBe('posted');
    expect(slack.posted.get(CHANNEL)).toHaveLength(3);
    await store.close();
  });
});

describe('a recovered post gets the thread the crash kept it from, once', () => {
  const today = '2026-07-03';
  const key = `talk-daily:${today}`;

  it('Discord: opens the thread and starts it with the speaker’s words; a thread already there is left be', async () => {
    for (const threadOpened of [false, true]) {
      const { store, schedule, afterLease } = await crashedToday('discord', today, true);
      const post = discord.message({ embeds: [{ footer: { text: `Takeaway … · ${key}` } }] });
      post.channel_id = CHANNEL_ID;
      const postId = String(post.id);
      discord.channels.set(CHANNEL_ID, [post]);
      discord.threads.length = 0;
      if (threadOpened) discord.threads.push({ id: postId, type: 11, parent_id: CHANNEL_ID });
      const before = discord.requests.length;
      const poster = new DiscordDailyPoster(new REST({ api: discord.api }).setToken(TOKEN), () => BOT_ID);
      const run = scheduler(store, afterLease, { discord: poster });
      expect((await run.tick()).get(schedule.id)).toBe('recovered');
      expect((await run.tick()).get(schedule.id)).toBe('done');
      const inThread = discord.requests
        .slice(before)
        .filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${postId}/messages`);
      expect(discord.channels.get(CHANNEL_ID)).toHaveLength(1);
      expect(discord.threads).toHaveLength(1);
      if (threadOpened) expect(inThread).toEqual([]);
      else {
        expect(inThread).toHaveLength(1);
        expect(inThread[0]!.body.embeds[0].title).toBe(
          "Where this takeaway comes from: the speaker's words, verbatim",
        );
      }
      await store.close();
    }
  });

  it('Slack: replies with the speaker’s words under the post; a reply already there is left be', async () => {
    for (const replied of [false, true]) {
      const { store, schedule, afterLease } = await crashedToday('slack', today, true);
      const meta = { event_type: DAILY_EVENT_TYPE, event_payload: { key } };
      slack.posted.set(CHANNEL, [
        { type: 'message', ts: '3.1', bot_id: 'BBOT', text: 'today', metadata: meta },
      ]);
      slack.replies.set(
        `${CHANNEL}:3.1`,
        replied ? [{ type: 'message', ts: '3.2', bot_id: 'BBOT', text: 'x' }] : [],
      );
      const client = new webApi.WebClient('xoxb-recovery', { slackApiUrl: slack.apiUrl });
      const run = scheduler(store, afterLease, { slack: new SlackDailyPoster(client, () => 'BBOT') });
      expect((await run.tick()).get(schedule.id)).toBe('recovered');
      expect((await run.tick()).get(schedule.id)).toBe('done');
      expect(slack.posted.get(CHANNEL)).toHaveLength(1);
      const replies = slack.replies.get(`${CHANNEL}:3.1`)!;
      expect(replies).toHaveLength(1);
      if (!replied) expect(String(replies[0]!.text)).toMatch(/#[\w-]+: .+— /);
      await store.close();
    }
  });
});
