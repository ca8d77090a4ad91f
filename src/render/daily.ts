/**
 * Wording for daily-post views, shared by every renderer; each platform only says how to show a channel
 * and a moment in the reader's own time zone.
 */
import type { Bilingual } from '../content/schema.js';
import { linkChannels } from '../core/markup.js';
import type { DailyChangedView, DailyScheduleLine, DailyStatusView } from '../core/views.js';

export interface DailyFormat {
  channel: (id: string) => string;
  /** The instant in the reader's own time zone, where the platform can show that. */
  viewerTime?: (epochMs: number) => string;
  /** Escapes text that came from outside (error messages). */
  escape?: (text: string) => string;
}

export function describeSchedule(line: DailyScheduleLine, f: DailyFormat): Bilingual {
  const yours = f.viewerTime ? ` · ${f.viewerTime(line.next.epochMs)}` : '';
  const last = line.lastPost
    ? ` · last ${line.lastPost.date}${line.lastPost.delayed ? ' (delayed)' : ''}`
    : ' · not posted yet';
  const lastZh = line.lastPost
    ? ` · 上次 ${line.lastPost.date}${line.lastPost.delayed ? '(延迟)' : ''}`
    : ' · 尚未发布';
  // The problem texts are ours (what is wrong and what to do); channels in them become links.
  const ours = (t: string) => linkChannels(t, f.channel);
  const error = line.lastError && !line.paused ? ` · last problem: ${ours(line.lastError.en)}` : '';
  const errorZh = line.lastError && !line.paused ? ` · 最近问题:${ours(line.lastError.zh)}` : '';
  const paused = line.paused
    ? ` · PAUSED after repeated failures: ${ours(line.paused.en)} Set it again when fixed.`
    : '';
  const pausedZh = line.paused ? ` · 已暂停(多次失败):${ours(line.paused.zh)}修复后请重新设置。` : '';
  return {
    en: `${f.channel(line.channel)} · ${line.time} ${line.zone} · ${line.lang} · next ${line.next.local} (${line.next.utc})${yours}${last}${error}${paused}`,
    zh: `${f.channel(line.channel)} · ${line.zone} ${line.time} · ${line.lang} · 下次 ${line.next.local}(${line.next.utc})${yours}${lastZh}${errorZh}${pausedZh}`,
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
  switch (view.change) {
    case 'set': {
      const s = view.schedule!;
      const yours = f.viewerTime ? `, ${f.viewerTime(s.next.epochMs)} for you` : '';
      return {
        en: `Daily takeaway set for ${channel} at ${s.time} ${s.zone}. Next post: ${s.next.local} (${s.next.utc}${yours}).`,
        zh: `已为 ${channel} 设置每日要点:${s.zone} ${s.time}。下次发布:${s.next.local}(${s.next.utc})。`,
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
