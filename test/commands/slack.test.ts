import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackBot } from '../../commands/slack/bot.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { createLogger } from '../../src/log.js';
import { Telemetry } from '../../src/ops/telemetry.js';
import {
  buttonPayload,
  CHANNEL,
  commandBody,
  FakeSlack,
  SIGNING_SECRET,
  sendToApp,
  sign,
} from '../fakes/slack.js';
import { makeTalk } from '../helpers.js';
import { startSlackHttp } from './slack-app.js';

const BOT_TOKEN = 'xoxb-0000-test-token';
let fake: FakeSlack;
let port: number;
let app: Awaited<ReturnType<typeof startSlackHttp>>;
let now = 5_000_000;
const logLines: string[] = [];
let users = 0;
const nextUser = () => `U${String(++users).padStart(8, '0')}`;

beforeAll(async () => {
  fake = await new FakeSlack().start();
  app = await startSlackHttp({
    talk: makeTalk(),
    cooldown: new Cooldown(10, 3, () => now),
    log: createLogger('debug', [BOT_TOKEN, SIGNING_SECRET], (l) => logLines.push(l)),
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
  });
  port = app.port;
});

afterAll(async () => {
  await app?.stop();
  await fake?.stop();
});

const post = (body: string, _contentType: string, timestamp?: number, signature?: string) =>
  sendToApp(port, body, timestamp, signature);

/** Sends `/talk <text>` as Slack would and returns what the app posted to the response_url. */
async function slash(text: string, user = nextUser()) {
  const body = commandBody(fake, text, user);
  const responseUrl = new URLSearchParams(body).get('response_url')!;
  const answered = fake.waitFor((r) => responseUrl.endsWith(r.path));
  const { status } = await post(body, 'application/x-www-form-urlencoded');
  expect(status).toBe(200);
  return (await answered).body;
}

async function click(actionId: string, value: string, user = nextUser()) {
  const payload = buttonPayload(fake, actionId, value, user);
  const answered = fake.waitFor((r) => String(payload.response_url).endsWith(r.path));
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(200);
  return (await answered).body;
}

const buttons = (msg: any): { action_id: string; value: string; text: { text: string } }[] =>
  msg.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements);
const allText = (msg: any) => JSON.stringify(msg.blocks, (k, v) => (k === 'value' ? undefined : v));

