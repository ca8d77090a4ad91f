/**
 * After a crash mid-post, a process looks in the channel for the message the crashed attempt may have sent.
 * Only today's key on the bot's own message counts: yesterday's post, or another author's look-alike
 * carrying today's key, must not mark today as done (it would skip today's post).
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
async function crashedToday(platform: 'discord' | 'slack', today: string) {
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
