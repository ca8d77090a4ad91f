/**
 * `/talk daily me 08:00 Asia/Shanghai [days] [lang]` and `daily me off`: a personal takeaway, sent to the
 * user by direct message at their own time. It is a schedule like a channel's (same store, same claims, so
 * the same exactly-once rules), with target `user` and the user's id as its channel; the platform opens
 * the direct message when it posts. Anyone may set their own; no admin is needed.
 */
import type { DailyRequest } from '../core/actions.js';
import type { Talk } from '../core/talk.js';
import type { View } from '../core/views.js';
import { scheduleLine } from './lines.js';
import type { DailyContext } from './service.js';
import { type DailyStore, scheduleId } from './store.js';
import { checkWhen } from './validate.js';

const EXAMPLE = {
  en: 'Say when, in your time zone: `/talk daily me 08:00 Asia/Shanghai` (add `weekdays` or `mon,wed,fri` for some days only, `zh`, `en` or `both` for the language); `/talk daily me off` stops it.',
  zh: '请给出你所在时区的时间:`/talk daily me 08:00 Asia/Shanghai`(可加 `weekdays` 或 `mon,wed,fri` 只在某些天发送,加 `zh`、`en` 或 `both` 选择语言);`/talk daily me off` 停止。',
};

export class PersonalDaily {
  constructor(
    private readonly store: DailyStore,
    private readonly talk: Talk,
    private readonly now: () => number,
  ) {}

  async me(request: DailyRequest, ctx: DailyContext): Promise<View> {
    const { lang } = request;
    const id = scheduleId(ctx.platform, ctx.workspace, ctx.user);
    if (request.off) {
      const existing = await this.store.getSchedule(id);
      if (existing?.target !== 'user' || !(await this.store.disableSchedule(id, this.now())))
        return this.talk.error(lang, 'no-schedule', {
          en: 'You have no personal daily takeaway to stop.',
          zh: '你没有可停止的个人每日要点。',
        });
      return { kind: 'daily-changed', lang, change: 'off', channel: ctx.user, target: 'user', actions: [] };
    }
    if (request.time === undefined && request.zone === undefined) return this.talk.invalid(lang, EXAMPLE);
    if (request.thread || request.mention !== undefined)
      return this.talk.invalid(lang, {
        en: 'Threads and mentions are for channel posts; your personal takeaway comes as a direct message.',
        zh: '讨论串和提及只用于频道发布;个人要点以私信发送。',
      });
    const when = checkWhen(request);
    if (!when.ok) return this.talk.invalid(lang, when.message);
    const schedule = await this.store.saveSchedule(
      {
        platform: ctx.platform,
        workspace: ctx.workspace,
        channel: ctx.user,
        ...when.value,
        lang,
        setBy: ctx.user,
        source: 'command',
        target: 'user',
      },
      this.now(),
    );
    return {
      kind: 'daily-changed',
      lang,
      change: 'set',
      channel: ctx.user,
      target: 'user',
      schedule: await scheduleLine(this.store, schedule, this.now()),
      actions: [],
    };
  }
}
