/**
 * What a Slack Home tab shows a user, as a view model: today's takeaway, the topics (each opens a summary),
 * the workspace's channel schedules with their next post and last result, and the user's own personal
 * takeaway. Whether they may change schedules there is the adapter's answer (admins), passed in.
 */
import type { Talk } from '../core/talk.js';
import type { HomeView } from '../core/views.js';
import type { Lang } from '../core/vocabulary.js';
import { scheduleLine } from './lines.js';
import type { DailyContext } from './service.js';
import { type DailyStore, scheduleId } from './store.js';

/** Schedules listed in the tab; more are counted (`daily status` pages through them all). */
export const HOME_SCHEDULES_MAX = 20;

export async function buildHome(
  store: DailyStore,
  talk: Talk,
  ctx: DailyContext,
  lang: Lang,
  now: number,
): Promise<HomeView> {
  const all = await store.listSchedules({ platform: ctx.platform, workspace: ctx.workspace });
  const channels = all.filter((s) => s.target === 'channel');
  const mine = all.find(
    (s) => s.id === scheduleId(ctx.platform, ctx.workspace, ctx.user) && s.target === 'user',
  );
  // The same takeaway `/talk takeaway` answers today.
  const takeaway = talk.handle({ sub: 'takeaway', lang });
  if (takeaway.kind !== 'takeaway') throw new Error('no takeaway for today');
  return {
    kind: 'home',
    lang,
    takeaway: { ...takeaway, actions: [] },
    topics: talk.topics(lang).topics.map(({ id, title }) => ({ id, title })),
    schedules: await Promise.all(
      channels.slice(0, HOME_SCHEDULES_MAX).map((s) => scheduleLine(store, s, now)),
    ),
    more: Math.max(0, channels.length - HOME_SCHEDULES_MAX),
    ...(mine ? { personal: await scheduleLine(store, mine, now) } : {}),
    isAdmin: ctx.isAdmin,
  };
}
