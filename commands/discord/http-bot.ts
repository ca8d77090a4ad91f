/**
 * Discord over HTTP interactions, chosen when DISCORD_PUBLIC_KEY is set: Discord POSTs each interaction to
 * `/discord/interactions` on the bot's HTTP server (http.ts) and the bot answers in the HTTP response. No
 * gateway connection, no discord.js Client and no caches: REST alone (@discordjs/rest) for who the bot is,
 * edits after a deferral, follow-ups, channel checks and daily posts. The answers come from the same
 * DiscordInteractions as over the gateway (bot.ts).
 */
import type { APIApplication, APIUser } from 'discord-api-types/v10';
import type { Cooldown } from '../../src/core/cooldown.js';
import type { LangPrefs } from '../../src/core/prefs.js';
import type { QueryKeys } from '../../src/core/query-keys.js';
import type { Talk } from '../../src/core/talk.js';
import type { SeenStore } from '../../src/http/replay.js';
import type { HttpServer } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import { EXIT, StartupError, withDeadline } from '../../src/ops/deadline.js';
import { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';
import { REST, Routes } from './api.js';
import type { DailyService } from './daily.js';
import { explainDiscord } from './explain.js';
import { DISCORD_INTERACTIONS_PATH, DiscordHttpEndpoint } from './http.js';
import { DiscordInteractions } from './interactions.js';

export interface DiscordHttpBotOptions {
  talk: Talk;
  token: string;
  /** The application's public key, hex (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  /** REST base, e.g. https://discord.com/api (a proxy or a local fake in tests). */
  api: string;
  /** The bot's HTTP server; started and stopped by its owner. */
  server: HttpServer;
  /** Signatures already handled (replays); shared by instances when the store is. */
  seen: SeenStore;
  cooldown: Cooldown;
  log: Logger;
  /** Daily posts; without it `/talk daily` explains that it is unavailable. */
  daily?: DailyService | undefined;
  telemetry?: Telemetry | undefined;
  /** Bound on each REST request. */
  apiTimeoutMs?: number;
  /** Long search queries behind short keys; in memory when not given. */
  queryKeys?: QueryKeys | undefined;
  /** Remembered answer languages (`/talk lang`); without it the command says where it works. */
  prefs?: LangPrefs | undefined;
}

/** Who the bot is, as Discord's REST API says at start. */
export interface DiscordIdentity {
  applicationId: string;
  userId: string;
  username: string;
}

export class DiscordHttpBot {
  readonly rest: REST;
  readonly interactions: DiscordInteractions;
  readonly endpoint: DiscordHttpEndpoint;
  private readonly inflight = new InFlight();
  private me?: DiscordIdentity;

  constructor(private readonly options: DiscordHttpBotOptions) {
    // One retry, each bounded: a silent Discord or proxy must not hold start-up or an answer.
    this.rest = new REST({ api: options.api, timeout: options.apiTimeoutMs ?? 15_000, retries: 1 }).setToken(
      options.token,
    );
    this.interactions = new DiscordInteractions({
      talk: options.talk,
      cooldown: options.cooldown,
      log: options.log,
      rest: this.rest,
      botUserId: () => this.me?.userId,
      daily: options.daily,
      telemetry: options.telemetry,
      inflight: this.inflight,
      ...(options.queryKeys ? { queryKeys: options.queryKeys } : {}),
      prefs: options.prefs,
    });
    this.endpoint = new DiscordHttpEndpoint({
      publicKey: options.publicKey,
      server: options.server,
      seen: options.seen,
      interactions: this.interactions,
      rest: this.rest,
      log: options.log,
    });
  }

  /**
   * Asks Discord who the bot is (`GET /applications/@me`, `GET /users/@me`) within `timeoutMs`; fails with
   * a StartupError naming what to check, including a DISCORD_PUBLIC_KEY that is not this application's.
   */
  async start(timeoutMs = 20_000): Promise<DiscordIdentity> {
    const { api, log, publicKey } = this.options;
    let app: APIApplication;
    let user: APIUser;
    try {
      [app, user] = (await withDeadline(
        Promise.all([this.rest.get(Routes.currentApplication()), this.rest.get(Routes.user())]),
        timeoutMs,
      )) as [APIApplication, APIUser];
    } catch (error) {
      throw explainDiscord(error, 'rest', api, timeoutMs);
    }
    // Every request would fail verification with another application's key: say so now, not as 401s later.
    if (app.verify_key && app.verify_key.toLowerCase() !== publicKey.toLowerCase())
      throw new StartupError(
        `DISCORD_PUBLIC_KEY: it is not the public key of the application DISCORD_TOKEN belongs to (${app.name ?? app.id}) — copy it from the Developer Portal → General Information → Public Key.`,
        EXIT.config,
      );
    this.me = { applicationId: app.id, userId: user.id, username: user.username };
    log.info('discord ready', {
      mode: 'http',
      application: app.id,
      user: user.username,
      path: DISCORD_INTERACTIONS_PATH,
    });
    return this.me;
  }

  get identity(): DiscordIdentity | undefined {
    return this.me;
  }

  /** Knows who it is and the HTTP server is listening: able to answer. */
  get ready(): boolean {
    return this.me !== undefined && this.options.server.listening;
  }

  /**
   * Stops taking interactions (those arriving meanwhile get the "restarting" note) and lets those in
   * progress finish, at most `timeoutMs`. The HTTP server is closed by its owner after this.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.inflight.drain(timeoutMs);
    this.rest.clearHashSweeper();
    this.rest.clearHandlerSweeper();
  }
}
