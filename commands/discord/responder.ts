/**
 * How an answer reaches Discord, the same for both ways the bot receives interactions. Over the gateway
 * the first answer goes to the interaction callback endpoint; over HTTP it is the HTTP response itself.
 * Later messages (an edit after a deferral, a follow-up) always go through the interaction webhook.
 */
import type { RawFile, REST } from '@discordjs/rest';
import type {
  APICommandAutocompleteInteractionResponseCallbackData,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { InteractionResponseType, MessageFlags, Routes } from './api.js';

/** A message as the renderers make it, plus files (a card image). */
export type OutgoingMessage = APIInteractionResponseCallbackData & { files?: RawFile[] };

/** Discord: an interaction token works for 15 minutes; the first answer is due within 3 seconds. */
export interface Responder {
  /** Whether the first answer (a reply, a deferral or an update) has gone out. */
  readonly answered: boolean;
  /** Whether the first answer was a deferral not yet replaced by editReply. */
  readonly deferred: boolean;
  reply(message: OutgoingMessage, ephemeral: boolean): Promise<void>;
  defer(ephemeral: boolean): Promise<void>;
  /** Replaces the message a button is on (paging). */
  update(message: OutgoingMessage): Promise<void>;
  autocomplete(choices: APICommandAutocompleteInteractionResponseCallbackData['choices']): Promise<void>;
  /** The message after a deferral. */
  editReply(message: OutgoingMessage): Promise<void>;
  followUp(message: OutgoingMessage, ephemeral: boolean): Promise<void>;
}

/** Sends the first answer somewhere (the callback endpoint, or an HTTP response). */
type SendFirst = (response: APIInteractionResponse, files: RawFile[] | undefined) => Promise<void>;

export class InteractionResponder implements Responder {
  answered = false;
  deferred = false;

  constructor(
    private readonly rest: REST,
    private readonly applicationId: string,
    private readonly token: string,
    private readonly sendFirst: SendFirst,
  ) {}

  /** Over the gateway: the first answer is a POST to the interaction's callback endpoint. */
  static overRest(rest: REST, interaction: { id: string; token: string; application_id: string }) {
    return new InteractionResponder(
      rest,
      interaction.application_id,
      interaction.token,
      async (body, files) => {
        await rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
          body,
          ...(files ? { files } : {}),
          auth: false,
          query: new URLSearchParams({ with_response: 'false' }),
        });
      },
    );
  }

  private async first(response: APIInteractionResponse, files?: RawFile[]): Promise<void> {
    if (this.answered) throw new Error('interaction already answered');
    this.answered = true;
    try {
      await this.sendFirst(response, files);
    } catch (error) {
      // Refused (a bad body, say): the interaction is still unanswered, and the error note may go first.
      this.answered = false;
      this.deferred = false;
      throw error;
    }
  }

  async reply({ files, ...message }: OutgoingMessage, ephemeral: boolean): Promise<void> {
    const data = ephemeral ? { ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral } : message;
    await this.first({ type: InteractionResponseType.ChannelMessageWithSource, data }, files);
  }

  async defer(ephemeral: boolean): Promise<void> {
    this.deferred = true;
    await this.first({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: ephemeral ? { flags: MessageFlags.Ephemeral } : {},
    });
  }

  async update({ files, ...message }: OutgoingMessage): Promise<void> {
    await this.first({ type: InteractionResponseType.UpdateMessage, data: message }, files);
  }

  async autocomplete(
    choices: APICommandAutocompleteInteractionResponseCallbackData['choices'],
  ): Promise<void> {
    await this.first({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }

  async editReply({ files, flags: _flags, ...message }: OutgoingMessage): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(this.applicationId, this.token, '@original'), {
      body: message,
      ...(files ? { files } : {}),
      auth: false,
    });
    this.deferred = false;
  }

  async followUp({ files, ...message }: OutgoingMessage, ephemeral: boolean): Promise<void> {
    const body = ephemeral ? { ...message, flags: (message.flags ?? 0) | MessageFlags.Ephemeral } : message;
    await this.rest.post(Routes.webhook(this.applicationId, this.token), {
      body,
      ...(files ? { files } : {}),
      auth: false,
    });
  }
}
