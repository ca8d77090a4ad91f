/**
 * Discord over the gateway: one discord.js Client with the Guilds intent only, trimmed caches, and no
 * mentions in anything it sends. Interactions are taken as the raw JSON Discord sent and answered by
 * DiscordInteractions, exactly as over HTTP (http.ts); answers go to the interaction callback endpoint.
 */
import { createRequire } from 'node:module';
import type * as DiscordJs from 'discord.js';
import type { APIInteraction } from 'discord-api-types/v10';
import type { Cooldown } from '../../src/core/cooldown.js';
import type { LangPrefs } from '../../src/core/prefs.js';
import type { QueryKeys } from '../../src/core/query-keys.js';
import type { Talk } from '../../src/core/talk.js';
import type { Logger } from '../../src/log.js';
import { withDeadline } from '../../src/ops/deadline.js';
import { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';
import { InteractionType } from './api.js';
import type { DailyService } from './daily.js';
import { explainDiscord } from './explain.js';
import { DiscordInteractions } from './interactions.js';
import { InteractionResponder } from './responder.js';

// Required rather than imported, for the reason api.ts gives (discord.js is CommonJS too).
const { Client, Events, GatewayDispatchEvents, GatewayIntentBits, Options } = createRequire(import.meta.url)(
  'discord.js',
) as typeof DiscordJs;

export { localeLang } from './interactions.js';

export interface DiscordBotOptions {
  talk: Talk;
  token: string;
  /** REST base, e.g. https://discord.com/api (a proxy or a local fake in tests). */
  api: string;
  cooldown: Cooldown;
  log: Logger;
  /** Daily posts; without it `/talk daily` explains that it is unavailable. */
  daily?: DailyService | undefined;
  telemetry?: Telemetry | undefined;
  /** Bound on each REST request. */
  apiTimeoutMs?: number;
  /** Long search queries behind short keys; in memory when not given. */
  queryKeys?: QueryKeys | undefined;
  /** Remembered answer languages; without it, answers follow the Discord locale. */
  prefs?: LangPrefs | undefined;
}

export class DiscordBot {
  readonly client: DiscordJs.Client;
  readonly interactions: DiscordInteractions;
  private readonly inflight = new InFlight();
  private stopping = false;

  constructor(private readonly options: DiscordBotOptions) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // One retry, each bounded: a silent Discord or proxy must not hold start-up or an answer.
      rest: { api: options.api, timeout: options.apiTimeoutMs ?? 15_000, retries: 1 },
      // Discord: nothing we send may ping anyone, whatever a query contains.
      allowedMentions: { parse: [] },
      makeCache: Options.cacheWithLimits({
        ...Options.DefaultMakeCacheSettings,
        MessageManager: 0,
        ReactionManager: 0,
        PresenceManager: 0,
        ThreadManager: 0,
        GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user.id },
        UserManager: { maxSize: 0, keepOverLimit: (u) => u.id === u.client.user.id },
        GuildEmojiManager: 0,
        GuildStickerManager: 0,
        VoiceStateManager: 0,
        StageInstanceManager: 0,
      }),
    });
    this.interactions = new DiscordInteractions({
      talk: options.talk,
      cooldown: options.cooldown,
      log: options.log,
      rest: this.client.rest,
      botUserId: () => this.client.user?.id,
      daily: options.daily,
      telemetry: options.telemetry,
      inflight: this.inflight,
      ...(options.queryKeys ? { queryKeys: options.queryKeys } : {}),
      prefs: options.prefs,
    });
    // The raw interaction, as Discord sent it: the same input the HTTP mode gets.
    this.client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
      if (raw.type === InteractionType.Ping) return;
      void this.interactions.handle(raw, InteractionResponder.overRest(this.client.rest, raw));
    });
    this.client.on(Events.Error, (error) => options.log.error('discord client error', { error }));
    // A graceful stop closes the gateway too; that is not a reconnect.
    this.client.on(Events.ShardReconnecting, () => {
      if (!this.stopping) options.telemetry?.reconnect('discord');
    });
  }

  /** Logs in and waits for READY, within `timeoutMs`; fails with a StartupError naming what to check. */
  async start(timeoutMs = 20_000): Promise<void> {
    let stage: 'rest' | 'gateway' = 'rest';
    this.client.rest.once('response', () => {
      stage = 'gateway';
    });
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    try {
      await withDeadline(
        this.client.login(this.options.token).then(() => ready),
        timeoutMs,
      );
    } catch (error) {
      this.stopping = true;
      await this.client.destroy().catch(() => undefined);
      throw explainDiscord(error, stage, this.options.api, timeoutMs);
    }
    this.options.log.info('discord connected', {
      user: this.client.user?.tag,
      guilds: this.client.guilds.cache.size,
    });
  }

  /** Connected to the gateway and able to answer. */
  get ready(): boolean {
    return this.client.isReady();
  }

  /** Stops taking interactions, lets those in progress finish (at most `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    await this.inflight.drain(timeoutMs);
    await this.client.destroy();
  }
}
