/**
 * The Slack Home tab: published when a user opens it (`app_home_opened` → `views.publish`) and again after
 * they change a schedule there. Its topic buttons and search box open the answer in a modal (a Home tab
 * action has no response_url); its schedule buttons open the form in daily-modal.ts.
 */
import type { App, BlockButtonAction, BlockPlainTextInputAction } from '@slack/bolt';
import { newErrorId } from '../../src/core/errors.js';
import { answerModal, HOME_ACTIONS } from '../../src/render/slack-home.js';
import { SLACK_SEARCH_PAGE_MAX } from '../../src/render/slack-limits.js';
import { openScheduleForm } from './daily-modal.js';
import type { SlackDeps } from './deps.js';
import { langOf, publishHome } from './publish-home.js';

/** Runs a Home tab handler, tracked for shutdown; a failure is logged with an id (there is no reply to send). */
function guarded(deps: SlackDeps, name: string, work: () => Promise<void>): Promise<void> {
  return deps.inflight.track(
    work().catch((error: unknown) =>
      deps.log.error('slack home failed', { name, errorId: newErrorId(), error }),
    ),
  );
}

export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    await guarded(deps, 'home', () => publishHome(client, deps, body.team_id, event.user));
  });

  app.action<BlockButtonAction>(
    new RegExp(`^${HOME_ACTIONS.summary}:`),
    async ({ ack, action, body, client }) => {
      await ack();
      await guarded(deps, 'home summary', async () => {
        const lang = await langOf(deps, body.user.id);
        const view = deps.talk.handle({ sub: 'summary', lang, topic: action.value ?? '' });
        await client.views.open({
          trigger_id: body.trigger_id,
          view: answerModal(view, { en: 'Summary', zh: '总结' }) as never,
        });
      });
    },
  );

  app.action<BlockPlainTextInputAction>(HOME_ACTIONS.search, async ({ ack, action, body, client }) => {
    await ack();
    await guarded(deps, 'home search', async () => {
      const lang = await langOf(deps, body.user.id);
      const view = deps.talk.handle({
        sub: 'search',
        lang,
        query: action.value ?? '',
        limit: SLACK_SEARCH_PAGE_MAX[lang],
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: answerModal(view, { en: 'Search', zh: '搜索' }) as never,
      });
    });
  });

  app.action<BlockButtonAction>(HOME_ACTIONS.add, async ({ ack, body, client }) => {
    await ack();
    await guarded(deps, 'home add', () => openScheduleForm(client, deps, body, undefined));
  });

  app.action<BlockButtonAction>(HOME_ACTIONS.change, async ({ ack, action, body, client }) => {
    await ack();
    await guarded(deps, 'home change', () => openScheduleForm(client, deps, body, action.value));
  });
}
