/**
 * Sends daily posts to Slack channels. Each message carries metadata with the day's key; before a resend
 * the recent channel history is searched for it, since Slack itself does not deduplicate.
 */
import type { webApi } from '@slack/bolt';
import type { Bilingual } from '../../src/content/schema.js';
import { type DailyPost, type DailyPoster, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';
import { linkChannels } from '../../src/render/common.js';
import { escapeMrkdwn, renderSlack } from '../../src/render/slack.js';

export const DAILY_EVENT_TYPE = 'talk_daily_post';
const HISTORY_LIMIT = 50;
/** Slack error codes that retrying cannot fix until someone changes the channel or the app. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'token_revoked',
  'missing_scope',
  'restricted_action',
  'ekm_access_denied',
]);

export function toPostError(error: unknown): PostError {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error')
    return new PostError('rate limited', 'transient', (e.retryAfter ?? 60) * 1000);
  const code = e.data?.error;
  if (code) return new PostError(code, PERMANENT.has(code) ? 'permanent' : 'transient');
  return new PostError(e.message ?? String(error), 'transient');
}

export class SlackDailyPoster implements DailyPoster {
  constructor(
    private readonly client: webApi.WebClient,
    /** This app's bot id (from auth.test): only its own messages count as an earlier attempt. */
    private readonly botId: () => string | undefined,
  ) {}

  async post({ schedule, view, key }: DailyPost): Promise<string> {
    const { text, blocks } = renderSlack(view, { ephemeral: false });
    try {
      const result = await this.client.chat.postMessage({
        channel: schedule.channel,
        text,
        blocks,
        unfurl_links: false,
        metadata: { event_type: DAILY_EVENT_TYPE, event_payload: { key } },
      });
      return String(result.ts);
    } catch (error) {
      throw toPostError(error);
    }
  }

  async findPosted(schedule: Schedule, key: string): Promise<string | undefined> {
    const history = await this.client.conversations.history({
      channel: schedule.channel,
      limit: HISTORY_LIMIT,
      include_all_metadata: true,
    });
    const me = this.botId();
    // The same day's key, on a message this app posted: yesterday's post, or another app's look-alike,
    // must not mark today as done.
    const found = (history.messages ?? []).find(
      (m) =>
        me !== undefined &&
        m.bot_id === me &&
        m.metadata?.event_type === DAILY_EVENT_TYPE &&
        (m.metadata.event_payload as { key?: string } | undefined)?.key === key,
    );
    return found?.ts;
  }

  async notify(schedule: Schedule, message: Bilingual): Promise<void> {
    if (!schedule.setBy) return;
    // Slack: posting to a user id delivers to the app's direct-message conversation with them.
    await this.client.chat.postMessage({
      channel: schedule.setBy,
      text: linkChannels(escapeMrkdwn(`${message.en}\n${message.zh}`), (id) => `<#${id}>`),
    });
  }
}
