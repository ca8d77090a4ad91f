/**
 * Sends daily posts to Discord channels (or, for a personal takeaway, to the user's direct messages) over
 * REST. The message carries the day's key in its footer, so a later attempt can find it; the nonce with
 * enforce_nonce makes Discord drop a resend of the same post within its few-minute window. A schedule's
 * role is mentioned in the message content with allowed_mentions naming exactly that role, and its thread
 * is opened on the message once the message is out, starting with the speaker's words the takeaway cites.
 */
import type { DiscordAPIError, RateLimitError, REST } from '@discordjs/rest';
import type { Bilingual } from '../../src/content/schema.js';
import { renderMarkers } from '../../src/core/markup.js';
import { hashString } from '../../src/core/rotation.js';
import { type DailyPost, type DailyPoster, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';
import type { Logger } from '../../src/log.js';
import { LABELS, truncate, ui } from '../../src/render/common.js';
import { DISCORD_MARKERS, renderDiscord } from '../../src/render/discord.js';
import { renderDiscordOriginals } from '../../src/render/discord-thread.js';
import { Routes } from './api.js';

/** Discord: a thread name is 1-100 characters; an inactive thread archives itself after a day. */
const THREAD_NAME_MAX = 100;
const THREAD_ARCHIVE_MINUTES = 1440;

/** Discord error codes that retrying cannot fix until someone changes the channel or the bot's access. */
const PERMANENT_CODES = new Set([10003, 10004, 50001, 50013, 50007, 50008]);
const HISTORY_LIMIT = 50;
/** Discord: "A thread has already been created for this message". */
const THREAD_EXISTS = 160004;

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
    private readonly log?: Logger,
  ) {}

  /** Where a schedule's posts go: its channel, or the direct message channel with its user. */
  private async channelOf(schedule: Schedule): Promise<string> {
    if (schedule.target === 'channel') return schedule.channel;
    const dm = (await this.rest.post(Routes.userChannels(), {
      body: { recipient_id: schedule.channel },
    })) as { id: string };
    return dm.id;
  }

  async post({ schedule, view, key }: DailyPost): Promise<string> {
    const { embeds } = renderDiscord(view, { ephemeral: false });
    // Discord: a nonce is at most 25 characters.
    const nonce = `td${hashString(`${schedule.id}|${key}`).toString(36)}`.slice(0, 25);
    const role = schedule.target === 'channel' ? schedule.mention : undefined;
    let message: ApiMessage;
    try {
      message = (await this.rest.post(Routes.channelMessages(await this.channelOf(schedule)), {
        body: {
          embeds,
          // The one role the admin chose, and nothing else, may be pinged.
          ...(role ? { content: `<@&${role}>` } : {}),
          allowed_mentions: role ? { parse: [], roles: [role] } : { parse: [] },
          nonce,
          enforce_nonce: true,
        },
      })) as ApiMessage;
    } catch (error) {
      throw toPostError(error);
    }
    if (schedule.thread && schedule.target === 'channel')
      await this.openThread({ schedule, view, key }, message.id);
    return message.id;
  }

  /**
   * The post's thread, starting with the speaker's words the takeaway cites. The post is out: a thread that
   * cannot be opened is logged, never a reason to post again; one opened already (Discord 160004) is left be.
   */
  private async openThread({ schedule, view }: DailyPost, messageId: string): Promise<void> {
    const name = truncate(`${ui(schedule.lang, LABELS.dailyTitle)} · ${view.date}`, THREAD_NAME_MAX);
    try {
      const thread = (await this.rest.post(Routes.threads(schedule.channel, messageId), {
        body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES },
      })) as { id: string };
      if (view.daily?.originals?.length)
        await this.rest.post(Routes.channelMessages(thread.id), {
          body: { ...renderDiscordOriginals(view), allowed_mentions: { parse: [] } },
        });
    } catch (error) {
      if (isApiError(error) && error.code === THREAD_EXISTS) return;
      this.log?.warn('daily: could not open a thread on the post', { schedule: schedule.id, error });
    }
  }

  async completeThread(post: DailyPost, messageId: string): Promise<void> {
    await this.openThread(post, messageId);
  }

  async findPosted(schedule: Schedule, key: string): Promise<string | undefined> {
    const me = this.botUserId();
    const messages = (await this.rest.get(Routes.channelMessages(await this.channelOf(schedule)), {
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
        content: renderMarkers(`${message.en}\n${message.zh}`, DISCORD_MARKERS).slice(0, 2000),
        allowed_mentions: { parse: [] },
      },
    });
  }
}
