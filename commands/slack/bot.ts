/**
 * The Slack adapter: a bolt App in Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP mode on the
 * bot's HTTP server at /slack/events (see http-receiver.ts). Start-up proves the token with `auth.test`
 * within a deadline and says plainly what is wrong when Slack refuses it or cannot be reached.
 */
import type { Logger as BoltLogger, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Cooldown } from '../../src/core/cooldown.js';
import type { LangPrefs } from '../../src/core/prefs.js';
import { QueryKeys } from '../../src/core/query-keys.js';
import type { Talk } from '../../src/core/talk.js';
import type { DailyService } from '../../src/daily/service.js';
import type { SeenStore } from '../../src/http/replay.js';
import type { HttpServer } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import {
  EXIT,
  explain,
  isSilence,
  StartupError,
  TimeoutError,
  targetOf,
  withDeadline,
} from '../../src/ops/deadline.js';
import { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';
import { App, LogLevel, WebClient } from './bolt.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { registerSlack } from './index.js';

export interface SlackBotOptions {
  talk: Talk;
  cooldown: Cooldown;
  log: Logger;
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  /** Web API base, e.g. https://slack.com/api/ */
  apiUrl: string;
  /** HTTP mode: the bot's HTTP server, where /slack/events is served. */
  server?: HttpServer | undefined;
  /** Signatures already seen (replays); shared by instances when the store is. */
  seen?: SeenStore | undefined;
  daily?: DailyService | undefined;
  dailyAdmins?: readonly string[];
  telemetry?: Telemetry | undefined;
  /** Bound on each Web API request. */
  apiTimeoutMs?: number;
  /** Long search queries behind short keys; in memory when not given. */
  queryKeys?: QueryKeys | undefined;
  /** Remembered answer languages; without it, answers are in Chinese with English. */
  prefs?: LangPrefs | undefined;
}

/** Slack error codes that mean the token itself is wrong. */
const TOKEN_REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'not_allowed_token_type',
]);
/** How long a successful auth.test is trusted by readiness before it is asked again. */
const AUTH_RECHECK_MS = 60_000;

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const wrap =
    (write: (msg: string) => void) =>
    (...parts: unknown[]) =>
      write(parts.map(String).join(' '));
  return {
    debug: wrap((m) => log.debug(`bolt: ${m}`)),
    info: wrap((m) => log.debug(`bolt: ${m}`)),
    warn: wrap((m) => log.warn(`bolt: ${m}`)),
    error: wrap((m) => log.error(`bolt: ${m}`)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export class SlackBot {
  app!: App;
  readonly mode: 'socket' | 'http';
  readonly client: webApi.WebClient;
  teamId = '';
  /** This app's bot id, from auth.test. */
  botId: string | undefined;
  private readonly inflight = new InFlight();
  private stopping = false;
  private auth: { ok: boolean; at: number } = { ok: false, at: 0 };

  constructor(private readonly options: SlackBotOptions) {
    this.mode = options.appToken ? 'socket' : 'http';
    this.client = new WebClient(options.botToken, this.clientOptions());
  }

  private clientOptions(): webApi.WebClientOptions {
    return {
      slackApiUrl: this.options.apiUrl,
      timeout: this.options.apiTimeoutMs ?? 15_000,
      // A few quick retries, not bolt's default of ten over half an hour: someone is waiting.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4_000 },
      logger: boltLogger(this.options.log),
    };
  }

  /**
   * Proves the token (auth.test), then connects (Socket Mode) or registers /slack/events (HTTP mode),
   * all within `timeoutMs`. Fails with a StartupError naming the variable to check.
   */
  async start(timeoutMs: number): Promise<void> {
    const { log } = this.options;
    const api = targetOf(this.options.apiUrl);
    let identity: { user_id?: string; bot_id?: string; team_id?: string };
    try {
      identity = await withDeadline(this.client.auth.test(), timeoutMs);
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && TOKEN_REFUSED.has(code))
        throw new StartupError(
          `SLACK_BOT_TOKEN: Slack refused the token (${code}) — reinstall the app to the workspace and copy its Bot User OAuth Token (xoxb-…).`,
          EXIT.config,
        );
      const silent = isSilence(error) ? new TimeoutError(timeoutMs) : error;
      throw new StartupError(explain(silent, { variable: 'SLACK_API_URL', target: api, what: 'Slack' }));
    }
    this.auth = { ok: true, at: Date.now() };
    this.teamId = identity.team_id ?? '';
    this.botId = identity.bot_id;
    this.app = this.makeApp(identity);
    if (this.mode === 'socket') {
      try {
        await withDeadline(this.app.start(), timeoutMs);
      } catch (error) {
        await this.app.stop().catch(() => undefined);
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code && TOKEN_REFUSED.has(code))
          throw new StartupError(
            `SLACK_APP_TOKEN: Slack refused the app-level token (${code}) — generate one with connections:write (Basic Information → App-Level Tokens).`,
            EXIT.config,
          );
        throw new StartupError(
          explain(error, { variable: 'SLACK_APP_TOKEN', target: `Socket Mode via ${api}`, what: 'Slack' }),
        );
      }
      this.socketClient().on('reconnecting', () => {
        if (!this.stopping) this.options.telemetry?.reconnect('slack');
      });
      log.info('slack connected', { mode: 'socket', team: this.teamId });
    } else {
      log.info('slack ready', { mode: 'http', team: this.teamId, path: '/slack/events' });
    }
  }

  private makeApp(identity: { user_id?: string; bot_id?: string }): App {
    const o = this.options;
    const base = {
      token: o.botToken,
      // Known from our own auth.test: bolt need not ask again.
      ...(identity.bot_id ? { botId: identity.bot_id } : {}),
      ...(identity.user_id ? { botUserId: identity.user_id } : {}),
      clientOptions: this.clientOptions(),
      logger: boltLogger(o.log),
    };
    const app =
      this.mode === 'socket'
        ? new App({ ...base, socketMode: true, appToken: o.appToken })
        : new App({
            ...base,
            receiver: new SlackHttpReceiver({
              signingSecret: o.signingSecret!,
              server: o.server!,
              seen: o.seen!,
              logger: boltLogger(o.log),
            }),
          });
    registerSlack(app, {
      talk: o.talk,
      cooldown: o.cooldown,
      log: o.log,
      daily: o.daily,
      dailyAdmins: o.dailyAdmins ?? [],
      telemetry: o.telemetry,
      inflight: this.inflight,
      queryKeys: o.queryKeys ?? new QueryKeys(),
      prefs: o.prefs,
      uploadTimeoutMs: o.apiTimeoutMs,
    });
    app.error(async (error) => {
      o.log.error('slack listener error', { error });
    });
    return app;
  }

  /** bolt keeps its Socket Mode receiver private; its client is where connection state and reconnects show. */
  private socketClient() {
    return (this.app as unknown as { receiver: SocketModeReceiver }).receiver.client;
  }

  /** The token was accepted, and the socket is open (Socket Mode) — for /readyz. */
  get ready(): boolean {
    if (!this.auth.ok || !this.app) return false;
    if (this.mode === 'http') return this.options.server?.listening === true;
    return this.socketClient().websocket?.isActive() === true;
  }

  /** Readiness with a fresh enough auth.test: a revoked token or an unreachable Slack makes it false. */
  async checkReady(timeoutMs: number): Promise<boolean> {
    if (Date.now() - this.auth.at > AUTH_RECHECK_MS) {
      const ok = await withDeadline(this.client.auth.test(), timeoutMs).then(
        () => true,
        () => false,
      );
      this.auth = { ok, at: Date.now() };
    }
    return this.ready;
  }

  /** Stops taking commands, lets answers in progress finish (at most `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    await this.inflight.drain(timeoutMs);
    if (this.app && this.mode === 'socket') await this.app.stop();
  }
}
