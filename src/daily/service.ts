/**
 * `/talk daily …`: set, stop, list and preview a channel's daily takeaway, and "Post now"; `daily me` (a
 * personal takeaway by direct message) is answered by personal.ts. Platform checks (is the user an admin,
 * can the bot post there, is the mention usable) are done by the adapter and passed in.
 */
import type { Bilingual } from '../content/schema.js';
import type { DailyRequest } from '../core/actions.js';
import { channelRef } from '../core/markup.js';
import { echo } from '../core/parse.js';
import { channelRotation } from '../core/rotation.js';
import type { Talk } from '../core/talk.js';
import type { DailyScheduleLine, HomeView, View } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import { buildHome } from './home.js';
import { nextPost, scheduleLine } from './lines.js';
import { PersonalDaily } from './personal.js';
import { describeProblem } from './problems.js';
import type { DailyScheduler } from './scheduler.js';
import { postKey } from './scheduler.js';
import { type DailyStore, type Platform, type Schedule, scheduleId } from './store.js';
import { formatInZone, localDate } from './time.js';
import { checkWhen } from './validate.js';

/** Schedules a status answer lists at once (Slack and Discord both stay well within their limits). */
export const STATUS_PAGE_SIZE = 15;

export interface DailyContext {
  platform: Platform;
  /** Discord guild or Slack team; in a Discord DM outside a server, the user's own id. */
  workspace: string;
  /** The user asking (their id is kept as the schedule's owner). */
  user: string;
  isAdmin: boolean;
  /** The channel the command was typed in: the default for `preview`. */
  here: string;
  /** Says what stops the bot from posting in a channel (and opening threads there), or undefined when it can. */
  checkChannel: (channel: string, needs?: { thread?: boolean }) => Promise<Bilingual | undefined>;
  /**
   * Resolves a mention as given (a Discord role id, a Slack `<!subteam^…>` token) to the id to store, or says
   * why it cannot be used. Without it the mention is stored as given.
   */
  checkMention?: (mention: string, channel: string) => Promise<{ id: string } | { problem: Bilingual }>;
  /** Outside a server (a Discord DM): only personal takeaways can be set here. */
  personalOnly?: boolean;
}

export class DailyService {
  private readonly personal: PersonalDaily;

  constructor(
    private readonly store: DailyStore,
    private readonly talk: Talk,
    private readonly scheduler: DailyScheduler,
    private readonly now: () => number = Date.now,
  ) {
    this.personal = new PersonalDaily(store, talk, now);
  }

