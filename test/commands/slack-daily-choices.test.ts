/**
 * The daily choices on Slack through the real bolt App in HTTP mode: `--days`, `--thread` (the cited
 * originals as the thread's first reply) and `--mention` (exactly that user group), a personal takeaway
 * sent by direct message once a day (paused with the reason when Slack will not open the DM), and a
 * remembered language.
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
import { CHANNEL, commandBody, FakeSlack, SIGNING_SECRET, sendToApp, TEAM_ID } from '../fakes/slack.js';
import { content, makeTalk } from '../helpers.js';
import { startSlackHttp } from './slack-app.js';

const ADMIN = 'UADMIN001';
const READER = 'UREADER01';
const GROUP = 'S0AITEAM1';
let fake: FakeSlack;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let store: SqliteStore;
let scheduler: DailyScheduler;
let now = Date.parse('2026-03-26T06:00:00Z'); // Thursday

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.admins.add(ADMIN);
  fake.userGroups.push({ id: GROUP, handle: 'ai-team', name: 'AI team' });
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-sc-')), 'talk.sqlite'));
  const talk = makeTalk();
  const log = createLogger('silent');
  const posters = {};
  scheduler = new DailyScheduler({ store, talk, posters, now: () => now, owner: 'test', log });
  app = await startSlackHttp({
    talk,
    cooldown: new Cooldown(0),
    log,
    botToken: 'xoxb-choices-test',
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

async function slash(text: string, user = ADMIN) {
  const body = commandBody(fake, text, user);
  const url = new URLSearchParams(body).get('response_url')!;
  const answered = fake.waitFor((r) => url.endsWith(r.path));
  expect((await sendToApp(app.port, body)).status).toBe(200);
  return (await answered).body;
}
const shown = (msg: any) => JSON.stringify(msg.blocks, (k, v) => (k === 'value' ? undefined : v));

describe('daily choices on Slack through the real bolt App', () => {
  it('refuses @here, a person and an unknown group as the mention, and a bad days list', async () => {
    const set = `daily set <#${CHANNEL}|general> 09:00 Europe/Berlin`;
    expect(shown(await slash(`${set} --mention <!here>`))).toContain('Only a user group can be mentioned');
    expect(shown(await slash(`${set} --mention <@U0OTHER01>`))).toContain(
      'Only a user group can be mentioned',
    );
    expect(shown(await slash(`${set} --mention <!subteam^S0GONE001|@gone>`))).toContain(
      "That user group isn't in this workspace",
    );
    // (The answer's text, as it stands inside the JSON of the blocks.)
    expect(shown(await slash(`${set} --days someday`))).toContain('\\"someday\\" is not a list of days');
    expect(await store.listSchedules()).toEqual([]);
  });

  it('sets weekdays, a thread and a user group from the text form, and shows them in status', async () => {
    const msg = await slash(
      `daily set <#${CHANNEL}|general> 09:00 Europe/Berlin --days mon-fri --thread --mention <!subteam^${GROUP}|@ai-team>`,
    );
    expect(shown(msg)).toContain(
      `Daily takeaway set for <#${CHANNEL}> at 09:00 Europe/Berlin · weekdays (Mon–Fri) · with a thread · mentions \`${GROUP}\``,
    );
    // Answers never ping: the group shows as its id, not as <!subteam^…>.
    expect(shown(await slash('daily status'))).not.toContain('<!subteam^');
    expect(await store.getSchedule(`slack:${TEAM_ID}:${CHANNEL}`)).toMatchObject({
      mention: GROUP,
      thread: true,
    });
  });

  it('posts with exactly that group mentioned, and the speaker’s originals as the thread’s first reply', async () => {
    now = Date.parse('2026-03-26T08:00:30Z');
    await scheduler.tick();
    const [post] = fake.posted.get(CHANNEL)!;
    expect(String(post!.text).startsWith(`<!subteam^${GROUP}> `)).toBe(true);
    expect(JSON.stringify(post)).not.toMatch(/<!here>|<!channel>|<!everyone>|<@U/);
    expect((post!.text as string).match(/<!subteam\^/g)).toHaveLength(1);
    expect(JSON.stringify(post!.blocks)).toContain("The speaker's own words behind it are in the thread.");
    const replies = fake.replies.get(`${CHANNEL}:${post!.ts}`)!;
    expect(replies).toHaveLength(1);
    const reply = JSON.stringify(replies[0]!.blocks);
    const takeaway = content.takeaways.find((t) => JSON.stringify(post!.blocks).includes(t.en.slice(0, 40)))!;
    for (const id of takeaway.cites) {
      const passage = content.passageById.get(id)!;
      expect(reply).toContain(`\`#${id}\``);
      // Verbatim: the Chinese original's first line, as it is in the content.
      expect(reply).toContain(passage.zh.split('\n')[0]!.slice(0, 20));
    }
    expect(reply).toContain("原文 · the speaker's words, verbatim");
    expect(reply).toContain('— Yang Zhilin');
    expect(reply).not.toContain('English translation by this project');
    // The channel itself got one message; the reply is in the thread.
    expect(fake.posted.get(CHANNEL)).toHaveLength(1);
  });

  it('posts Friday, not Saturday or Sunday, then Monday', async () => {
    for (const t of [
      '2026-03-27T08:00:30Z',
      '2026-03-28T08:00:30Z',
      '2026-03-29T07:00:30Z',
      '2026-03-30T07:00:30Z',
    ]) {
      now = Date.parse(t);
      await scheduler.tick();
    }
    const days = fake.posted.get(CHANNEL)!.map((m: any) => m.metadata.event_payload.key);
    expect(days).toEqual(['talk-daily:2026-03-26', 'talk-daily:2026-03-27', 'talk-daily:2026-03-30']);
  });

  it('sends a personal takeaway by direct message once per day', async () => {
    now = Date.parse('2026-03-30T12:00:00Z');
    expect(shown(await slash('daily me 07:00 UTC en', READER))).toContain(
      'Your daily takeaway will come by direct message at 07:00 UTC. Next: 2026-03-31 07:00 UTC',
    );
    for (const t of [
      '2026-03-31T07:00:30Z',
      '2026-03-31T07:30:00Z',
      '2026-03-31T20:00:00Z',
      '2026-04-01T07:00:30Z',
    ]) {
      now = Date.parse(t);
      await scheduler.tick();
    }
    const opened = fake.api.filter((r) => r.path === 'conversations.open');
    expect(opened.at(-1)!.body.users).toBe(READER);
    const dms = fake.posted.get(`D${READER.slice(1)}`)!;
    expect(dms.map((m: any) => m.metadata.event_payload.key)).toEqual([
      'talk-daily:2026-03-31',
      'talk-daily:2026-04-01',
    ]);
    expect(JSON.stringify(dms)).not.toContain('<!subteam^');
  });

  it('pauses when Slack will not open the direct message, and says why in the user’s status', async () => {
    for (const day of ['2026-04-02', '2026-04-03', '2026-04-04']) {
      fake.apiErrors.set('conversations.open', ['user_not_visible']);
      now = Date.parse(`${day}T07:00:30Z`);
      await scheduler.tick();
    }
    const status = shown(await slash('daily status', READER));
    expect(status).toContain("PAUSED after repeated failures: Slack won't open a direct message between us");
    // Others see only the channel schedules.
    expect(shown(await slash('daily status', ADMIN))).not.toContain('your direct messages');
    expect(shown(await slash('daily me off', READER))).toContain('Your personal daily takeaway is stopped.');
  });
});

describe('a remembered language on Slack', () => {
  it('lang zh changes the next answer; a flag still wins for one command; lang reset forgets it', async () => {
    expect(shown(await slash('takeaway', READER))).toContain('Takeaway of the day');
    const set = await slash('lang zh', READER);
    expect(set.response_type).toBe('ephemeral');
    expect(shown(set)).toContain('从现在起,我用中文回答你。');
    const next = shown(await slash('takeaway', READER));
    expect(next).toContain('今日要点');
    expect(next).not.toContain('Takeaway of the day');
    expect(shown(await slash('takeaway --en', READER))).toContain('Takeaway of the day');
    // Only that user's answers follow it.
    expect(shown(await slash('takeaway', ADMIN))).toContain('Takeaway of the day');
    expect(shown(await slash('lang', READER))).toContain('我用中文回答你(你的选择)');
    expect(shown(await slash('lang reset', READER))).toContain('I forgot your language.');
    expect(shown(await slash('takeaway', READER))).toContain('Takeaway of the day');
  });
});