describe('Slack /talk through the real bolt App (HTTP mode)', () => {
  it('summarises the reinforcement-learning part of the talk with its sources: /talk summary rl', async () => {
    const msg = await slash('summary rl');
    expect(msg.response_type).toBe('in_channel');
    expect(msg.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Reinforcement learning and OpenAI o1' },
    });
    expect(allText(msg)).toContain("Summary written by this project from Yang Zhilin's talk");
    expect(allText(msg)).toContain('`#o1-2`');
    expect(allText(msg)).toContain("Yang Zhilin's talk (Xuanhuai College, Tianjin University, 2024-09-14");
    expect(msg.text.length).toBeGreaterThan(0);
  });

  it.each([
    ['summary 强化学习', 'Reinforcement learning and OpenAI o1'],
    ['summary scaling', 'The scaling law'],
    ['summary', 'Overview of the talk'],
  ])('/talk %s finds its topic', async (text, title) => {
    expect((await slash(text)).blocks[0].text.text).toBe(title);
  });

  it('answers in Chinese with --zh', async () => {
    const msg = await slash('summary rl --zh');
    expect(msg.blocks[0].text.text).toBe('强化学习与OpenAI o1');
    expect(allText(msg)).not.toContain('reinforcement learning in essence');
  });

  it('quotes with attribution and labels the verbatim original and our translation', async () => {
    const msg = await slash('quote Riemann hypothesis');
    expect(msg.response_type).toBe('in_channel');
    const text = allText(msg);
    expect(text).toContain("原文 · the speaker's words, verbatim");
    expect(text).toContain('English translation by this project');
    expect(text).toContain('`#o1-7`');
    expect(buttons(msg).map((b) => b.text.text)).toEqual(['Another', 'Context', '中文', 'Card']);
  });

  it('never lets a query notify anyone or become a link', async () => {
    // Slack sends the typed text entity-escaped.
    const msg = await slash('quote &lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; data wall');
    const text = allText(msg) + msg.text;
    expect(text).not.toMatch(/<!channel>|<!here>|<@U123>/);
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('pages search results privately, replacing the message', async () => {
    const msg = await slash('search data');
    expect(msg.response_type).toBe('ephemeral');
    const next = buttons(msg).find((b) => b.text.text === 'Next')!;
    const page2 = await click(next.action_id, next.value);
    expect(page2.replace_original).toBe(true);
    expect(allText(page2)).toMatch(/Page 2\//);
    expect(buttons(page2).map((b) => b.text.text)).toEqual(['Previous', 'Next']);
  });

  it('answers topics, takeaway, about and help', async () => {
    expect(allText(await slash('topics'))).toContain('`rl`');
    const takeaway = await slash('takeaway');
    expect(takeaway.response_type).toBe('in_channel');
    expect(takeaway.blocks[0].text.text).toBe('Takeaway of the day · 2026-11-28');
    expect(allText(await slash('about'))).toContain('Xuanhuai College, Tianjin University');
    expect(allText(await slash('help'))).toContain('/talk summary [topic]');
  });

  it('answers an empty or unknown subcommand with help and a suggestion', async () => {
    expect(allText(await slash(''))).toContain('How to use /talk');
    const msg = await slash('qoute data wall');
    expect(msg.response_type).toBe('ephemeral');
    expect(allText(msg)).toContain('Did you mean `/talk quote`?');
  });

  it('says the talk does not cover an off-topic question and offers topics', async () => {
    const msg = await slash('search stock tips');
    expect(msg.response_type).toBe('ephemeral');
    expect(allText(msg)).toContain("The talk doesn't cover that.");
  });

  it('runs Another, Context, 中文 and Share', async () => {
    const msg = await slash('quote steam engine');
    const [another, context, chinese] = buttons(msg);
    const a = await click(another!.action_id, another!.value);
    expect(a.response_type).toBe('ephemeral');
    expect(buttons(a).map((b) => b.text.text)).toContain('Share');
    expect(allText(await click(context!.action_id, context!.value))).toContain('▶ *#agi-9*');
    const z = await click(chinese!.action_id, chinese!.value);
    expect(allText(z)).toContain('原文 · 演讲者原话');
    const share = buttons(a).find((b) => b.text.text === 'Share')!;
    const shared = await click(share.action_id, share.value);
    expect(shared.response_type).toBe('in_channel');
  });

  it('answers an unknown button politely', async () => {
    expect(allText(await click('talk:another', 'garbage'))).toContain('This button has expired');
  });

  it('lets a user ask a few things in a row, then asks them to slow down, refilling one answer per 10 s', async () => {
    const user = nextUser();
    expect((await slash('quote', user)).response_type).toBe('in_channel');
    expect((await slash('summary rl', user)).response_type).toBe('in_channel');
    expect((await slash('takeaway', user)).response_type).toBe('in_channel');
    const fourth = await slash('quote', user);
    expect(fourth.response_type).toBe('ephemeral');
    expect(allText(fourth)).toContain('another public answer in 10 s');
    now += 10_000;
    expect((await slash('quote', user)).response_type).toBe('in_channel');
    expect((await slash('quote', user)).response_type).toBe('ephemeral');
  });

  it('rejects badly signed and stale requests with 401 and answers nothing', async () => {
    const before = fake.responses.length;
    const body = commandBody(fake, 'quote');
    const ts = Math.floor(Date.now() / 1000);
    expect(
      (await post(body, 'application/x-www-form-urlencoded', ts, sign(body, ts, 'f'.repeat(32)))).status,
    ).toBe(401);
    const stale = ts - 6 * 60;
    expect((await post(body, 'application/x-www-form-urlencoded', stale, sign(body, stale))).status).toBe(
      401,
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.responses.length).toBe(before);
  });

  it('refuses a timestamp 24 hours ahead, and answers a replayed signed request only once', async () => {
    const before = fake.responses.length;
    const ahead = commandBody(fake, 'quote');
    const future = Math.floor(Date.now() / 1000) + 24 * 3600;
    expect((await post(ahead, 'application/x-www-form-urlencoded', future, sign(ahead, future))).status).toBe(
      401,
    );
    const nearFuture = Math.floor(Date.now() / 1000) + 4 * 60;
    const body = commandBody(fake, 'topics');
    const signature = sign(body, nearFuture);
    const answered = fake.waitFor((r) => new URLSearchParams(body).get('response_url')!.endsWith(r.path));
    for (let i = 0; i < 3; i++) {
      const { status, text } = await post(body, 'application/x-www-form-urlencoded', nearFuture, signature);
      expect(status).toBe(200);
      if (i > 0) expect(text).toBe('');
    }
    await answered;
    await new Promise((r) => setTimeout(r, 150));
    expect(fake.responses.length).toBe(before + 1);
    expect(logLines.some((l) => l.includes('ignored a replayed Slack request'))).toBe(true);
  });

  it('refuses a body past its size limit with 413 and answers nothing', async () => {
    const before = fake.responses.length;
    const body = commandBody(fake, 'x'.repeat(600 * 1024));
    expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(413);
    expect(fake.responses.length).toBe(before);
  });

  it('answers with an error id when sending fails, logs it and keeps serving', async () => {
    fake.failNextResponse = 500;
    const body = commandBody(fake, 'about');
    const responseUrl = new URLSearchParams(body).get('response_url')!;
    let seen = 0;
    const second = fake.waitFor((r) => responseUrl.endsWith(r.path) && ++seen === 2);
    await post(body, 'application/x-www-form-urlencoded');
    const msg = (await second).body;
    const errorId = /`([0-9a-f]{8})`/.exec(allText(msg))?.[1];
    expect(msg.response_type).toBe('ephemeral');
    expect(errorId).toBeDefined();
    expect(logLines.some((l) => l.includes(errorId!) && l.includes('slack request failed'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(BOT_TOKEN);
    expect(allText(await slash('help'))).toContain('How to use /talk');
  });
});

describe('Slack Socket Mode', () => {
  it('connects through apps.connections.open and answers /talk summary rl', async () => {
    const socketFake = await new FakeSlack().start();
    const telemetry = new Telemetry(createLogger('silent'));
    const socketBot = new SlackBot({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      telemetry,
      botToken: BOT_TOKEN,
      appToken: 'xapp-1-test',
      apiUrl: socketFake.apiUrl,
    });
    try {
      await socketBot.start(5000);
      await socketFake.socketOpen;
      expect(socketFake.api.map((r) => r.path)).toContain('apps.connections.open');
      const responseUrl = socketFake.responseUrl();
      const answered = socketFake.waitFor((r) => responseUrl.endsWith(r.path));
      const ack = await socketFake.sendEnvelope('slash_commands', {
        ...Object.fromEntries(new URLSearchParams(commandBody(socketFake, 'summary rl'))),
        response_url: responseUrl,
        channel_id: CHANNEL,
      });
      expect(ack.body.envelope_id).toMatch(/^env-/);
      const msg = (await answered).body;
      expect(msg.blocks[0].text.text).toBe('Reinforcement learning and OpenAI o1');
      expect(socketBot.ready).toBe(true);

      // Slack asks for a reconnect: the client opens a new connection, and the metric counts it.
      // socket-mode waits its ping timeout (5 s) before reconnecting.
      const reopened = socketFake.waitFor((r) => r.path === 'apps.connections.open', 15_000);
      socketFake.requestReconnect();
      await reopened;
      // Let the new connection finish its handshake before stopping: socket-mode rejects a reconnect
      // interrupted by disconnect() without anyone to catch it.
      for (let i = 0; i < 100 && !socketBot.ready; i++) await new Promise((r) => setTimeout(r, 20));
      expect(socketBot.ready).toBe(true);
      expect(await telemetry.registry.getSingleMetricAsString('talk_reconnects_total')).toContain(
        'talk_reconnects_total{platform="slack"} 1',
      );
    } finally {
      await socketBot.stop();
      await socketFake.stop();
    }
  });
});

describe('Slack shutdown', () => {
  it('lets an answer in progress finish before it stops', async () => {
    const slow = await new FakeSlack().start();
    slow.slowResponsesMs = 400;
    const started = await startSlackHttp({
      talk: makeTalk(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slow.apiUrl,
    });
    const slowBot = started.bot;
    const slowPort = started.port;
    try {
      const body = commandBody(slow, 'summary rl');
      const received = slow.waitFor((r) => r.path.startsWith('/respond/'));
      expect((await sendToApp(slowPort, body)).status).toBe(200);
      await received; // the answer is on its way, held by the slow server
      const t0 = performance.now();
      await started.stop(5000);
      expect(performance.now() - t0).toBeGreaterThan(200);
      expect(slow.responses).toHaveLength(1);
      expect(slowBot.ready).toBe(false);
    } finally {
      await slow.stop();
    }
  });
});
