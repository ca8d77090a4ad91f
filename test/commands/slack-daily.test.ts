import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackBot } from '../../commands/slack/bot.js';
import { DAILY_EVENT_TYPE, SlackDailyPoster } from '../../commands/slack/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import {
  buttonPayload,
  CHANNEL,
  commandBody,
  FakeSlack,
  SIGNING_SECRET,
  sendToApp,
  TEAM_ID,
} from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';
import { startSlackHttp } from './slack-app.js';

const ADMIN = 'UADMIN001';
const LISTED = 'ULISTED01';
const MEMBER = 'UMEMBER01';
let fake: FakeSlack;
let bot: SlackBot;
let port: number;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let store: SqliteStore;
let scheduler: DailyScheduler;
let now = Date.parse('2026-06-10T05:00:00Z');

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.admins.add(ADMIN);
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-sd-')), 'talk.sqlite'));
  const talk = makeTalk();
  const log = createLogger('silent');
  const posters = {};
  scheduler = new DailyScheduler({ store, talk, posters, now: () => now, owner: 'test', log });
  app = await startSlackHttp({
    talk,
    cooldown: new Cooldown(0),
    log,
    botToken: 'xoxb-daily-test',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    daily: new DailyService(store, talk, scheduler, () => now),
    dailyAdmins: [LISTED],
  });
  bot = app.bot;
  port = app.port;
  Object.assign(posters, { slack: new SlackDailyPoster(bot.client, () => bot.botId) });
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await store?.close();
});

async function post(body: string) {
  expect((await sendToApp(port, body)).status).toBe(200);
}

async function slash(text: string, user = ADMIN) {
  const body = commandBody(fake, text, user);
  const url = new URLSearchParams(body).get('response_url')!;
  const answered = fake.waitFor((r) => url.endsWith(r.path));
  await post(body);
  return (await answered).body;
}

async function click(value: string, user = ADMIN) {
  const payload = buttonPayload(fake, 'talk:post-now', value, user);
  const answered = fake.waitFor((r) => String(payload.response_url).endsWith(r.path));
  await post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  return (await answered).body;
}

const shown = (msg: any) => JSON.stringify(msg.blocks, (k, v) => (k === 'value' ? undefined : v));

