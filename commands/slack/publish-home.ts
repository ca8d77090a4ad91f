/** Publishes a user's Home tab (on opening it, and after a change made there), in their language. */
import type { webApi } from '@slack/bolt';
import type { HomeView } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { renderHome } from '../../src/render/slack-home.js';
import { slackDailyContext } from './daily.js';
import type { SlackDeps } from './deps.js';

/** The user's remembered language, or Chinese with English. */
export async function langOf(deps: SlackDeps, user: string): Promise<Lang> {
  return (await deps.prefs?.remembered('slack', user)) ?? 'both';
}

export async function publishHome(
  client: webApi.WebClient,
  deps: SlackDeps,
  team: string,
  user: string,
): Promise<void> {
  const lang = await langOf(deps, user);
  let view: HomeView;
  if (deps.daily) {
    const ctx = await slackDailyContext(client, { team, user, channel: '' }, deps.dailyAdmins);
    view = await deps.daily.home(ctx, lang);
  } else {
    const takeaway = deps.talk.handle({ sub: 'takeaway', lang });
    if (takeaway.kind !== 'takeaway') throw new Error('no takeaway for today');
    const topics = deps.talk.topics(lang).topics.map(({ id, title }) => ({ id, title }));
    view = { kind: 'home', lang, takeaway, topics, schedules: [], more: 0, isAdmin: false };
  }
  await client.views.publish({ user_id: user, view: renderHome(view) as never });
}