  async handle(request: DailyRequest, ctx: DailyContext): Promise<View> {
    const { lang } = request;
    if (request.extra !== undefined) return this.refuseExtra(request);
    if (ctx.personalOnly && !['me', 'status', 'help'].includes(request.action))
      return this.talk.error(lang, 'daily-unavailable', {
        en: 'Channel schedules are set in a server. Here you can have your own: `/talk daily me 08:00 Asia/Shanghai`.',
        zh: '频道的每日要点需要在服务器里设置。在这里可以设置你自己的:`/talk daily me 08:00 Asia/Shanghai`。',
      });
    switch (request.action) {
      case 'me':
        return this.personal.me(request, ctx);
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

  /** The Slack Home tab's contents for this user. */
  home(ctx: DailyContext, lang: Lang): Promise<HomeView> {
    return buildHome(this.store, this.talk, ctx, lang, this.now());
  }

  /** A channel's schedule as a status line (to fill a form for changing it), if it has one. */
  async lineFor(ctx: DailyContext, channel: string): Promise<DailyScheduleLine | undefined> {
    const schedule = await this.store.getSchedule(scheduleId(ctx.platform, ctx.workspace, channel));
    return schedule?.target === 'channel' ? scheduleLine(this.store, schedule, this.now()) : undefined;
  }

  private refuseExtra(request: DailyRequest): View {
    const usage =
      request.action === 'me'
        ? 'daily me 08:00 Asia/Shanghai weekdays'
        : 'daily set #channel 09:00 Europe/Berlin --days mon-fri';
    return this.talk.invalid(request.lang, {
      en: `I don't know what to do with “${echo(request.extra ?? '')}”. For example: \`/talk ${usage}\`.`,
      zh: `无法理解“${echo(request.extra ?? '')}”。例如:\`/talk ${usage}\`。`,
    });
  }

  /** The refusal for someone who may not change schedules here, or undefined for an admin. */
  refuseNonAdmin(lang: Lang, ctx: DailyContext): View | undefined {
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
    const when = checkWhen(request);
    if (!when.ok) return { ...this.talk.invalid(lang, when.message), field: when.field };
    const problem = await ctx.checkChannel(request.channel, { thread: request.thread === true });
    if (problem) return { ...this.talk.error(lang, 'cannot-post', problem), field: 'channel' };
    let mention: string | undefined;
    if (request.mention !== undefined) {
      const checked = ctx.checkMention
        ? await ctx.checkMention(request.mention, request.channel)
        : { id: request.mention };
      if ('problem' in checked) return { ...this.talk.invalid(lang, checked.problem), field: 'mention' };
      mention = checked.id;
    }
    const schedule = await this.store.saveSchedule(
      {
        platform: ctx.platform,
        workspace: ctx.workspace,
        channel: request.channel,
        ...when.value,
        lang,
        setBy: ctx.user,
        source: 'command',
        thread: request.thread === true,
        mention,
        target: 'channel',
      },
      this.now(),
    );
    return {
      kind: 'daily-changed',
      lang,
      change: 'set',
      channel: schedule.channel,
      target: 'channel',
      schedule: await scheduleLine(this.store, schedule, this.now()),
      actions: [],
    };
  }

  private async off(lang: Lang, channel: string | undefined, ctx: DailyContext): Promise<View> {
    const refused = this.refuseNonAdmin(lang, ctx);
    if (refused) return refused;
    const schedules = await this.channelSchedules(ctx);
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
    return {
      kind: 'daily-changed',
      lang,
      change: 'off',
      channel: target.channel,
      target: 'channel',
      actions: [],
    };
  }

  /** The workspace's channel schedules (personal ones are their owners' own business). */
  private async channelSchedules(ctx: DailyContext): Promise<Schedule[]> {
    const all = await this.store.listSchedules({ platform: ctx.platform, workspace: ctx.workspace });
    return all.filter((s) => s.target === 'channel');
  }

  /**
   * Every channel schedule here, then the asker's own personal one, a page at a time, with Previous and Next
   * when there are more.
   */
  private async status(lang: Lang, ctx: DailyContext, page: number): Promise<View> {
    const mine = await this.store.getSchedule(scheduleId(ctx.platform, ctx.workspace, ctx.user));
    const schedules = [
      ...(ctx.personalOnly ? [] : await this.channelSchedules(ctx)),
      ...(mine?.target === 'user' ? [mine] : []),
    ];
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
      schedules: await Promise.all(shown.map((s) => scheduleLine(this.store, s, this.now()))),
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
    if (schedule?.target !== 'channel')
      return this.talk.error(lang, 'no-schedule', {
        en: `${channelRef(channel)} has no daily takeaway yet. An admin can start one with \`/talk daily set\`.`,
        zh: `${channelRef(channel)} 还没有每日要点。管理员可以用 \`/talk daily set\` 开启。`,
      });
    const ids = this.talk.content.takeaways.map((t) => t.id);
    const { takeawayId } = channelRotation(ids, id)(await this.store.rotation(id));
    const at = nextPost(schedule, this.now(), await this.store.lastPost(id));
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
    if (schedule?.target !== 'channel') {
      return this.talk.error(lang, 'no-schedule', {
        en: 'Set a daily takeaway for that channel first: `/talk daily set`.',
        zh: '请先用 `/talk daily set` 为该频道设置每日要点。',
      });
    }
    const outcome = await this.scheduler.postNow(schedule);
    if (outcome === 'posted' || outcome === 'recovered')
      return { kind: 'daily-changed', lang, change: 'posted', channel, target: 'channel', actions: [] };
    if (outcome === 'done')
      return {
        kind: 'daily-changed',
        lang,
        change: 'already-posted',
        channel,
        target: 'channel',
        actions: [],
      };
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
}
