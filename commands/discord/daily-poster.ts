/**
 * Sends daily posts to Discord channels over REST. The message carries the day's key in its footer, so a
 * later attempt can find it in the channel; the nonce with enforce_nonce makes Discord drop a resend of the
 * same post within its few-minute window.
 */
import type { DiscordAPIError, RateLimitError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { Bilingual } from '../../src/content/schema.js';
import { hashString } from '../../src/core/rotation.js';
import { type DailyPost, type DailyPoster, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';
import { linkChannels } from '../../src/render/common.js';
import { renderDiscord } from '../../src/render/discord.js';

/** Discord error codes that retrying cannot fix until someone changes the channel or the bot's access. */
const PERMANENT_CODES = new Set([10003, 10004, 50001, 50013, 50007, 50008]);
const HISTORY_LIMIT = 50;

interface ApiMessage {
  id: string;
  author?: { id: string };
  embeds?: { footer?: { text?: string } }[];
}

/**
 * Told apart by name, not `instanceof`: discord.js (CommonJS) and this ESM code each load their own copy of
 * @discordjs/rest's classes, so an error from the gateway client's REST is not an instance of ours.
 */
const isRateLimit = (error: unknown): error is RateLimitError =>
  error instanceof Error && error.name.startsWith('RateLimitError');
const isApiError = (error: unknown): error is DiscordAPIError =>
  error instanceof Error && error.name.startsWith('DiscordAPIError');

export function toPostError(error: unknown): PostError {
  if (isRateLimit(error))
    return new PostError(`rate limited on ${error.route}`, 'transient', error.retryAfter);
  if (isApiError(error)) {
    const code = typeof error.code === 'number' ? error.code : 0;
    const permanent = PERMANENT_CODES.has(code) || error.status === 403 || error.status === 404;
    return new PostError(`${error.message} (${code || error.status})`, permanent ? 'permanent' : 'transient');
  }
  return new PostError(error instanceof Error ? error.message : String(error), 'transient');
}

export class DiscordDailyPoster implements DailyPoster {
  constructor(
    private readonly rest: REST,
    private readonly botUserId: () => string | undefined,
  ) {}

  async post({ schedule, view, key }: DailyPost): Promise<string> {
    const { embeds } = renderDiscord(view, { ephemeral: false });
    // Discord: a nonce is at most 25 characters.
    const nonce = `td${hashString(`${schedule.id}|${key}`).toString(36)}`.slice(0, 25);
    try {
      const message = (await this.rest.post(Routes.channelMessages(schedule.channel), {
        body: { embeds, allowed_mentions: { parse: [] }, nonce, enforce_nonce: true },
      })) as ApiMessage;
      return message.id;
    } catch (error) {
      throw toPostError(error);
    }
  }

  async findPosted(schedule: Schedule, key: string): Promise<string | undefined> {
    const me = this.botUserId();
    const messages = (await this.rest.get(Routes.channelMessages(schedule.channel), {
      query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }),
    })) as ApiMessage[];
    return messages.find((m) => m.author?.id === me && m.embeds?.some((e) => e.footer?.text?.endsWith(key)))
      ?.id;
  }

  async notify(schedule: Schedule, message: Bilingual): Promise<void> {
    if (!schedule.setBy) return;
    const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: schedule.setBy } })) as {
      id: string;
    };
    await this.rest.post(Routes.channelMessages(dm.id), {
      body: {
        content: linkChannels(`${message.en}\n${message.zh}`, (id) => `<#${id}>`).slice(0, 2000),
        allowed_mentions: { parse: [] },
      },
    });
  }
}
