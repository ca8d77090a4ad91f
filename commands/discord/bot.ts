/**
 * The Discord adapter: one discord.js Client with the Guilds intent only, answering `/talk` interactions
 * through the core and the pure Discord renderer. One error boundary: whatever fails, the user gets an
 * ephemeral note with an error id, the log gets the details, and the process carries on.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  Options,
} from 'discord.js';
import {
  type Action,
  type DailyRequest,
  decodeAction,
  encodeAction,
  isLang,
  type TalkRequest,
} from '../../src/core/actions.js';
import type { Cooldown } from '../../src/core/cooldown.js';
import {
  cooldownError,
  expiredButton,
  internalError,
  newErrorId,
  outcomeOf,
  restarting,
} from '../../src/core/errors.js';
import type { Talk } from '../../src/core/talk.js';
import type { View } from '../../src/core/views.js';
import { COMMAND_NAME, type Lang, PUBLIC_SUBCOMMANDS } from '../../src/core/vocabulary.js';
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
import { truncate } from '../../src/render/common.js';
import { renderDiscord } from '../../src/render/discord.js';
import {
  DISCORD_AUTOCOMPLETE_CHOICES_MAX,
  DISCORD_CHOICE_NAME_MAX,
  DISCORD_CHOICE_VALUE_MAX,
  DISCORD_CUSTOM_ID_MAX,
} from '../../src/render/discord-limits.js';
import { type DailyService, dailyContext, dailyRequest, timezoneChoices } from './daily.js';
import { SUBCOMMAND_HANDLERS } from './index.js';
import { LongQueries } from './long-queries.js';

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
}

/** Why Discord could not be reached at start, in one sentence naming the variable to check. */
export function explainDiscord(
  error: unknown,
  stage: 'rest' | 'gateway',
  api: string,
  timeoutMs: number,
): StartupError {
  const code = (error as { code?: unknown }).code;
  const status = (error as { status?: unknown }).status;
  if (code === 'TokenInvalid' || status === 401 || code === 4004)
    return new StartupError(
      'DISCORD_TOKEN: Discord refused the token — reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN.',
      EXIT.config,
    );
  if (code === 'DisallowedIntents' || code === 4014)
    return new StartupError(
      'DISCORD_TOKEN: Discord refused the intents this bot asks for — it needs only Guilds; check the application.',
      EXIT.config,
    );
  if (stage === 'gateway')
    return new StartupError(
      `DISCORD_API_URL: ${targetOf(api)} answered, but Discord's gateway sent no READY within ${Math.round(timeoutMs / 1000)} s — can this machine open a WebSocket to the gateway it names?`,
    );
  return new StartupError(
    explain(error, {
      variable: 'DISCORD_API_URL',
      target: targetOf(api),
      what: 'Discord (or your REST proxy)',
    }),
  );
}

/** Discord locales that read Chinese get Chinese first; everyone else English beside the original. */
export function localeLang(locale: string | null | undefined): Lang {
  return locale?.startsWith('zh') ? 'zh' : 'both';
}

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

export class DiscordBot {
  readonly client: Client;
  private readonly longQueries = new LongQueries();
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
    this.client.on(
      Events.InteractionCreate,
      (interaction) => void this.inflight.track(this.onInteraction(interaction)),
    );
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

