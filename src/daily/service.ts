/**
 * `/talk daily …`: set, stop, list and preview a channel's daily takeaway, and "Post now". Platform
 * checks (is the user an admin, can the bot post there) are done by the adapter and passed in.
 */
import type { Bilingual } from '../content/schema.js';
import type { DailyRequest } from '../core/actions.js';
import { channelRef } from '../core/markup.js';
import { echo } from '../core/parse.js';
import { channelRotation } from '../core/rotation.js';
import type { Talk } from '../core/talk.js';
import type { DailyScheduleLine, View } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import { describeProblem } from './problems.js';
import type { DailyScheduler } from './scheduler.js';
import { postKey } from './scheduler.js';
import { type DailyStore, type Platform, type Schedule, scheduleId } from './store.js';
import { canonicalZone, formatInZone, localDate, nextDue, parseTime } from './time.js';

/** Schedules a status answer lists at once (Slack and Discord both stay well within their limits). */
export const STATUS_PAGE_SIZE = 15;

export interface DailyContext {
  platform: Platform;
  workspace: string;
  /** The user asking (their id is kept as the schedule's owner). */
  user: string;
  isAdmin: boolean;
  /** The channel the command was typed in: the default for `preview`. */
  here: string;
  /** Says what stops the bot from posting in a channel, or undefined when it can. */
  checkChannel: (channel: string) => Promise<Bilingual | undefined>;
}

const TIME_EXAMPLE = {
  en: 'Use 24-hour HH:MM, for example `09:00` or `18:30`.',
  zh: '请使用24小时制 HH:MM,例如 `09:00` 或 `18:30`。',
};
const ZONE_EXAMPLE = {
  en: 'Use an IANA time zone, for example `Europe/Berlin`, `Asia/Shanghai` or `America/New_York`.',
  zh: '请使用 IANA 时区名,例如 `Asia/Shanghai`、`Europe/Berlin` 或 `America/New_York`。',
};

export class DailyService {
  constructor(
    private readonly store: DailyStore,
    private readonly talk: Talk,
    private readonly scheduler: DailyScheduler,
    private readonly now: () => number = Date.now,
  ) {}

  async handle(request: DailyRequest, ctx: DailyContext): Promise<View> {
    const { lang } = request;
    switch (request.action) {
      case 'set':
        return this.set(request, ctx);
      case 'off':
        return this.off(lang, request.channel, ctx);
      case 'status':
        return this.status(lang, ctx, request.page ?? 1);
      case 'preview':
        return this.preview(lang, request.channel ?? ctx.here, ctx);
      case 'post-now':
        return this.postNow(lang, request.channel ?? ctx.here, ctx);
      case 'help':
        return this.talk.help(lang, 'daily');
    }
  }

  private refuseNonAdmin(lang: Lang, ctx: DailyContext): View | undefined {
    if (ctx.isAdmin) return undefined;
    return this.talk.error(lang, 'not-admin', {
      en:
        ctx.platform === 'discord'
          ? 'Only members with the Manage Server permission can change daily takeaways.'
          : 'Only workspace admins and owners (or users listed by the bot operator) can change daily takeaways.',
      zh:
        ctx.platform === 'discord'
          ? '只有拥有“管理服务器”权限的成员才能修改每日要点。'
          : '只有工作区管理员或所有者(或运营者指定的用户)才能修改每日要点。',
    });
  }

  private async set(request: DailyRequest, ctx: DailyContext): Promise<View> {
    const { lang } = request;
    const refused = this.refuseNonAdmin(lang, ctx);
    if (refused) return refused;
    if (!request.channel)
      return this.talk.invalid(lang, {
        en: 'Name the channel to post in, e.g. `#ai-news`.',
        zh: '请指定发布频道,例如 `#ai-news`。',
      });
    const time = parseTime(request.time ?? '');
    if (!time)
      return this.talk.invalid(lang, {
        en: `"${echo(request.time ?? '')}" is not a time. ${TIME_EXAMPLE.en}`,
        zh: `“${echo(request.time ?? '')}”不是有效时间。${TIME_EXAMPLE.zh}`,
      });
    const zone = canonicalZone(request.zone ?? '');
    if (!zone)
      return this.talk.invalid(lang, {
        en: `"${echo(request.zone ?? '')}" is not a time zone I know. ${ZONE_EXAMPLE.en}`,
        zh: `无法识别时区“${echo(request.zone ?? '')}”。${ZONE_EXAMPLE.zh}`,
      });
    const problem = await ctx.checkChannel(request.channel);
    if (problem) return this.talk.error(lang, 'cannot-post', problem);
    const schedule = await this.store.saveSchedule(
      {
        platform: ctx.platform,
        workspace: ctx.workspace,
        channel: request.channel,
        time,
        zone,
        lang,
        setBy: ctx.user,
        source: 'command',
      },
      this.now(),
    );
    return {
      kind: 'daily-changed',
      lang,
      change: 'set',
      channel: schedule.channel,
      schedule: await this.line(schedule),
      actions: [],
    };
  }

