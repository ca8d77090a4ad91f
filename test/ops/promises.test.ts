/**
 * Promises the code makes that no other test held it to: the "restarting" answer during shutdown on both
 * platforms, the shutdown timeout, a gateway reconnect that resumes and is counted, the posters' mapping of
 * platform errors, and a failed look-up or notification inside the scheduler (rollbacks: store-contract).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiscordAPIError as EsmDiscordAPIError } from '@discordjs/rest';
import { DiscordAPIError, RateLimitError } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordBot } from '../../commands/discord/bot.js';
import { toPostError as discordPostError } from '../../commands/discord/daily-poster.js';
import { toPostError as slackPostError } from '../../commands/slack/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { DailyScheduler, PostError } from '../../src/daily/scheduler.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import { Lifecycle } from '../../src/ops/lifecycle.js';
import { Telemetry } from '../../src/ops/telemetry.js';
import { startSlackHttp } from '../commands/slack-app.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import { FakeDiscord, interaction } from '../fakes/discord.js';
import { commandBody, FakeSlack, SIGNING_SECRET, sendToApp } from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.promises.token-for-tests';
let discord: FakeDiscord;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
});

afterAll(async () => {
  await discord?.stop();
});

const about = () =>
  interaction(discord, {
    type: 2,
    data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: 'about', options: [] }] },
  });

describe('shutdown', () => {
  it('Discord: an interaction arriving while answers drain gets the polite "restarting" note', async () => {
    const telemetry = new Telemetry(createLogger('silent'));
    const bot = new DiscordBot({
      talk: makeTalk(),
      token: TOKEN,
      api: discord.api,
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      telemetry,
    });
    await bot.start();
    // The first answer is held by Discord for a while: it is in flight when shutdown begins.
    const first = about();
    discord.hold = (r) => (r.path.includes(`/interactions/${first.id}/`) ? 600 : 0);
    const firstAnswered = discord.waitFor((r) => r.path.includes(`/interactions/${first.id}/`));
    discord.dispatch('INTERACTION_CREATE', first);
    await firstAnswered;
    const stopping = bot.stop(5000);
    const late = about();
    const lateAnswer = discord.waitFor((r) => r.path.includes(`/interactions/${late.id}/`));
    discord.dispatch('INTERACTION_CREATE', late);
    const body = (await lateAnswer).body;
    discord.hold = undefined;
    await stopping;
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0].description).toContain('The bot is restarting');
  });

  it('Slack: a command arriving while answers drain gets the "restarting" note, privately', async () => {
    const slack = await new FakeSlack().start();
    slack.slowResponsesMs = 600;
    const app = await startSlackHttp({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: 'xoxb-promises',
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
    });
    try {
      const first = commandBody(slack, 'summary rl');
      const received = slack.waitFor((r) => r.path.startsWith('/respond/'));
      await sendToApp(app.port, first);
      await received;
      const stopping = app.bot.stop(5000);
      const late = commandBody(slack, 'quote');
      const lateUrl = new URLSearchParams(late).get('response_url')!;
      const lateAnswer = slack.waitFor((r) => lateUrl.endsWith(r.path));
      await sendToApp(app.port, late);
      const body = (await lateAnswer).body;
      await stopping;
      expect(body.response_type).toBe('ephemeral');
      expect(JSON.stringify(body.blocks)).toContain('The bot is restarting');
    } finally {
      await app.stop(100);
      await slack.stop();
    }
  });

  it('gives up waiting after SHUTDOWN_TIMEOUT_SECONDS: a part that never stops cannot hold the exit', async () => {
    const lines: string[] = [];
    const exits: number[] = [];
    const lifecycle = new Lifecycle((code) => exits.push(code));
    lifecycle.useLogger(createLogger('info', [], (l) => lines.push(l)));
    lifecycle.stopTimeoutMs = 300;
    lifecycle.markStarted();
    let later = false;
    lifecycle.add({ name: 'stuck', stop: () => new Promise(() => undefined) });
    lifecycle.add({
      name: 'after',
      stop: async () => {
        later = true;
      },
    });
    const t0 = performance.now();
    await lifecycle.stop('SIGTERM');
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(exits).toEqual([0]);
    expect(later).toBe(false);
    expect(lines.join('\n')).toContain('stopped without waiting further');
  });
});

describe('gateway reconnects', () => {
  it('resumes the session when Discord asks it to reconnect, and counts one reconnect', async () => {
    const telemetry = new Telemetry(createLogger('silent'));
    const bot = new DiscordBot({
      talk: makeTalk(),
      token: TOKEN,
      api: discord.api,
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      telemetry,
    });
    await bot.start();
    try {
      const resumed = discord.waitFor((r) => r.method === 'RESUME', 15_000);
      discord.requestReconnect();
      await resumed;
      // It still answers after resuming.
      const payload = about();
      const answered = discord.waitFor((r) => r.path.includes(`/interactions/${payload.id}/`));
      discord.dispatch('INTERACTION_CREATE', payload);
      expect((await answered).body.type).toBe(4);
      expect(await telemetry.registry.getSingleMetricAsString('talk_reconnects_total')).toContain(
        'talk_reconnects_total{platform="discord"} 1',
      );
    } finally {
      await bot.stop();
    }
  }, 30_000);
});

describe('posters map platform errors to what the scheduler does next', () => {
  it('Discord: a rate limit waits its time; missing access is permanent; anything else is transient', () => {
    const limited = discordPostError(
      new RateLimitError({
        timeToReset: 1500,
        limit: 5,
        method: 'POST',
        hash: 'h',
        url: 'u',
        route: '/channels/:id/messages',
        majorParameter: '1',
        global: false,
        retryAfter: 1500,
        sublimitTimeout: 0,
        scope: 'user',
      }),
    );
    expect(limited).toMatchObject({ kind: 'transient', retryAfterMs: 1500 });
    const missing = discordPostError(
      new DiscordAPIError({ message: 'Missing Access', code: 50001 }, 50001, 403, 'POST', 'u', { body: {} }),
    );
    expect(missing.kind).toBe('permanent');
    const serverError = discordPostError(
      new DiscordAPIError({ message: 'Internal', code: 0 }, 0, 500, 'POST', 'u', { body: {} }),
    );
    expect(serverError.kind).toBe('transient');
    expect(discordPostError(new Error('socket hang up'))).toMatchObject({ kind: 'transient' });
  });

  it('Discord: maps errors from either copy of @discordjs/rest (the gateway client’s CommonJS one, the HTTP mode’s ESM one)', () => {
    expect(EsmDiscordAPIError).not.toBe(DiscordAPIError);
    const missing = discordPostError(
      new EsmDiscordAPIError({ message: 'Missing Access', code: 50001 }, 50001, 403, 'POST', 'u', {
        body: {},
      }),
    );
    expect(missing.kind).toBe('permanent');
  });

  it('Slack: rate limits wait, removed access is permanent, unknown errors are transient', () => {
    expect(slackPostError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toMatchObject({
      kind: 'transient',
      retryAfterMs: 7000,
    });
    expect(slackPostError({ data: { error: 'not_in_channel' } }).kind).toBe('permanent');
    expect(slackPostError({ data: { error: 'internal_error' } }).kind).toBe('transient');
    expect(slackPostError(new Error('ECONNRESET')).kind).toBe('transient');
  });
});

describe('the scheduler when a look-up or a notification fails', () => {
  it('posts anyway when the channel look-up after a crash fails, and still pauses when telling the owner fails', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-promises-')), 'talk.sqlite'));
    let now = Date.parse('2026-06-10T00:00:00Z');
    const lines: string[] = [];
    const log = createLogger('info', [], (l) => lines.push(l));
    const poster = new ChannelPoster(() => now);
    poster.findPosted = async () => {
      throw new Error('history unavailable');
    };
    poster.notify = async () => {
      throw new Error('cannot open a DM');
    };
    const s = new DailyScheduler({
      store,
      talk: makeTalk(),
      posters: { discord: poster },
      now: () => now,
      owner: 'A',
      log,
    });
    const saved = await store.saveSchedule(
      {
        platform: 'discord',
        workspace: 'g',
        channel: 'c1',
        time: '09:00',
        zone: 'UTC',
        lang: 'en',
        setBy: 'u',
        source: 'command',
      },
      now,
    );
    // A crashed attempt left today's claim; the look-up for its message fails: post (once) rather than skip.
    await store.claim({
      scheduleId: saved.id,
      localDate: '2026-06-10',
      owner: 'crashed',
      now: Date.parse('2026-06-10T09:00:00Z'),
      leaseMs: 120_000,
      pick: () => ({ takeawayId: 't01', next: { cycle: 0, position: 1 } }),
    });
    now = Date.parse('2026-06-10T09:10:00Z');
    expect((await s.tick()).get(saved.id)).toBe('posted');
    expect(lines.join('\n')).toContain('could not look for an earlier post');
    // Three permanent failures pause it even though the owner cannot be told.
    for (const day of ['2026-06-11', '2026-06-12', '2026-06-13']) {
      poster.failures.set('c1', [new PostError('Missing Access', 'permanent')]);
      now = Date.parse(`${day}T09:01:00Z`);
      await s.tick();
    }
    expect((await store.getSchedule(saved.id))?.pausedReason).toContain('Missing Access');
    expect(lines.join('\n')).toContain('could not notify the schedule owner');
    await store.close();
  });
});
