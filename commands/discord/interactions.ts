/**
 * Answers Discord interactions, the same for both ways they arrive (the gateway or HTTP): each is the raw
 * interaction JSON plus a Responder. One error boundary: whatever fails, the user gets a private note with
 * an error id, the log gets the details, and the process carries on.
 */
import type { REST } from '@discordjs/rest';
import type {
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
  APIMessageApplicationCommandInteraction,
  APIPingInteraction,
} from 'discord-api-types/v10';
import {
  type Action,
  type DailyRequest,
  decodeAction,
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
  staleCommand,
} from '../../src/core/errors.js';
import type { LangPrefs } from '../../src/core/prefs.js';
import { QueryKeys } from '../../src/core/query-keys.js';
import type { Talk } from '../../src/core/talk.js';
import type { View } from '../../src/core/views.js';
import { COMMAND_NAME, type Lang, PUBLIC_SUBCOMMANDS } from '../../src/core/vocabulary.js';
import type { DailyService } from '../../src/daily/service.js';
import type { Logger } from '../../src/log.js';
import type { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';
import { truncate } from '../../src/render/common.js';
import { renderDiscord } from '../../src/render/discord.js';
import {
  DISCORD_AUTOCOMPLETE_CHOICES_MAX,
  DISCORD_CHOICE_NAME_MAX,
  DISCORD_CHOICE_VALUE_MAX,
  DISCORD_CUSTOM_ID_MAX,
} from '../../src/render/discord-limits.js';
import { ApplicationCommandType, InteractionType } from './api.js';
import { sendCard } from './card.js';
import { dailyChoices, dailyContext, dailyRequest } from './daily.js';
import { findFromMessage } from './find.js';
import { SUBCOMMAND_HANDLERS } from './index.js';
import { langRequest } from './lang.js';
import { type CommandPath, commandPath, focusedOption, StaleCommandError, stringOption } from './options.js';
import type { OutgoingMessage, Responder } from './responder.js';

export interface DiscordDeps {
  talk: Talk;
  cooldown: Cooldown;
  log: Logger;
  /** REST for what an answer needs besides the answer itself (channel checks for daily posts). */
  rest: REST;
  /** The bot's own user id (for its permissions in a channel). */
  botUserId: () => string | undefined;
  /** Daily posts; without it `/talk daily` explains that it is unavailable. */
  daily?: DailyService | undefined;
  telemetry?: Telemetry | undefined;
  /** Answers in progress, so shutdown can let them finish. */
  inflight: InFlight;
  /** Long search queries behind short keys (shared through the store when there is one). */
  queryKeys?: QueryKeys;
  /** Remembered answer languages (`/talk lang`); without it, answers follow the Discord locale. */
  prefs?: LangPrefs | undefined;
}

/** Discord locales that read Chinese get Chinese first; everyone else English beside the original. */
export function localeLang(locale: string | null | undefined): Lang {
  return locale?.startsWith('zh') ? 'zh' : 'both';
}

type Options = APIApplicationCommandInteractionDataOption[];
/** Every interaction a user can cause (a PING is Discord checking the endpoint, answered by http.ts). */
export type UserInteraction = Exclude<APIInteraction, APIPingInteraction>;

export class DiscordInteractions {
  private readonly queryKeys: QueryKeys;

  constructor(private readonly deps: DiscordDeps) {
    this.queryKeys = deps.queryKeys ?? new QueryKeys();
  }

  /** Handles one interaction; tracked so shutdown can let it finish. Never throws. */
  handle(interaction: UserInteraction, responder: Responder): Promise<void> {
    return this.deps.inflight.track(this.answer(interaction, responder));
  }

  private async answer(interaction: UserInteraction, responder: Responder): Promise<void> {
    const started = performance.now();
    const lang = localeLang(interaction.locale);
    let kind = 'other';
    try {
      let shown: View | undefined;
      if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
        kind = 'autocomplete';
        await this.autocomplete(interaction, responder);
        return;
      }
      if (!this.deps.inflight.open) {
        shown = restarting(lang);
        await responder.reply(await this.render(shown, true), true);
      } else if (
        interaction.type === InteractionType.ApplicationCommand &&
        interaction.data.type === ApplicationCommandType.ChatInput
      ) {
        const path = commandPath(interaction.data.options as Options | undefined);
        kind = [path.group, path.sub].filter(Boolean).join(' ');
        shown = await this.command(interaction, interaction.data.name, path, responder);
      } else if (
        interaction.type === InteractionType.ApplicationCommand &&
        interaction.data.type === ApplicationCommandType.Message
      ) {
        kind = 'find';
        shown = await findFromMessage(interaction as APIMessageApplicationCommandInteraction, responder, {
          talk: this.deps.talk,
          lang: await this.langOf(interaction),
          render: (view, ephemeral) => this.render(view, ephemeral),
        });
      } else if (interaction.type === InteractionType.MessageComponent) {
        const action = decodeAction(interaction.data.custom_id);
        kind = `button:${action?.label ?? 'unknown'}`;
        shown = await this.button(interaction, action, responder);
      } else {
        shown = expiredButton(lang);
        await responder.reply(await this.render(shown, true), true);
      }
      this.count(kind, outcomeOf(shown), started);
    } catch (error) {
      await this.failed(interaction, responder, kind, started, error);
    }
  }

  private count(kind: string, outcome: 'ok' | 'refused' | 'error', started: number, errorId?: string): void {
    this.deps.telemetry?.command({
      platform: 'discord',
      subcommand: kind,
      outcome,
      ms: performance.now() - started,
      errorId,
    });
  }

  /** The error boundary: a stale registration is a polite note; anything else gets an error id. */
  private async failed(
    interaction: UserInteraction,
    responder: Responder,
    kind: string,
    started: number,
    error: unknown,
  ): Promise<void> {
    const lang = localeLang(interaction.locale);
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      this.deps.log.warn('discord autocomplete failed', { error });
      if (!responder.answered) await responder.autocomplete([]).catch(() => undefined);
      return;
    }
    let view: View;
    if (error instanceof StaleCommandError) {
      this.deps.log.warn('discord: an interaction from an older registration of /talk', {
        kind,
        detail: error.message,
      });
      view = staleCommand(lang);
      this.count(kind, 'refused', started);
    } else {
      const errorId = newErrorId();
      this.deps.log.error('discord interaction failed', { kind, errorId, error });
      view = internalError(lang, errorId);
      this.count(kind, 'error', started, errorId);
    }
    const message = await this.render(view, true);
    // Discord: after a deferral the first message is the deferred reply itself (editReply); followUp is
    // for messages after that.
    const send = !responder.answered
      ? responder.reply(message, true)
      : responder.deferred
        ? responder.editReply(message)
        : responder.followUp(message, true);
    await send.catch((sendError: unknown) =>
      this.deps.log.warn('could not report an error to the user', { error: sendError }),
    );
  }

  private async command(
    interaction: UserInteraction,
    commandName: string,
    path: CommandPath,
    responder: Responder,
  ): Promise<View> {
    const chosen = stringOption(path.options, 'lang');
    const user = (interaction.member?.user ?? interaction.user)?.id;
    const lang = isLang(chosen) ? chosen : await this.langOf(interaction);
    if (commandName === COMMAND_NAME && path.sub === 'lang' && !path.group) {
      const request = langRequest(path, lang);
      const view =
        this.deps.prefs && user
          ? await this.deps.prefs.handle(request, 'discord', user, localeLang(interaction.locale))
          : this.deps.talk.handle(request);
      await responder.reply(await this.render(view, true), true);
      return view;
    }
    if (commandName === COMMAND_NAME && path.group === 'daily') {
      const request = dailyRequest(path, lang);
      if (!request) throw new StaleCommandError(`unknown daily action "${path.sub}"`);
      return this.daily(interaction, request, responder);
    }
    const handler = SUBCOMMAND_HANDLERS.find((h) => h.name === path.sub);
    if (commandName !== COMMAND_NAME || !handler || path.group) {
      const unknown = commandName === COMMAND_NAME ? (path.sub ?? '') : commandName;
      return this.respond(interaction, responder, { sub: 'help', lang, unknown }, false);
    }
    const request = handler.toRequest({ option: (n) => stringOption(path.options, n), lang });
    return this.respond(interaction, responder, request, PUBLIC_SUBCOMMANDS.has(request.sub));
  }

  /**
   * An explicit choice for a command wins over this; then the user's remembered language (kept per user, so
   * the same in every server and in DMs); then their Discord locale.
   */
  private async langOf(interaction: UserInteraction): Promise<Lang> {
    const user = (interaction.member?.user ?? interaction.user)?.id;
    const remembered = user ? await this.deps.prefs?.remembered('discord', user) : undefined;
    return remembered ?? localeLang(interaction.locale);
  }

  private async autocomplete(interaction: UserInteraction, responder: Responder): Promise<void> {
    if (interaction.type !== InteractionType.ApplicationCommandAutocomplete) return;
    const path = commandPath(interaction.data.options as Options | undefined);
    const focused = focusedOption(path.options) ?? { name: '', value: '' };
    const choices =
      path.group === 'daily'
        ? dailyChoices(focused.name, focused.value)
        : (SUBCOMMAND_HANDLERS.find((h) => h.name === path.sub)?.autocomplete?.(
            this.deps.talk,
            focused.name,
            focused.value,
          ) ?? []);
    await responder.autocomplete(
      choices.slice(0, DISCORD_AUTOCOMPLETE_CHOICES_MAX).map((c) => ({
        name: truncate(c.name, DISCORD_CHOICE_NAME_MAX),
        value: truncate(c.value, DISCORD_CHOICE_VALUE_MAX),
      })),
    );
  }

  private async button(
    interaction: UserInteraction,
    action: Action | undefined,
    responder: Responder,
  ): Promise<View> {
    const request = action && (await this.queryKeys.restore(action.request));
    if (!action || !request) {
      const view = expiredButton(action?.request.lang ?? localeLang(interaction.locale));
      await responder.reply(await this.render(view, true), true);
      return view;
    }
    if (request.sub === 'daily') return this.daily(interaction, request, responder);
    if (request.sub === 'search' && !action.publish) {
      // Paging edits the (private) results message in place.
      const view = this.deps.talk.handle(request);
      await responder.update(await this.render(view, true));
      return view;
    }
    return this.respond(interaction, responder, request, action.publish === true);
  }

  /** Daily settings are private answers; posting or checking a channel can be slow, so defer first. */
  private async daily(
    interaction: UserInteraction,
    request: DailyRequest,
    responder: Responder,
  ): Promise<View> {
    const botId = this.deps.botUserId() ?? interaction.application_id;
    const ctx = dailyContext(interaction, this.deps.rest, botId);
    await responder.defer(true);
    const view =
      ctx && this.deps.daily ? await this.deps.daily.handle(request, ctx) : this.deps.talk.handle(request);
    await responder.editReply(await this.render(view, true));
    return view;
  }

  /** Answers publicly or only to the asker; public answers are subject to the user's cooldown. */
  private async respond(
    interaction: UserInteraction,
    responder: Responder,
    request: TalkRequest,
    wantsPublic: boolean,
  ): Promise<View> {
    const view = this.deps.talk.handle(request);
    const isPublic = wantsPublic && view.kind !== 'error' && view.kind !== 'not-covered';
    if (isPublic) {
      const user = interaction.member?.user ?? interaction.user;
      const turn = await this.deps.cooldown.take(`discord:${user?.id ?? 'unknown'}`);
      if (!turn.ok) {
        const refusal = cooldownError(request.lang, turn.retryInSeconds);
        await responder.reply(await this.render(refusal, true), true);
        return refusal;
      }
    }
    if (view.kind === 'card' && isPublic) {
      await sendCard(interaction, responder, view, {
        talk: this.deps.talk,
        log: this.deps.log,
        render: (shown, ephemeral) => this.render(shown, ephemeral),
      });
      return view;
    }
    await responder.reply(await this.render(view, !isPublic), !isPublic);
    return view;
  }

  /** The message for a view; a long search query behind a button is kept under a short key first. */
  async render(view: View, ephemeral: boolean): Promise<OutgoingMessage> {
    // Discord: custom ids hold at most 100 characters.
    const fitted = await this.queryKeys.fit(view, DISCORD_CUSTOM_ID_MAX);
    return { ...renderDiscord(fitted, { ephemeral }), allowed_mentions: { parse: [] } } as OutgoingMessage;
  }
}
