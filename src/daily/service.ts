/**
 * `/talk daily …`: set, stop, list and preview a channel's daily takeaway, and "Post now". Platform
 * checks (is the user an admin, can the bot post there) are done by the adapter and passed in.
 */
import type { Bilingual } from '../content/schema.js';
import type { DailyRequest } from '../core/actions.js';
import { channelRotation } from '../core/rotation.js';
import type { Talk } from '../core/talk.js';
import type { DailyScheduleLine, View } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import type { DailyScheduler } from './scheduler.js';
import { type DailyStore, type Platform, type Schedule, scheduleId } from './store.js';
import { canonicalZone, formatInZone, localDate, nextOccurrence, parseTime } from './time.js';

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
        return this.status(lang, ctx);
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
        en: `"${request.time ?? ''}" is not a time. ${TIME_EXAMPLE.en}`,
        zh: `“${request.time ?? ''}”不是有效时间。${TIME_EXAMPLE.zh}`,
      });
    const zone = canonicalZone(request.zone ?? '');
    if (!zone)
      return this.talk.invalid(lang, {
        en: `"${request.zone ?? ''}" is not a time zone I know. ${ZONE_EXAMPLE.en}`,
        zh: `无法识别时区“${request.zone ?? ''}”。${ZONE_EXAMPLE.zh}`,
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
        return this.talk.invalid(lang, {
          en: `Several channels have daily takeaways; say which: ${schedules.map((s) => `#${s.channel}`).join(', ')}.`,
          zh: `有多个频道设置了每日要点,请指定:${schedules.map((s) => `#${s.channel}`).join('、')}。`,
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

  private async status(lang: Lang, ctx: DailyContext): Promise<View> {
    const schedules = await this.store.listSchedules({ platform: ctx.platform, workspace: ctx.workspace });
    return {
      kind: 'daily-status',
      lang,
      schedules: await Promise.all(schedules.map((s) => this.line(s))),
      actions: [],
    };
  }

  /** The takeaway this channel will get next, shown only to the asker, with "Post now" for admins. */
  private async preview(lang: Lang, channel: string, ctx: DailyContext): Promise<View> {
    const id = scheduleId(ctx.platform, ctx.workspace, channel);
    const schedule = await this.store.getSchedule(id);
    const ids = this.talk.content.takeaways.map((t) => t.id);
    const { takeawayId } = channelRotation(ids, id)(await this.store.rotation(id));
    const zone = schedule?.zone ?? 'UTC';
    const day = localDate(schedule ? nextOccurrence(this.now(), schedule.time, zone) : this.now(), zone);
    const view = this.talk.takeawayView(lang, takeawayId, day);
    view.actions =
      schedule && ctx.isAdmin
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
    const latest = await this.store.getSchedule(schedule.id);
    return this.talk.error(lang, 'cannot-post', {
      en: `Could not post: ${latest?.lastError ?? outcome}. I will keep trying.`,
      zh: `发布失败:${latest?.lastError ?? outcome}。稍后会自动重试。`,
    });
  }

  private async line(schedule: Schedule): Promise<DailyScheduleLine> {
    const now = this.now();
    const next = nextOccurrence(now, schedule.time, schedule.zone);
    const last = await this.store.lastPost(schedule.id);
    return {
      channel: schedule.channel,
      time: schedule.time,
      zone: schedule.zone,
      lang: schedule.lang,
      next: { local: formatInZone(next, schedule.zone), utc: formatInZone(next, 'UTC'), epochMs: next },
      ...(last ? { lastPost: { date: last.localDate, delayed: last.delayed } } : {}),
      ...(schedule.lastError ? { lastError: schedule.lastError } : {}),
      ...(schedule.pausedReason ? { paused: schedule.pausedReason } : {}),
    };
  }
}
