/**
 * `npm start`: validates configuration and content, then starts every chat platform that has credentials,
 * with daily posts for both. With none, it says which variables to set and, on a terminal, opens a local
 * console.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DiscordBot } from '../commands/discord/bot.js';
import { DiscordDailyPoster } from '../commands/discord/daily-poster.js';
import { SlackBot } from '../commands/slack/bot.js';
import { SlackDailyPoster } from '../commands/slack/daily-poster.js';
import { runConsole } from './cli.js';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { ContentError, loadContent } from './content/load.js';
import { Cooldown } from './core/cooldown.js';
import { Talk } from './core/talk.js';
import { PgStore } from './daily/pg-store.js';
import { type DailyPoster, DailyScheduler } from './daily/scheduler.js';
import { seedSchedules } from './daily/seed.js';
import { DailyService } from './daily/service.js';
import { SqliteStore } from './daily/sqlite-store.js';
import type { Platform } from './daily/store.js';
import { createLogger, type Logger } from './log.js';
import { OpsServer, type ReadinessCheck } from './ops/server.js';
import { Telemetry } from './ops/telemetry.js';
import { renderText } from './render/text.js';

interface Running {
  name: string;
  stop(): Promise<void>;
}

async function startPlatforms(config: Config, talk: Talk, log: Logger, running: Running[]): Promise<void> {
  const telemetry = new Telemetry(log);
  const shutdownMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  const store = config.DATABASE_URL
    ? await PgStore.connect(config.DATABASE_URL)
    : new SqliteStore(join(config.DATA_DIR, 'talk.sqlite'));
  running.push({ name: 'store', stop: () => store.close() });
  // `running` is stopped front to back: takers of new work are put in front of what they depend on.
  const posters: Partial<Record<Platform, DailyPoster>> = {};
  const scheduler = new DailyScheduler({
    store,
    talk,
    posters,
    owner: `${hostname()}:${process.pid}`,
    log,
    graceMs: config.DAILY_GRACE_MINUTES * 60_000,
    leaseMs: config.DAILY_LEASE_SECONDS * 1000,
    onOutcome: (platform, outcome) => telemetry.dailyPost(platform, outcome),
  });
  const daily = new DailyService(store, talk, scheduler);
  const cooldown = new Cooldown(config.COOLDOWN_SECONDS);
  const checks: ReadinessCheck[] = [
    ['content', () => talk.content.passages.length > 0],
    ['store', () => store.ping().then(() => true)],
  ];
  const seedSettings = { time: config.DAILY_TIME, zone: config.DAILY_TZ, lang: config.DAILY_LANG };

  if (config.DISCORD_TOKEN) {
    const discord = new DiscordBot({
      talk,
      token: config.DISCORD_TOKEN,
      api: config.DISCORD_API_URL,
      cooldown,
      log,
      daily,
      telemetry,
    });
    await discord.start();
    running.unshift({ name: 'discord', stop: () => discord.stop(shutdownMs) });
    checks.push(['discord', () => discord.ready]);
    posters.discord = new DiscordDailyPoster(discord.client.rest, () => discord.client.user?.id);
    const channels = [];
    for (const id of config.DAILY_DISCORD_CHANNELS) {
      const channel = await discord.client.channels.fetch(id).catch(() => null);
      if (channel && 'guildId' in channel && channel.guildId)
        channels.push({ workspace: channel.guildId, channel: id });
      else log.warn('DAILY_DISCORD_CHANNELS: cannot see this channel; skipped', { channel: id });
    }
    await seedSchedules(store, 'discord', channels, seedSettings, Date.now());
  }
  if (config.SLACK_BOT_TOKEN) {
    const slack = new SlackBot({
      talk,
      cooldown,
      log,
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      port: config.PORT,
      daily,
      dailyAdmins: config.SLACK_DAILY_ADMINS,
      telemetry,
    });
    await slack.start();
    running.unshift({ name: `slack (${slack.mode} mode)`, stop: () => slack.stop(shutdownMs) });
    checks.push(['slack', () => slack.ready]);
    posters.slack = new SlackDailyPoster(slack.app.client);
    if (config.DAILY_SLACK_CHANNELS.length > 0) {
      const team = String((await slack.app.client.auth.test()).team_id ?? '');
      await seedSchedules(
        store,
        'slack',
        config.DAILY_SLACK_CHANNELS.map((channel) => ({ workspace: team, channel })),
        seedSettings,
        Date.now(),
      );
    }
  }
  scheduler.start(config.DAILY_TICK_SECONDS * 1000);
  running.unshift({ name: 'daily scheduler', stop: () => scheduler.stop() });
  if (config.HEALTH_PORT !== undefined) {
    const ops = new OpsServer(telemetry, () => checks);
    const port = await ops.listen(config.HEALTH_PORT);
    // Health endpoints go last, so probes see the bot until everything else has stopped.
    running.push({ name: 'ops', stop: () => ops.close() });
    log.info('ops listening', { port, paths: ['/healthz', '/readyz', '/metrics'] });
  }
}

async function main(): Promise<number> {
  // A .env file in the working directory, if there is one (the environment itself wins).
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for what each variable expects.`);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL, secretsOf(config));
  let talk: Talk;
  try {
    talk = new Talk(loadContent());
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(`content error in ${error.message}`);
      return 65; // EX_DATAERR
    }
    throw error;
  }

  if (config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN) {
    const running: Running[] = [];
    try {
      await startPlatforms(config, talk, log, running);
    } catch (error) {
      log.error('could not start', { error });
      for (const r of running) await r.stop().catch(() => undefined);
      return 1;
    }
    log.info('started', { platforms: running.map((r) => r.name) });
    const stop = async (signal: string) => {
      const started = performance.now();
      log.info('stopping', { signal });
      // In order: stop taking work (scheduler, platforms, letting what is in flight finish), then the store.
      for (const r of running) {
        await r.stop().catch((error: unknown) => log.warn('error while stopping', { part: r.name, error }));
      }
      log.info('stopped', { ms: Math.round(performance.now() - started) });
      // stderr to a pipe is asynchronous: exit once the last log line is out.
      process.stderr.write('', () => process.exit(0));
    };
    process.once('SIGINT', (s) => void stop(s));
    process.once('SIGTERM', (s) => void stop(s));
    // A stray rejection inside a library must not take the bot down; log it and carry on.
    process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));
    return 0;
  }

  console.log(
    [
      'talk: no chat platform configured, so nothing is connected.',
      '  Discord: set DISCORD_TOKEN (and DISCORD_GUILD_ID while developing).',
      '  Slack:   set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).',
      '  See .env.example and the README.',
      '',
    ].join('\n'),
  );
  if (process.stdin.isTTY) {
    await runConsole(talk, process);
  } else {
    console.log(renderText(talk.handle({ sub: 'takeaway', lang: 'both' })));
  }
  return 0;
}

process.exitCode = await main();
