/**
 * What every bot process builds from its configuration: the store, the daily scheduler and service, the
 * telemetry, the cooldowns. Shared by the main process and, when Discord is sharded, by each shard process.
 * Every wait on the outside (disk, database, Discord) is bounded by STARTUP_TIMEOUT_SECONDS.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { loadContentFast } from './content/fast.js';
import { ContentError } from './content/load.js';
import { type BucketStore, Cooldown, MemoryBuckets } from './core/cooldown.js';
import { LangPrefs } from './core/prefs.js';
import { QueryKeys } from './core/query-keys.js';
import { Talk } from './core/talk.js';
import type { PgStore } from './daily/pg-store.js';
import { type DailyPoster, DailyScheduler } from './daily/scheduler.js';
import { DailyService } from './daily/service.js';
import type { DailyStore, Platform } from './daily/store.js';
import { MemorySeen, type SeenStore } from './http/replay.js';
import type { HttpServer } from './http/server.js';
import { createLogger, type Logger } from './log.js';
import { EXIT, withDeadline } from './ops/deadline.js';
import type { Lifecycle, Running } from './ops/lifecycle.js';
import { Telemetry } from './ops/telemetry.js';

export type { Running };

export interface Basics {
  config: Config;
  log: Logger;
  talk: Talk;
}

/** Configuration, logger and content, or the exit code that explains why not (having printed why). */
export async function loadBasics(): Promise<Basics | number> {
  // A .env file in the working directory, if there is one (the environment itself wins).
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`talk: ${error.message}\nSee .env.example for what each variable expects.`);
      return EXIT.config;
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL, secretsOf(config));
  try {
    return { config, log, talk: new Talk(await loadContentFast()) };
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(`talk: content error in ${error.message}`);
      return EXIT.dataError;
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
  /** Signed requests already handled (replays), shared when the store is. */
  seen: SeenStore;
  /** Long search queries behind short keys, kept in the store. */
  queryKeys: QueryKeys;
  /** Users' remembered answer languages, kept in the store. */
  prefs: LangPrefs;
}

/** A shared check may not hold an answer: past this, the process's own memory decides instead. */
const SHARED_CHECK_MS = 750;

/** Shared state that fails open to memory when the database is slow, so users still get answers. */
function resilient<T extends object>(shared: T, local: T, log: Logger): T {
  return new Proxy(shared, {
    get(target, name) {
      const method = (target as Record<string | symbol, unknown>)[name];
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) =>
        withDeadline(method.apply(target, args) as Promise<unknown>, SHARED_CHECK_MS).catch(
          (error: unknown) => {
            log.warn('shared state unavailable; deciding in memory', { call: String(name), error });
            return (local as Record<string | symbol, (...a: unknown[]) => unknown>)[name]!(...args);
          },
        );
    },
  });
}

