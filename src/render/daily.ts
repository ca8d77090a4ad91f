/**
 * Wording for daily-post views, shared by every renderer; each platform only says how to show a channel
 * and a moment in the reader's own time zone.
 */
import type { Bilingual } from '../content/schema.js';
import { renderMarkers } from '../core/markup.js';
import type { DailyChangedView, DailyScheduleLine, DailyStatusView } from '../core/views.js';
import { describeDays } from '../daily/days.js';

export interface DailyFormat {
  channel: (id: string) => string;
  /** The role or user group a schedule mentions, shown without pinging anyone. */
  mention: (id: string) => string;
  /** The instant in the reader's own time zone, where the platform can show that. */
  viewerTime?: (epochMs: number) => string;
  /** Escapes text that came from outside (a platform's error message) for the platform's markup. */
  escape: (text: string) => string;
}

/** Where a schedule posts, its days (when not every day), thread and mention: the parts after its time. */
function settings(line: DailyScheduleLine, f: DailyFormat): { where: Bilingual; extra: Bilingual } {
  const days = line.days.length > 0 ? describeDays(line.days) : undefined;
  const mention = line.mention ? f.mention(line.mention) : undefined;
  return {
    where:
      line.target === 'user'
        ? { en: 'your direct messages', zh: '你的私信' }
        : { en: f.channel(line.channel), zh: f.channel(line.channel) },
    extra: {
      en: `${days ? ` · ${days.en}` : ''}${line.thread ? ' · with a thread' : ''}${mention ? ` · mentions ${mention}` : ''}`,
      zh: `${days ? ` · ${days.zh}` : ''}${line.thread ? ' · 附讨论串' : ''}${mention ? ` · 提及 ${mention}` : ''}`,
    },
  };
}

export function describeSchedule(line: DailyScheduleLine, f: DailyFormat): Bilingual {
  const { where, extra } = settings(line, f);
  const yours = f.viewerTime ? ` · ${f.viewerTime(line.next.epochMs)}` : '';
  const last = line.lastPost
    ? ` · last ${line.lastPost.date}${line.lastPost.delayed ? ' (delayed)' : ''}`
    : ' · not posted yet';
  const lastZh = line.lastPost
    ? ` · 上次 ${line.lastPost.date}${line.lastPost.delayed ? '(延迟)' : ''}`
    : ' · 尚未发布';
  // The problem texts are ours (what is wrong and what to do); channels in them become links, and a
  // platform's own error message quoted in them is escaped.
  const ours = (t: string) => renderMarkers(t, { channel: f.channel, outside: f.escape });
  const error = line.lastError && !line.paused ? ` · last problem: ${ours(line.lastError.en)}` : '';
  const errorZh = line.lastError && !line.paused ? ` · 最近问题:${ours(line.lastError.zh)}` : '';
  const paused = line.paused
    ? ` · PAUSED after repeated failures: ${ours(line.paused.en)} Set it again when fixed.`
    : '';
  const pausedZh = line.paused ? ` · 已暂停(多次失败):${ours(line.paused.zh)}修复后请重新设置。` : '';
  return {
    en: `${where.en} · ${line.time} ${line.zone}${extra.en} · ${line.lang} · next ${line.next.local} (${line.next.utc})${yours}${last}${error}${paused}`,
    zh: `${where.zh} · ${line.zone} ${line.time}${extra.zh} · ${line.lang} · 下次 ${line.next.local}(${line.next.utc})${yours}${lastZh}${errorZh}${pausedZh}`,
  };
}

export function describeStatus(
  view: DailyStatusView,
  f: DailyFormat,
): { title: Bilingual; lines: Bilingual[] } {
  if (view.schedules.length === 0) {
    return {
      title: { en: 'No daily takeaways are scheduled here.', zh: '这里还没有设置每日要点。' },
      lines: [
        {
          en: 'An admin can start one with `/talk daily set #channel 09:00 Europe/Berlin`.',
          zh: '管理员可以用 `/talk daily set #频道 09:00 Asia/Shanghai` 开启。',
        },
        {
          en: 'Anyone can have their own by direct message: `/talk daily me 08:00 Asia/Shanghai`.',
          zh: '每个人都可以设置发给自己的私信:`/talk daily me 08:00 Asia/Shanghai`。',
        },
      ],
    };
  }
  const paged = view.pageCount > 1;
  return {
    title: {
      en: `Daily takeaways (${view.total})${paged ? ` · page ${view.page}/${view.pageCount}` : ''}`,
      zh: `每日要点(${view.total} 个频道)${paged ? ` · 第 ${view.page}/${view.pageCount} 页` : ''}`,
    },
    lines: [
      ...view.schedules.map((line) => describeSchedule(line, f)),
      ...(view.after > 0
        ? [
            {
              en: `…and ${view.after} more: Next shows them.`,
              zh: `……还有 ${view.after} 个:点“下一页”查看。`,
            },
          ]
        : []),
    ],
  };
}

export function describeChange(view: DailyChangedView, f: DailyFormat): Bilingual {
  const channel = f.channel(view.channel);
  if (view.target === 'user') return describePersonalChange(view, f);
  switch (view.change) {
    case 'set': {
      const s = view.schedule!;
      const yours = f.viewerTime ? `, ${f.viewerTime(s.next.epochMs)} for you` : '';
      const { extra } = settings(s, f);
      return {
        en: `Daily takeaway set for ${channel} at ${s.time} ${s.zone}${extra.en}. Next post: ${s.next.local} (${s.next.utc}${yours}).`,
        zh: `已为 ${channel} 设置每日要点:${s.zone} ${s.time}${extra.zh}。下次发布:${s.next.local}(${s.next.utc})。`,
      };
    }
    case 'off':
      return { en: `Daily takeaway stopped for ${channel}.`, zh: `已停止 ${channel} 的每日要点。` };
    case 'posted':
      return { en: `Posted today's takeaway to ${channel}.`, zh: `已向 ${channel} 发布今日要点。` };
    case 'already-posted':
      return { en: `${channel} already has today's takeaway.`, zh: `${channel} 今天已经发布过要点了。` };
  }
}

function describePersonalChange(view: DailyChangedView, f: DailyFormat): Bilingual {
  if (view.change !== 'set' || !view.schedule)
    return { en: 'Your personal daily takeaway is stopped.', zh: '已停止你的个人每日要点。' };
  const s = view.schedule;
  const { extra } = settings(s, f);
  const yours = f.viewerTime ? `, ${f.viewerTime(s.next.epochMs)} for you` : '';
  return {
    en: `Your daily takeaway will come by direct message at ${s.time} ${s.zone}${extra.en}. Next: ${s.next.local} (${s.next.utc}${yours}). \`/talk daily me off\` stops it.`,
    zh: `你的每日要点将以私信发送:${s.zone} ${s.time}${extra.zh}。下次:${s.next.local}(${s.next.utc})。用 \`/talk daily me off\` 停止。`,
  };
}