  private async onInteraction(interaction: Interaction): Promise<void> {
    const started = performance.now();
    let kind = 'other';
    try {
      if (interaction.isAutocomplete()) {
        await this.autocomplete(interaction);
        return;
      }
      let shown: View | undefined;
      if (!this.inflight.open && interaction.isRepliable()) {
        shown = restarting(localeLang(interaction.locale));
        await interaction.reply({ ...this.render(shown, true), flags: MessageFlags.Ephemeral });
      } else if (interaction.isChatInputCommand()) {
        const group = interaction.options.getSubcommandGroup(false);
        kind = [group, interaction.options.getSubcommand(false)].filter(Boolean).join(' ');
        shown = await this.command(interaction);
      } else if (interaction.isButton()) {
        kind = `button:${decodeAction(interaction.customId)?.label ?? 'unknown'}`;
        shown = await this.button(interaction);
      } else if (interaction.isRepliable()) {
        shown = expiredButton('both');
        await interaction.reply({ ...this.render(shown, true), flags: MessageFlags.Ephemeral });
      }
      this.options.telemetry?.command({
        platform: 'discord',
        subcommand: kind,
        outcome: outcomeOf(shown),
        ms: performance.now() - started,
      });
    } catch (error) {
      const errorId = newErrorId();
      this.options.log.error('discord interaction failed', { kind, errorId, error });
      this.options.telemetry?.command({
        platform: 'discord',
        subcommand: kind,
        outcome: 'error',
        ms: performance.now() - started,
        errorId,
      });
      if (!interaction.isRepliable()) {
        if (interaction.isAutocomplete() && !interaction.responded)
          await interaction.respond([]).catch(() => undefined);
        return;
      }
      const payload = {
        ...this.render(internalError(localeLang(interaction.locale), errorId), true),
        flags: MessageFlags.Ephemeral as const,
      };
      // Discord: after a deferral the first message is the deferred reply itself (editReply); followUp is
      // for messages after that.
      const send = interaction.replied
        ? interaction.followUp(payload)
        : interaction.deferred
          ? interaction.editReply({ ...payload, flags: undefined })
          : interaction.reply(payload);
      await send.catch((sendError: unknown) =>
        this.options.log.warn('could not report an error to the user', { errorId, error: sendError }),
      );
    }
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<View> {
    const chosen = interaction.options.getString('lang');
    const lang = isLang(chosen) ? chosen : localeLang(interaction.locale);
    if (interaction.options.getSubcommandGroup(false) === 'daily') {
      return this.daily(interaction, dailyRequest(interaction, lang));
    }
    const name = interaction.options.getSubcommand(false) ?? '';
    const handler = SUBCOMMAND_HANDLERS.find((h) => h.name === name);
    if (interaction.commandName !== COMMAND_NAME || !handler) {
      return this.respond(
        interaction,
        { sub: 'help', lang, unknown: `${interaction.commandName} ${name}`.trim() },
        false,
      );
    }
    const request = handler.toRequest({ option: (n) => interaction.options.getString(n) ?? undefined, lang });
    return this.respond(interaction, request, PUBLIC_SUBCOMMANDS.has(request.sub));
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    if (interaction.options.getSubcommandGroup(false) === 'daily') {
      await interaction.respond(focused.name === 'timezone' ? timezoneChoices(String(focused.value)) : []);
      return;
    }
    const handler = SUBCOMMAND_HANDLERS.find((h) => h.name === interaction.options.getSubcommand(false));
    const choices = handler?.autocomplete?.(this.options.talk, focused.name, String(focused.value)) ?? [];
    await interaction.respond(
      choices.slice(0, DISCORD_AUTOCOMPLETE_CHOICES_MAX).map((c) => ({
        name: truncate(c.name, DISCORD_CHOICE_NAME_MAX),
        value: truncate(c.value, DISCORD_CHOICE_VALUE_MAX),
      })),
    );
  }

  private async button(interaction: ButtonInteraction): Promise<View> {
    const action = decodeAction(interaction.customId);
    const request = action && this.longQueries.restore(action.request);
    if (!action || !request) {
      const view = expiredButton(action?.request.lang ?? localeLang(interaction.locale));
      await interaction.reply({ ...this.render(view, true), flags: MessageFlags.Ephemeral });
      return view;
    }
    if (request.sub === 'daily') return this.daily(interaction, request);
    if (request.sub === 'search' && !action.publish) {
      // Paging edits the (ephemeral) results message in place.
      const view = this.options.talk.handle(request);
      await interaction.update(this.render(view, true));
      return view;
    }
    return this.respond(interaction, request, action.publish === true);
  }

  /** Daily settings are private answers; posting or checking a channel can be slow, so defer first. */
  private async daily(interaction: Repliable, request: DailyRequest): Promise<View> {
    const ctx = dailyContext(interaction);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const view =
      ctx && this.options.daily
        ? await this.options.daily.handle(request, ctx)
        : this.options.talk.handle(request);
    await interaction.editReply(this.render(view, true));
    return view;
  }

  /** Answers publicly or only to the asker; public answers are subject to the user's cooldown. */
  private async respond(interaction: Repliable, request: TalkRequest, wantsPublic: boolean): Promise<View> {
    const view = this.options.talk.handle(request);
    const isPublic = wantsPublic && view.kind !== 'error' && view.kind !== 'not-covered';
    if (isPublic) {
      const turn = await this.options.cooldown.take(`discord:${interaction.user.id}`);
      if (!turn.ok) {
        const refusal = cooldownError(request.lang, turn.retryInSeconds);
        await interaction.reply({ ...this.render(refusal, true), flags: MessageFlags.Ephemeral });
        return refusal;
      }
    }
    await interaction.reply({
      ...this.render(view, !isPublic),
      ...(isPublic ? {} : { flags: MessageFlags.Ephemeral as const }),
    });
    return view;
  }

  private render(view: View, ephemeral: boolean) {
    return {
      ...renderDiscord(view, { ephemeral, customId: (action) => this.customId(action) }),
      allowedMentions: { parse: [] },
    };
  }

  /** Discord: custom ids hold at most 100 characters; a long search query is kept in memory instead. */
  private customId(action: Action): string | undefined {
    const id = encodeAction(action);
    if (id.length <= DISCORD_CUSTOM_ID_MAX) return id;
    if (action.request.sub !== 'search') return undefined;
    const short = encodeAction({ ...action, request: this.longQueries.shorten(action.request) });
    return short.length <= DISCORD_CUSTOM_ID_MAX ? short : undefined;
  }
}