describe('/talk daily on Slack through the real bolt App', () => {
  it('refuses users who are not admins, privately, changing nothing', async () => {
    const msg = await slash(`daily set <#${CHANNEL}|general> 09:00 Europe/Berlin`, MEMBER);
    expect(msg.response_type).toBe('ephemeral');
    expect(shown(msg)).toContain('Only workspace admins and owners');
    expect(await store.listSchedules()).toEqual([]);
  });

  it('refuses a bad time and an unknown zone with an example', async () => {
    expect(shown(await slash(`daily set <#${CHANNEL}|general> 9am Europe/Berlin`))).toContain(
      'for example `09:00`',
    );
    expect(shown(await slash(`daily set <#${CHANNEL}|general> 09:00 Moon/Base`))).toContain(
      'for example `Europe/Berlin`',
    );
    expect(await store.listSchedules()).toEqual([]);
  });

  it('says how to invite the bot to a channel it is not in', async () => {
    const msg = await slash('daily set <#CNOTMEMBER|random> 09:00 Europe/Berlin');
    expect(shown(msg)).toContain("I'm not in <#CNOTMEMBER> yet. Invite me there with `/invite @talk`");
    expect(await store.listSchedules()).toEqual([]);
  });

  it('asks for a linked channel rather than a typed name', async () => {
    expect(shown(await slash('daily set #general 09:00 Europe/Berlin'))).toContain(
      "Pick the channel from Slack's list",
    );
  });

  it('lets a user listed in SLACK_DAILY_ADMINS set a schedule, and shows the next post', async () => {
    const msg = await slash(`daily set <#${CHANNEL}|general> 09:00 Europe/Berlin --zh`, LISTED);
    expect(msg.response_type).toBe('ephemeral');
    expect(shown(msg)).toContain(
      `已为 <#${CHANNEL}> 设置每日要点:Europe/Berlin 09:00。下次发布:2026-06-10 09:00 GMT+2(2026-06-10 07:00 UTC)`,
    );
    const [schedule] = await store.listSchedules();
    expect(schedule).toMatchObject({
      platform: 'slack',
      workspace: TEAM_ID,
      channel: CHANNEL,
      lang: 'zh',
      setBy: LISTED,
    });
  });

  it('lists schedules with a date token each reader sees in their own zone', async () => {
    const msg = await slash('daily status');
    expect(shown(msg)).toContain(
      `<#${CHANNEL}> · 09:00 Europe/Berlin · zh · next 2026-06-10 09:00 GMT+2 (2026-06-10 07:00 UTC)`,
    );
    expect(shown(msg)).toContain('<!date^1781074800^{date_short_pretty} {time}|2026-06-10T07:00:00.000Z>');
  });

  it('posts on time with metadata marking the day, attributed and in the chosen language', async () => {
    now = Date.parse('2026-06-10T07:00:30Z');
    await scheduler.tick();
    const [message] = fake.posted.get(CHANNEL)!;
    expect(message?.metadata).toEqual({
      event_type: DAILY_EVENT_TYPE,
      event_payload: { key: 'talk-daily:2026-06-10' },
    });
    const blocks = JSON.stringify(message?.blocks);
    expect(blocks).toContain('每日要点 · 2026-06-10');
    expect(blocks).toContain('本项目根据杨植麟的演讲');
    expect(blocks).not.toMatch(/<!channel>|<!here>|<!everyone>/);
  });

  it('previews the next takeaway privately; Post now does not post twice in a day', async () => {
    const preview = await slash('daily preview');
    expect(preview.response_type).toBe('ephemeral');
    const postNow = preview.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(postNow.text.text).toBe('Post now');
    expect(shown(await click(postNow.value))).toContain("already has today's takeaway");
    expect(fake.posted.get(CHANNEL)).toHaveLength(1);
  });

  it('finds its own marked message after a crash instead of posting again', async () => {
    now = Date.parse('2026-06-11T07:00:00Z');
    const [schedule] = await store.listSchedules();
    await store.claim({
      scheduleId: schedule!.id,
      localDate: '2026-06-11',
      owner: 'crashed',
      now,
      leaseMs: 120_000,
      pick: () => ({ takeawayId: 't09', next: { cycle: 0, position: 2 } }),
    });
    await new SlackDailyPoster(bot.client, () => bot.botId).post({
      schedule: schedule!,
      view: {
        ...makeTalk().takeawayView('zh', 't09', '2026-06-11'),
        daily: { key: 'talk-daily:2026-06-11' },
      },
      key: 'talk-daily:2026-06-11',
    });
    now += 3 * 60_000;
    expect((await scheduler.tick()).get(schedule!.id)).toBe('recovered');
    expect(fake.posted.get(CHANNEL)).toHaveLength(2);
  });

  it('pauses after the bot is removed from the channel, tells whoever set it, and shows why', async () => {
    for (const day of ['2026-06-12', '2026-06-13', '2026-06-14']) {
      fake.apiErrors.set('chat.postMessage', ['not_in_channel']);
      now = Date.parse(`${day}T07:00:00Z`);
      await scheduler.tick();
    }
    expect(fake.posted.get(LISTED)?.[0]?.text).toContain(
      `I paused the daily takeaway for <#${CHANNEL}> after 3 failed attempts. I'm not in <#${CHANNEL}>: invite me there with \`/invite @talk\`, then post again.`,
    );
    expect(shown(await slash('daily status --en'))).toContain("PAUSED after repeated failures: I'm not in");
  });

  it('stops a schedule', async () => {
    expect(shown(await slash(`daily off <#${CHANNEL}|general>`))).toContain(
      `Daily takeaway stopped for <#${CHANNEL}>.`,
    );
    expect(shown(await slash('daily status'))).toContain('No daily takeaways are scheduled here.');
  });

  it('set after today’s time: promises tomorrow, and posts nothing today (the promise is what happens)', async () => {
    now = Date.parse('2026-06-20T07:37:00Z'); // 09:37 in Berlin
    const answer = shown(await slash(`daily set <#${CHANNEL}|general> 09:00 Europe/Berlin --en`));
    expect(answer).toContain('Next post: 2026-06-21 09:00 GMT+2');
    const before = fake.posted.get(CHANNEL)?.length ?? 0;
    now += 2000;
    await scheduler.tick();
    expect(fake.posted.get(CHANNEL)?.length ?? 0).toBe(before);
    now = Date.parse('2026-06-21T07:00:30Z');
    await scheduler.tick();
    expect(fake.posted.get(CHANNEL)?.length ?? 0).toBe(before + 1);
  });
});
