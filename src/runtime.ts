/**
 * What every bot process builds from its configuration: the store, the daily scheduler and service, the
 * telemetry. Shared by the main process and, when Discord is sharded, by each shard process.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DiscordBot } from '../commands/discord/bot.js';
import { DiscordDailyPoster } from '../commands/discord/daily-poster.js';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { ContentError, loadContent } from './content/load.js';
import { Cooldown } from './core/cooldown.js';
import { Talk } from './core/talk.js';
import { PgStore } from './daily/pg-store.js';
import { type DailyPoster, DailyScheduler } from './daily/scheduler.js';
import { DailyService } from './daily/service.js';
import { SqliteStore } from './daily/sqlite-store.js';
import type { DailyStore, Platform } from './daily/store.js';
import { createLogger, type Logger } from './log.js';
import { Telemetry } from './ops/telemetry.js';

export interface Basics {
  config: Config;
  log: Logger;
  talk: Talk;
}

/** Configuration, logger and content, or the exit code that explains why not (having printed why). */
export function loadBasics(): Basics | number {
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
  try {
    return { config, log, talk: new Talk(loadContent()) };
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(`content error in ${error.message}`);
      return 65; // EX_DATAERR
    }
    throw error;
  }
}

export interface Runtime {
  store: DailyStore;
  scheduler: DailyScheduler;
  daily: DailyService;
  posters: Partial<Record<Platform, DailyPoster>>;
  telemetry: Telemetry;
  cooldown: Cooldown;
}

export async function createRuntime({ config, log, talk }: Basics): Promise<Runtime> {
  const telemetry = new Telemetry(log);
  const store = config.DATABASE_URL
    ? await PgStore.connect(config.DATABASE_URL)
    : new SqliteStore(join(config.DATA_DIR, 'talk.sqlite'));
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
  return {
    store,
    scheduler,
    daily: new DailyService(store, talk, scheduler),
    posters,
    telemetry,
    cooldown: new Cooldown(config.COOLDOWN_SECONDS),
  };
}

/** A part of the process that can be stopped; parts are stopped front to back. */
export interface Running {
  name: string;
  stop(): Promise<void>;
}

/** On SIGTERM/SIGINT: stop every part in order (each lets its work in flight finish), then exit 0. */
export function stopOnSignals(running: Running[], log: Logger): void {
  const stop = async (signal: string) => {
    const started = performance.now();
    log.info('stopping', { signal });
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
}

/** Discord as run by this process: how to stop it, whether it is connected, where a channel lives. */
export interface DiscordPart {
  running: Running;
  ready: () => boolean;
  /** Guild of a channel the bot can see, for seeding schedules; undefined when it cannot. */
  guildOf: (channel: string) => Promise<string | undefined>;
}

/** One discord.js client in this process. */
export async function startDiscordClient(
  { config, log, talk }: Basics,
  runtime: Runtime,
): Promise<DiscordPart> {
  const discord = new DiscordBot({
    talk,
    token: config.DISCORD_TOKEN!,
    api: config.DISCORD_API_URL,
    cooldown: runtime.cooldown,
    log,
    daily: runtime.daily,
    telemetry: runtime.telemetry,
  });
  await discord.start();
  runtime.posters.discord = new DiscordDailyPoster(discord.client.rest, () => discord.client.user?.id);
  return {
    running: { name: 'discord', stop: () => discord.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000) },
    ready: () => discord.ready,
    guildOf: async (id) => {
      const channel = await discord.client.channels.fetch(id).catch(() => null);
      return channel && 'guildId' in channel && channel.guildId ? channel.guildId : undefined;
    },
  };
}