  private async off(lang: Lang, channel: string | undefined, ctx: DailyContext): Promise<View> {
    const refused = this.refuseNonAdmin(lang, ctx);
    if (refused) return refused;
    const schedules = await this.store.listSchedules({ platform: ctx.platform, workspace: ctx.workspace });
    const target = channel
      ? schedules.find((s) => s.channel === channel)
      : schedules.length === 1
        ? schedules[0]
        : undefined;
    if (!target) {
      if (!channel && schedules.length > 1) {
        const listed = schedules.slice(0, 10).map((s) => channelRef(s.channel));
        const more = schedules.length > 10 ? ` (+${schedules.length - 10})` : '';
        return this.talk.invalid(lang, {
          en: `Several channels have daily takeaways; say which: ${listed.join(', ')}${more}.`,
          zh: `有多个频道设置了每日要点,请指定:${listed.join('、')}${more}。`,
        });
      }
      return this.talk.error(lang, 'no-schedule', {
        en: 'There is no daily takeaway to stop there.',
        zh: '那里没有可停止的每日要点。',
      });
    }
    await this.store.disableSchedule(target.id, this.now());
    return { kind: 'daily-changed', lang, change: 'off', channel: target.channel, actions: [] };
  }

  /** Every schedule here, a page at a time, with Previous and Next when there are more. */
  private async status(lang: Lang, ctx: DailyContext, page: number): Promise<View> {
    const schedules = await this.store.listSchedules({ platform: ctx.platform, workspace: ctx.workspace });
    const pageCount = Math.max(1, Math.ceil(schedules.length / STATUS_PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pageCount);
    const shown = schedules.slice((current - 1) * STATUS_PAGE_SIZE, current * STATUS_PAGE_SIZE);
    const actions: View['actions'] = [];
    if (current > 1)
      actions.push({
        label: 'previous',
        request: { sub: 'daily', lang, action: 'status', page: current - 1 },
      });
    if (current < pageCount)
      actions.push({ label: 'next', request: { sub: 'daily', lang, action: 'status', page: current + 1 } });
    return {
      kind: 'daily-status',
      lang,
      schedules: await Promise.all(shown.map((s) => this.line(s))),
      total: schedules.length,
      page: current,
      pageCount,
      after: Math.max(0, schedules.length - current * STATUS_PAGE_SIZE),
      actions,
    };
  }

  /**
   * Exactly the post this channel will get next (its takeaway, in the schedule's language, as the post is
   * headed), shown only to the asker, with where and when, and "Post now" for admins.
   */
  private async preview(lang: Lang, channel: string, ctx: DailyContext): Promise<View> {
    const id = scheduleId(ctx.platform, ctx.workspace, channel);
    const schedule = await this.store.getSchedule(id);
    if (!schedule)
      return this.talk.error(lang, 'no-schedule', {
        en: `${channelRef(channel)} has no daily takeaway yet. An admin can start one with \`/talk daily set\`.`,
        zh: `${channelRef(channel)} 还没有每日要点。管理员可以用 \`/talk daily set\` 开启。`,
      });
    const ids = this.talk.content.takeaways.map((t) => t.id);
    const { takeawayId } = channelRotation(ids, id)(await this.store.rotation(id));
    const at = nextDue(this.now(), schedule.time, schedule.zone, schedule.days);
    const day = localDate(at, schedule.zone);
    const view = this.talk.takeawayView(schedule.lang, takeawayId, day);
    view.daily = { key: postKey(day), preview: { channel, at: formatInZone(at, schedule.zone), lang } };
    view.actions = ctx.isAdmin
      ? [{ label: 'post-now', request: { sub: 'daily', lang, action: 'post-now', channel } }]
      : [];
    return view;
  }

  private async postNow(lang: Lang, channel: string, ctx: DailyContext): Promise<View> {
    const refused = this.refuseNonAdmin(lang, ctx);
    if (refused) return refused;
    const schedule = await this.store.getSchedule(scheduleId(ctx.platform, ctx.workspace, channel));
    if (!schedule) {
      return this.talk.error(lang, 'no-schedule', {
        en: 'Set a daily takeaway for that channel first: `/talk daily set`.',
        zh: '请先用 `/talk daily set` 为该频道设置每日要点。',
      });
    }
    const outcome = await this.scheduler.postNow(schedule);
    if (outcome === 'posted' || outcome === 'recovered')
      return { kind: 'daily-changed', lang, change: 'posted', channel, actions: [] };
    if (outcome === 'done')
      return { kind: 'daily-changed', lang, change: 'already-posted', channel, actions: [] };
    if (outcome === 'busy')
      return this.talk.error(lang, 'cannot-post', {
        en: `Today's post to ${channelRef(channel)} is being sent right now.`,
        zh: `${channelRef(channel)} 的今日要点正在发布中。`,
      });
    const latest = await this.store.getSchedule(schedule.id);
    const { text } = describeProblem(latest?.lastError ?? outcome, channel);
    return this.talk.error(lang, 'cannot-post', {
      en: `Could not post. ${text.en}`,
      zh: `发布失败。${text.zh}`,
    });
  }

  private async line(schedule: Schedule): Promise<DailyScheduleLine> {
    const now = this.now();
    const next = nextDue(now, schedule.time, schedule.zone, schedule.days);
    const last = await this.store.lastPost(schedule.id);
    return {
      channel: schedule.channel,
      time: schedule.time,
      zone: schedule.zone,
      lang: schedule.lang,
      next: { local: formatInZone(next, schedule.zone), utc: formatInZone(next, 'UTC'), epochMs: next },
      ...(last ? { lastPost: { date: last.localDate, delayed: last.delayed } } : {}),
      ...(schedule.lastError
        ? { lastError: describeProblem(schedule.lastError, schedule.channel).text }
        : {}),
      ...(schedule.pausedReason
        ? { paused: describeProblem(schedule.pausedReason, schedule.channel).text }
        : {}),
    };
  }
}