export async function createRuntime({ config, log, talk }: Basics, lifecycle: Lifecycle): Promise<Runtime> {
  // Metrics are read only through the ops endpoint: without HEALTH_PORT, prom-client is never loaded.
  const telemetry = new Telemetry(log, { metrics: config.HEALTH_PORT !== undefined });
  const startupMs = config.STARTUP_TIMEOUT_SECONDS * 1000;
  // Only the configured store's driver is loaded (pg or better-sqlite3).
  let shared: PgStore | undefined;
  let store: DailyStore;
  if (config.DATABASE_URL) {
    const { PgStore } = await import('./daily/pg-store.js');
    shared = await lifecycle.unlessStopped(
      PgStore.connect(config.DATABASE_URL, { timeoutMs: config.DATABASE_TIMEOUT_SECONDS * 1000 }),
    );
    store = shared;
  } else {
    const { SqliteStore } = await import('./daily/sqlite-store.js');
    store = await lifecycle.unlessStopped(SqliteStore.open(config.DATA_DIR, startupMs));
  }
  lifecycle.add({ name: 'store', stop: () => store.close() });
  // Several instances share cooldowns and seen requests through PostgreSQL; one process keeps them in memory.
  const buckets: BucketStore = shared
    ? resilient<BucketStore>(shared, new MemoryBuckets(), log)
    : new MemoryBuckets();
  const seen: SeenStore = shared ? resilient<SeenStore>(shared, new MemorySeen(), log) : new MemorySeen();
  const posters: Partial<Record<Platform, DailyPoster>> = {};
  const scheduler = new DailyScheduler({
    store,
    talk,
    posters,
    owner: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
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
    cooldown: new Cooldown(config.COOLDOWN_SECONDS, config.COOLDOWN_BURST, Date.now, buckets),
    seen,
    queryKeys: new QueryKeys(store),
    prefs: new LangPrefs(store, log),
  };
}

/** Discord as run by this process: how to stop it, whether it is connected, where a channel lives. */
export interface DiscordPart {
  running: Running;
  ready: () => boolean;
  /** Guild of a channel the bot can see, for seeding schedules; undefined when it cannot. */
  guildOf: (channel: string) => Promise<string | undefined>;
}

/** One discord.js client in this process, connected within STARTUP_TIMEOUT_SECONDS. */
export async function startDiscordClient(
  { config, log, talk }: Basics,
  runtime: Runtime,
  lifecycle: Lifecycle,
): Promise<DiscordPart> {
  // discord.js is loaded only when Discord is configured.
  const { DiscordBot } = await import('../commands/discord/bot.js');
  const { DiscordDailyPoster } = await import('../commands/discord/daily-poster.js');
  const discord = new DiscordBot({
    talk,
    token: config.DISCORD_TOKEN!,
    api: config.DISCORD_API_URL,
    cooldown: runtime.cooldown,
    log,
    daily: runtime.daily,
    telemetry: runtime.telemetry,
    apiTimeoutMs: config.API_TIMEOUT_SECONDS * 1000,
    queryKeys: runtime.queryKeys,
    prefs: runtime.prefs,
  });
  const running = { name: 'discord', stop: () => discord.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000) };
  lifecycle.add(running, true);
  await lifecycle.unlessStopped(discord.start(config.STARTUP_TIMEOUT_SECONDS * 1000));
  runtime.posters.discord = new DiscordDailyPoster(discord.client.rest, () => discord.client.user?.id, log);
  return {
    running,
    ready: () => discord.ready,
    guildOf: async (id) => {
      const channel = await discord.client.channels.fetch(id).catch(() => null);
      return channel && 'guildId' in channel && channel.guildId ? channel.guildId : undefined;
    },
  };
}

/**
 * Discord over HTTP interactions (DISCORD_PUBLIC_KEY set): the route on the bot's HTTP server and REST,
 * ready once Discord has said who the bot is (within STARTUP_TIMEOUT_SECONDS) and the server listens.
 */
export async function startDiscordHttp(
  { config, log, talk }: Basics,
  runtime: Runtime,
  lifecycle: Lifecycle,
  server: HttpServer,
): Promise<DiscordPart> {
  // REST alone: discord.js (its Client, the gateway, the caches) is never loaded in this mode.
  const { DiscordHttpBot } = await import('../commands/discord/http-bot.js');
  const { DiscordDailyPoster } = await import('../commands/discord/daily-poster.js');
  const { Routes } = await import('discord-api-types/v10');
  const discord = new DiscordHttpBot({
    talk,
    token: config.DISCORD_TOKEN!,
    publicKey: config.DISCORD_PUBLIC_KEY!,
    api: config.DISCORD_API_URL,
    server,
    seen: runtime.seen,
    cooldown: runtime.cooldown,
    log,
    daily: runtime.daily,
    telemetry: runtime.telemetry,
    apiTimeoutMs: config.API_TIMEOUT_SECONDS * 1000,
    queryKeys: runtime.queryKeys,
    prefs: runtime.prefs,
  });
  const running = {
    name: 'discord (http)',
    stop: () => discord.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000),
  };
  lifecycle.add(running, true);
  await lifecycle.unlessStopped(discord.start(config.STARTUP_TIMEOUT_SECONDS * 1000));
  runtime.posters.discord = new DiscordDailyPoster(discord.rest, () => discord.identity?.userId);
  return {
    running,
    ready: () => discord.ready,
    guildOf: async (id) =>
      (
        (await discord.rest.get(Routes.channel(id)).catch(() => undefined)) as
          | { guild_id?: string }
          | undefined
      )?.guild_id,
  };
}
