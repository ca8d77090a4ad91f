/**
 * The Slack Home tab through the real bolt App in HTTP mode: published on `app_home_opened`, its buttons
 * and search box answering in modals, and its form (channel, time, zone with search, days, language,
 * thread, user group) creating, changing and stopping a schedule, with refusals under their fields.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDailyPoster } from '../../commands/slack/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { LangPrefs } from '../../src/core/prefs.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import {
  CHANNEL,
  FakeSlack,
  SIGNING_SECRET,
  sendEventToApp,
  sendToApp,
  TEAM_ID,
  viewPayload,
} from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';
import { startSlackHttp } from './slack-app.js';

const ADMIN = 'UADMIN001';
const MEMBER = 'UMEMBER01';
const GROUP = 'S0AITEAM1';
let fake: FakeSlack;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let store: SqliteStore;
let scheduler: DailyScheduler;
// Friday 2026-03-27, 06:00 UTC (07:00 in Berlin).
let now = Date.parse('2026-03-27T06:00:00Z');

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.admins.add(ADMIN);
  fake.userGroups.push({ id: GROUP, handle: 'ai-team', name: 'AI team' });
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-home-')), 'talk.sqlite'));
  const talk = makeTalk();
  const log = createLogger('silent');
  const posters = {};
  scheduler = new DailyScheduler({ store, talk, posters, now: () => now, owner: 'test', log });
  app = await startSlackHttp({
    talk,
    cooldown: new Cooldown(0),
    log,
    botToken: 'xoxb-home-test',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    daily: new DailyService(store, talk, scheduler, () => now),
    prefs: new LangPrefs(store, log),
  });
  Object.assign(posters, { slack: new SlackDailyPoster(app.bot.client, () => app.bot.botId, log) });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await store?.close();
});

/** Opens the Home tab as `user` and returns the view published for them. */
async function openHome(user = ADMIN): Promise<any> {
  const published = fake.waitFor((r) => r.path === 'views.publish' && r.body.user_id === user);
  expect(
    (await sendEventToApp(app.port, { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' }))
      .status,
  ).toBe(200);
  return JSON.parse((await published).body.view);
}

/** Clicks something on the Home tab; resolves with the modal it opens. */
async function onHome(user: string, action: Record<string, unknown>): Promise<any> {
  const opened = fake.waitFor((r) => r.path === 'views.open');
  const body = viewPayload('block_actions', user, {
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', team_id: TEAM_ID },
    actions: [{ block_id: 'b', action_ts: '1.2', ...action }],
  });
  expect((await sendToApp(app.port, body)).status).toBe(200);
  const request = (await opened).body;
  expect(request.trigger_id).toMatch(/^trigger-/);
  return JSON.parse(request.view);
}

interface Form {
  channel?: string;
  time?: string;
  zone?: string;
  days?: string[];
  lang?: string;
  thread?: boolean;
  mention?: string;
  stop?: boolean;
}

/** Submits the schedule form; resolves with Slack's view of the answer (empty: accepted). */
async function submit(form: Form, user = ADMIN, privateMetadata = '{}'): Promise<any> {
  const values: Record<string, Record<string, unknown>> = {
    channel: { channel: { type: 'conversations_select', selected_conversation: form.channel ?? null } },
    time: { time: { type: 'timepicker', selected_time: form.time ?? null } },
    zone: {
      talk_zone: { type: 'external_select', selected_option: form.zone ? { value: form.zone } : null },
    },
    days: { days: { type: 'checkboxes', selected_options: (form.days ?? []).map((value) => ({ value })) } },
    lang: { lang: { type: 'static_select', selected_option: { value: form.lang ?? 'both' } } },
    thread: { thread: { type: 'checkboxes', selected_options: form.thread ? [{ value: 'thread' }] : [] } },
    mention: { mention: { type: 'static_select', selected_option: { value: form.mention ?? 'none' } } },
    stop: { stop: { type: 'checkboxes', selected_options: form.stop ? [{ value: 'stop' }] : [] } },
  };
  const body = viewPayload('view_submission', user, {
    view: {
      id: 'VFORM',
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: 'talk_daily_modal',
      private_metadata: privateMetadata,
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'Daily takeaway' },
      blocks: [],
      app_id: 'A1',
      bot_id: 'BBOT',
    },
    response_urls: [],
  });
  const res = await sendToApp(app.port, body);
  expect(res.status).toBe(200);
  return res.text ? JSON.parse(res.text) : {};
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const text = (view: any) => JSON.stringify(view.blocks);

describe('the Slack Home tab through the real bolt App', () => {
  it('is published on app_home_opened: today’s takeaway, a button per topic, a search box, Add for admins', async () => {
    const home = await openHome();
    expect(home.type).toBe('home');
    expect(home.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Takeaway of the day · 2026-11-28' },
    });
    expect(text(home)).toContain("Takeaway written by this project from Yang Zhilin's talk");
    const topics = home.blocks.find((b: any) => b.block_id === 'talk_home_topics');
    expect(topics.elements).toHaveLength(15);
    expect(topics.elements[0]).toMatchObject({ action_id: 'talk_home:summary:overview', value: 'overview' });
    const search = home.blocks.find((b: any) => b.type === 'input');
    expect(search).toMatchObject({
      dispatch_action: true,
      element: { type: 'plain_text_input', action_id: 'talk_home:search' },
    });
    expect(text(home)).toContain('No channel gets a daily takeaway yet.');
    expect(text(home)).toContain('"action_id":"talk_home:add"');
    expect(text(home)).toContain('/talk daily me 08:00 Asia/Shanghai');
  });

  it('shows members the same without the admin buttons, and ignores the Messages tab', async () => {
    const home = await openHome(MEMBER);
    expect(text(home)).not.toContain('talk_home:add');
    expect(text(home)).toContain('Workspace admins can add, change and stop these here');
    const before = fake.api.filter((r) => r.path === 'views.publish').length;
    await sendEventToApp(app.port, {
      type: 'app_home_opened',
      user: MEMBER,
      channel: 'D0HOME',
      tab: 'messages',
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.api.filter((r) => r.path === 'views.publish').length).toBe(before);
  });

  it('opens a topic’s summary in a modal: credited as this project’s writing, without buttons', async () => {
    const modal = await onHome(MEMBER, {
      type: 'button',
      action_id: 'talk_home:summary:scaling-law',
      value: 'scaling-law',
    });
    expect(modal).toMatchObject({ type: 'modal', title: { text: 'Summary' } });
    expect(text(modal)).toContain('Summary written by this project');
    expect(modal.blocks.some((b: any) => b.type === 'actions')).toBe(false);
  });

  it('answers the search box in a modal', async () => {
    const modal = await onHome(MEMBER, {
      type: 'plain_text_input',
      action_id: 'talk_home:search',
      value: 'data wall',
    });
    expect(modal.title.text).toBe('Search');
    expect(text(modal)).toContain('*Search:* data wall');
  });

  it('Add opens the form: channel picker, time, zone select with search, days, language, thread, user groups', async () => {
    const form = await onHome(ADMIN, { type: 'button', action_id: 'talk_home:add', value: 'add' });
    expect(form).toMatchObject({
      type: 'modal',
      callback_id: 'talk_daily_modal',
      title: { text: 'Daily takeaway' },
    });
    const element = (id: string) => form.blocks.find((b: any) => b.block_id === id).element;
    expect(element('channel').type).toBe('conversations_select');
    expect(element('time')).toMatchObject({ type: 'timepicker', initial_time: '09:00' });
    expect(element('zone')).toMatchObject({
      type: 'external_select',
      action_id: 'talk_zone',
      min_query_length: 0,
    });
    expect(element('days').options.map((o: any) => o.value)).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
    ]);
    expect(element('days').initial_options).toHaveLength(7);
    expect(element('lang').options.map((o: any) => o.value)).toEqual(['both', 'zh', 'en']);
    expect(element('thread').options[0].value).toBe('thread');
    expect(element('mention').options.map((o: any) => o.text.text)).toEqual(['No mention', '@ai-team']);
    expect(form.blocks.some((b: any) => b.block_id === 'stop')).toBe(false);
  });

  it('searches zones as the admin types in the zone select', async () => {
    const body = viewPayload('block_suggestion', ADMIN, {
      action_id: 'talk_zone',
      block_id: 'zone',
      value: 'berl',
      container: { type: 'view', view_id: 'VFORM' },
      view: { id: 'VFORM', type: 'modal', callback_id: 'talk_daily_modal', team_id: TEAM_ID },
    });
    const res = await sendToApp(app.port, body);
    expect(JSON.parse(res.text).options[0]).toEqual({
      text: { type: 'plain_text', text: 'Europe/Berlin' },
      value: 'Europe/Berlin',
    });
  });

  it('refuses bad fields under them and changes nothing', async () => {
    const good: Form = { channel: CHANNEL, time: '09:00', zone: 'Europe/Berlin', days: WEEKDAYS };
    expect(await submit({ ...good, days: [] })).toEqual({
      response_action: 'errors',
      errors: { days: 'Tick at least one day.' },
    });
    expect(await submit({ ...good, channel: undefined })).toEqual({
      response_action: 'errors',
      errors: { channel: 'Pick the channel to post in.' },
    });
    expect((await submit({ ...good, zone: undefined })).errors.zone).toContain('is not a time zone I know');
    expect((await submit({ ...good, channel: 'CNOTMEMBER' })).errors.channel).toBe(
      "I'm not in that channel yet. Invite me there with `/invite @talk`, then set the schedule again.",
    );
    expect((await submit({ ...good, mention: 'S0GONE001' })).errors.mention).toContain(
      "That user group isn't in this workspace",
    );
    expect((await submit(good, MEMBER)).errors.time).toContain('Only workspace admins and owners');
    expect(await store.listSchedules()).toEqual([]);
  });

  it('creates the schedule from the form and publishes the Home tab again with it', async () => {
    const published = fake.waitFor((r) => r.path === 'views.publish' && r.body.user_id === ADMIN);
    expect(
      await submit({
        channel: CHANNEL,
        time: '09:00',
        zone: 'Europe/Berlin',
        days: WEEKDAYS,
        lang: 'zh',
        thread: true,
        mention: GROUP,
      }),
    ).toEqual({});
    expect(await store.getSchedule(`slack:${TEAM_ID}:${CHANNEL}`)).toMatchObject({
      days: WEEKDAYS,
      thread: true,
      mention: GROUP,
      lang: 'zh',
      time: '09:00',
      zone: 'Europe/Berlin',
      setBy: ADMIN,
      target: 'channel',
    });
    const home = JSON.parse((await published).body.view);
    const line = home.blocks.find((b: any) => b.accessory?.action_id === 'talk_home:change');
    expect(line.text.text).toContain(
      `<#${CHANNEL}> · 09:00 Europe/Berlin · weekdays (Mon–Fri) · with a thread · mentions <!subteam^${GROUP}> · zh · next 2026-03-27 09:00 GMT+1`,
    );
    expect(line.text.text).toContain('not posted yet');
    expect(line.accessory.value).toBe(CHANNEL);
  });

  it('shows the last result once it has posted', async () => {
    now = Date.parse('2026-03-27T08:00:30Z');
    await scheduler.tick();
    expect(text(await openHome())).toContain('last 2026-03-27');
  });

  it('Change opens the form filled in; ticking Stop there stops the schedule', async () => {
    const form = await onHome(ADMIN, { type: 'button', action_id: 'talk_home:change', value: CHANNEL });
    const element = (id: string) => form.blocks.find((b: any) => b.block_id === id).element;
    expect(element('channel').initial_conversation).toBe(CHANNEL);
    expect(element('zone').initial_option.value).toBe('Europe/Berlin');
    expect(element('days').initial_options.map((o: any) => o.value)).toEqual(WEEKDAYS);
    expect(element('lang').initial_option.value).toBe('zh');
    expect(element('thread').initial_options).toHaveLength(1);
    expect(element('mention').initial_option.value).toBe(GROUP);
    expect(form.private_metadata).toBe(JSON.stringify({ channel: CHANNEL }));
    const published = fake.waitFor((r) => r.path === 'views.publish' && r.body.user_id === ADMIN);
    expect(
      await submit(
        { channel: CHANNEL, time: '09:00', zone: 'Europe/Berlin', days: WEEKDAYS, stop: true },
        ADMIN,
        form.private_metadata,
      ),
    ).toEqual({});
    expect(await store.listSchedules()).toEqual([]);
    expect(text(JSON.parse((await published).body.view))).toContain('No channel gets a daily takeaway yet.');
  });
});
