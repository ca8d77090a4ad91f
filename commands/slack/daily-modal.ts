/**
 * The Home tab's schedule form (a modal) for admins: opened by Add or Change, its zone select searched as
 * the user types, its submission checked field by field (`response_action: 'errors'` puts a refusal under
 * its field), then saved through the same daily service as `/talk daily set|off`, and the Home tab
 * published again.
 */
import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { DailyRequest } from '../../src/core/actions.js';
import { linkChannels } from '../../src/core/markup.js';
import type { View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { suggestZones } from '../../src/daily/time.js';
import { ui } from '../../src/render/common.js';
import {
  DAILY_MODAL,
  FORM_REFUSALS,
  readForm,
  scheduleForm,
  ZONE_ACTION,
} from '../../src/render/slack-form.js';
import { answerModal } from '../../src/render/slack-home.js';
import { slackDailyContext, userGroups } from './daily.js';
import type { SlackDeps } from './deps.js';
import { langOf, publishHome } from './publish-home.js';

/** An error under a field is plain text shown in a small space: kept short. */
const FIELD_ERROR_MAX = 300;

export async function openScheduleForm(
  client: webApi.WebClient,
  deps: SlackDeps,
  body: BlockButtonAction,
  channel: string | undefined,
): Promise<void> {
  const team = body.team?.id ?? body.user.team_id ?? '';
  const lang = await langOf(deps, body.user.id);
  const open = (view: Record<string, unknown>) =>
    client.views.open({ trigger_id: body.trigger_id, view: view as never });
  if (!deps.daily)
    return void (await open(
      answerModal(deps.talk.handle({ sub: 'daily', lang, action: 'help' }), {
        en: 'Daily takeaway',
        zh: '每日要点',
      }),
    ));
  const ctx = await slackDailyContext(client, { team, user: body.user.id, channel: '' }, deps.dailyAdmins);
  const refused = deps.daily.refuseNonAdmin(lang, ctx);
  if (refused) return void (await open(answerModal(refused, { en: 'Daily takeaway', zh: '每日要点' })));
  const editing = channel ? await deps.daily.lineFor(ctx, channel) : undefined;
  const groups = await userGroups(client);
  await open(scheduleForm({ lang, editing, groups: 'error' in groups ? undefined : groups }));
}

/** A refusal as plain text under a field; our channel markers become words (plain text shows no links). */
function fieldError(view: View, lang: Lang): string {
  const message = view.kind === 'error' ? ui(lang, view.message) : '';
  const text = linkChannels(message, () => (lang === 'zh' ? '该频道' : 'that channel'));
  return text.length > FIELD_ERROR_MAX ? `${text.slice(0, FIELD_ERROR_MAX - 1)}…` : text;
}

export function registerScheduleForm(app: App, deps: SlackDeps): void {
  app.options(ZONE_ACTION, async ({ options, ack }) => {
    const value = 'value' in options ? String(options.value ?? '') : '';
    await ack({
      options: suggestZones(value).map((zone) => ({ text: { type: 'plain_text', text: zone }, value: zone })),
    });
  });

  app.view(DAILY_MODAL, async ({ ack, body, view, client }) => {
    const user = body.user.id;
    const team = body.team?.id ?? view.team_id;
    const lang = await langOf(deps, user);
    const form = readForm(view.state.values as never, view.private_metadata);
    const refuse = (errors: Record<string, string>) => ack({ response_action: 'errors', errors });
    if (!deps.daily)
      return refuse({ time: fieldError(deps.talk.handle({ sub: 'daily', lang, action: 'set' }), lang) });
    const ctx = await slackDailyContext(client, { team, user, channel: '' }, deps.dailyAdmins);
    const notAdmin = deps.daily.refuseNonAdmin(lang, ctx);
    if (notAdmin) return refuse({ time: fieldError(notAdmin, lang) });
    const daily = (request: Omit<DailyRequest, 'sub'>) =>
      deps.daily!.handle({ sub: 'daily', ...request }, ctx);
    if (form.stop && form.editing) {
      await ack();
      await daily({ lang, action: 'off', channel: form.editing });
      return publishHome(client, deps, team, user);
    }
    if (!form.channel) return refuse({ channel: ui(lang, FORM_REFUSALS.channel) });
    if (form.days.length === 0) return refuse({ days: ui(lang, FORM_REFUSALS.days) });
    const saved = await daily({
      lang: form.lang ?? lang,
      action: 'set',
      channel: form.channel,
      time: form.time,
      zone: form.zone,
      days: form.days.join(','),
      thread: form.thread,
      ...(form.mention ? { mention: form.mention } : {}),
    });
    if (saved.kind === 'error') return refuse({ [saved.field ?? 'channel']: fieldError(saved, lang) });
    await ack();
    // Picking another channel while changing a schedule moves it there.
    if (form.editing && form.editing !== form.channel)
      await daily({ lang, action: 'off', channel: form.editing });
    await publishHome(client, deps, team, user);
  });
}
