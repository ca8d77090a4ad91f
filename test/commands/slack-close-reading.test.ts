/**
 * Slack answers read closely, through the real bolt App against the local fake: user text never becomes
 * markup, cuts never split an entity, big answers stay within what Slack accepts, paging pages, long lists
 * say how many more, impossible dates are refused, a preview is the post, and failures say what to do.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDailyPoster } from '../../commands/slack/daily-poster.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import { SLACK_BLOCK_TEXT_TOTAL_MAX } from '../../src/render/slack.js';
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
let fake: FakeSlack;
let store: SqliteStore;
let scheduler: DailyScheduler;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let now = Date.parse('2026-06-10T05:00:00Z');

beforeAll(async () => {
  fake = await new FakeSlack().start();
  fake.admins.add(ADMIN);
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-close-')), 'talk.sqlite'));
  const talk = makeTalk();
  const posters = {};
  scheduler = new DailyScheduler({
    store,
    talk,
    posters,
    now: () => now,
    owner: 'test',
    log: createLogger('silent'),
  });
  app = await startSlackHttp({
    talk,
    cooldown: new Cooldown(0),
    log: createLogger('silent'),
    botToken: 'xoxb-close-reading',
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    daily: new DailyService(store, talk, scheduler, () => now),
  });
  Object.assign(posters, { slack: new SlackDailyPoster(app.bot.client, () => app.bot.botId) });
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

async function click(value: string, actionId = 'talk:next', user = ADMIN) {
  const payload = buttonPayload(fake, actionId, value, user);
  const answered = fake.waitFor((r) => String(payload.response_url).endsWith(r.path));
  await sendToApp(app.port, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  return (await answered).body;
}

const texts = (msg: any): string[] =>
  msg.blocks.flatMap((b: any) =>
    b.type === 'section' || b.type === 'header'
      ? [b.text.text]
      : b.type === 'context'
        ? b.elements.map((e: any) => e.text)
        : [],
  );
const all = (msg: any) => texts(msg).join('\n');
const button = (msg: any, label: string) =>
  msg.blocks
    .filter((b: any) => b.type === 'actions')
    .flatMap((b: any) => b.elements)
    .find((e: any) => e.text.text === label);

describe('Slack answers, read closely', () => {
  it('never turns typed {#…} or <#…> into a channel link, in any error', async () => {
    for (const text of [
      'summary {#C0INJECT1}',
      'quote --id {#C0INJECT1}',
      'daily set <#C0000CHAN|general> {#C0INJECT1} Europe/Berlin',
      'daily set <#C0000CHAN|general> 09:00 {#C0INJECT1}',
    ]) {
      const shown = all(await slash(text));
      expect(shown, text).not.toContain('<#C0INJECT1>');
      expect(shown, text).toContain('{#C0INJECT1}');
    }
  });

  it('cuts 2,000 × & whole: no raw & in the blocks or the fallback text', async () => {
    const msg = await slash(`summary ${'&'.repeat(2000)}`);
    for (const t of [...texts(msg), msg.text]) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  });

  it('keeps a big search within Slack’s message size by paging, and the page size survives Next', async () => {
    const big = await slash('search 数据 --both --limit 50');
    const total = big.blocks.reduce((n: number, b: any) => n + (b.text?.text?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(SLACK_BLOCK_TEXT_TOTAL_MAX);
    const first = await slash('search AI --limit 20 --en');
    const ranks = (msg: any) => [...all(msg).matchAll(/\*(\d+)\.\*/g)].map((m) => Number(m[1]));
    const perPage = ranks(first).length;
    const second = await click(button(first, 'Next').value);
    expect(ranks(second)[0]).toBe(perPage + 1);
    expect(ranks(second).length).toBe(Math.min(perPage, ranks(second).length));
  });

  it('pages a 2,000-character query with Next (kept behind a short key)', async () => {
    const query = 'data wall reinforcement learning scaling law '.repeat(50).slice(0, 2000).trim();
    const first = await slash(`search ${query}`);
    expect(all(first)).toMatch(/Page 1\/\d/);
    const next = button(first, 'Next');
    expect(next).toBeDefined();
    expect(next.value.length).toBeLessThan(200);
    expect(all(await click(next.value))).toMatch(/Page 2\//);
  });

  it('lists a long daily status a page at a time, saying how many more, with Next', async () => {
    for (let i = 0; i < 40; i++)
      await store.saveSchedule(
        {
          platform: 'slack',
          workspace: TEAM_ID,
          channel: `C0LIST${String(i).padStart(4, '0')}`,
          time: '09:00',
          zone: 'UTC',
          lang: 'en',
          source: 'command',
        },
        now,
      );
    const first = await slash('daily status');
    expect(all(first)).toContain('Daily takeaways (40) · page 1/3');
    expect(all(first)).toContain('…and 25 more: Next shows them.');
    const second = await click(button(first, 'Next').value);
    expect(all(second)).toContain('page 2/3');
    expect(all(second)).toContain('<#C0LIST0015>');
  });

  it('refuses impossible dates privately with an example, and accepts what people type', async () => {
    for (const d of ['2024-02-30', '2023-02-29', '0000-01-01', '9999-12-31', '<!channel>', 'soon']) {
      const msg = await slash(`takeaway ${d}`);
      expect(msg.response_type, d).toBe('ephemeral');
      expect(all(msg), d).toContain('is not a date I can use');
    }
    for (const d of ['today', 'tomorrow', 'yesterday', '明天', '2024-02-29']) {
      const msg = await slash(`takeaway ${d}`);
      expect(msg.response_type, d).toBe('in_channel');
    }
    // The bot's own "today" is 2026-11-28 in these tests.
    expect(all(await slash('takeaway tomorrow'))).toContain('Takeaway of the day · 2026-11-29');
  });

  it('previews exactly what will be posted: same heading, language and notification text', async () => {
    await slash(`daily set <#${CHANNEL}|general> 09:00 Europe/Berlin --zh`);
    const preview = await slash(`daily preview <#${CHANNEL}|general> --en`);
    now = Date.parse('2026-06-10T07:00:30Z');
    await scheduler.tick();
    const posted = fake.posted.get(CHANNEL)!.at(-1) as any;
    const postedTexts = texts(posted);
    // The preview line (in the asker's language) comes first; then exactly the post.
    expect(texts(preview)[0]).toContain('Preview, only for you: this is what will be posted in');
    expect(texts(preview).slice(1)).toEqual(postedTexts.slice(0));
    expect(preview.text).toContain(posted.text.split('\n')[0]);
    expect(postedTexts[0]).toBe('每日要点 · 2026-06-10');
  });

  it('says what is wrong and what to do when posting fails, promising a retry only when one will come', async () => {
    fake.apiErrors.set('chat.postMessage', ['not_in_channel']);
    now = Date.parse('2026-06-11T08:00:00Z');
    const payload = await click(`r|d|e|${CHANNEL}`, 'talk:post-now');
    const shown = all(payload);
    expect(shown).toContain(`I'm not in <#${CHANNEL}>: invite me there with \`/invite @talk\``);
    expect(shown).not.toContain('not_in_channel');
    expect(shown).not.toMatch(/keep trying|try again in/);
    fake.apiErrors.set('chat.postMessage', ['internal_error']);
    now = Date.parse('2026-06-12T08:00:00Z');
    const transient = all(await click(`r|d|e|${CHANNEL}`, 'talk:post-now'));
    expect(transient).toContain('I will try again in a few minutes');
  });

  it('names channels as links when asking which schedule to stop', async () => {
    const msg = all(await slash('daily off'));
    expect(msg).toContain('Several channels have daily takeaways; say which: <#');
    expect(msg).not.toMatch(/#C0LIST\d{4}(?!>)/);
  });
});
