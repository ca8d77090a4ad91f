/**
 * Sends daily posts to Slack channels (or, for a personal takeaway, to the user's direct messages with the
 * app). Each message carries metadata with the day's key; before a resend the recent history is searched
 * for it, since Slack itself does not deduplicate. A schedule's user group is mentioned at the start of the
 * post; with a thread, the passages behind the takeaway go in the post's thread as its first reply.
 */
import type { webApi } from '@slack/bolt';
import type { Bilingual } from '../../src/content/schema.js';
import { type DailyPost, type DailyPoster, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';
import type { Logger } from '../../src/log.js';
import { linkChannels } from '../../src/render/common.js';
import { escapeMrkdwn, renderSlack } from '../../src/render/slack.js';
import { renderSlackOriginals } from '../../src/render/slack-thread.js';

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
  // conversations.open for a personal takeaway
  'cannot_dm_bot',
  'user_not_found',
  'user_disabled',
  'user_not_visible',
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
    private readonly log?: Logger,
  ) {}

  /** Where a schedule's posts go: its channel, or the app's direct message conversation with its user. */
  private async channelOf(schedule: Schedule): Promise<string> {
    if (schedule.target === 'channel') return schedule.channel;
    const opened = await this.client.conversations.open({ users: schedule.channel });
    const id = opened.channel?.id;
    if (!id) throw new PostError('conversations.open gave no channel', 'transient');
    return id;
  }

  async post({ schedule, view, key }: DailyPost): Promise<string> {
    const rendered = renderSlack(view, { ephemeral: false });
    const group = schedule.target === 'channel' ? schedule.mention : undefined;
    // The admin's user group, and nothing else, is mentioned: everything else in the post is escaped text.
    const ping = group ? `<!subteam^${group}>` : '';
    const text = ping ? `${ping} ${rendered.text}` : rendered.text;
    const blocks = ping
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: ping } }, ...rendered.blocks]
      : rendered.blocks;
    let channel: string;
    let ts: string;
    try {
      channel = await this.channelOf(schedule);
      const result = await this.client.chat.postMessage({
        channel,
        text,
        blocks,
        unfurl_links: false,
        metadata: { event_type: DAILY_EVENT_TYPE, event_payload: { key } },
      });
      ts = String(result.ts);
    } catch (error) {
      throw error instanceof PostError ? error : toPostError(error);
    }
    if (view.daily?.originals?.length) await this.replyOriginals(channel, ts, { schedule, view, key });
    return ts;
  }

  /** The speaker's words behind the takeaway, as the first reply; the post is out, so a failure is only logged. */
  private async replyOriginals(channel: string, ts: string, { schedule, view }: DailyPost): Promise<void> {
    const reply = renderSlackOriginals(view);
    await this.client.chat
      .postMessage({ channel, thread_ts: ts, text: reply.text, blocks: reply.blocks, unfurl_links: false })
      .catch((error: unknown) =>
        this.log?.warn('daily: could not reply in the thread', { schedule: schedule.id, error }),
      );
  }

  async completeThread(post: DailyPost, ts: string): Promise<void> {
    const channel = await this.channelOf(post.schedule);
    const thread = await this.client.conversations.replies({ channel, ts, limit: 20 });
    const me = this.botId();
    if ((thread.messages ?? []).some((m) => m.ts !== ts && m.bot_id === me)) return;
    await this.replyOriginals(channel, ts, post);
  }

  async findPosted(schedule: Schedule, key: string): Promise<string | undefined> {
    const history = await this.client.conversations.history({
      channel: await this.channelOf(schedule),
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
