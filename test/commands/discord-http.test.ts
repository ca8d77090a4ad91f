/**
 * What only the HTTP mode has: the signed endpoint. Every bad request (no signature, a wrong one, another
 * key's, a tampered body, a stale or future timestamp, a replay) gets 401 and nothing else happens;
 * malformed or unknown interactions get 400, oversized bodies 413; a PING gets a PONG; the first answer
 * can carry files; errors after a deferral reach the user through the webhook; start-up checks the key.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordPublicKey, verifyDiscordRequest, writeAnswer } from '../../commands/discord/http.js';
import { DiscordHttpBot } from '../../commands/discord/http-bot.js';
import { Cooldown } from '../../src/core/cooldown.js';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { MemorySeen } from '../../src/http/replay.js';
import { HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { StartupError } from '../../src/ops/deadline.js';
import { Telemetry } from '../../src/ops/telemetry.js';
import {
  ADMIN_PERMISSIONS,
  APP_ID,
  CHANNEL_ID,
  dailyCommandData,
  FakeDiscord,
  GUILD_ID,
  interaction,
  SECOND_CHANNEL_ID,
} from '../fakes/discord.js';
import { DiscordSigner, INTERACTIONS_PATH, ping } from '../fakes/discord-http.js';
import { makeTalk } from '../helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.http.token-for-tests-only';
const signer = new DiscordSigner();
let fake: FakeDiscord;
let server: HttpServer;
let bot: DiscordHttpBot;
let base: string;
const logLines: string[] = [];
const telemetry = new Telemetry(createLogger('silent'));
const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-dh-')), 'talk.sqlite'));
const talk = makeTalk();
const daily = new DailyService(
  store,
  talk,
  new DailyScheduler({ store, talk, posters: {}, owner: 'test', log: createLogger('silent') }),
);

function newBot(server: HttpServer, log = createLogger('debug', [TOKEN], (l) => logLines.push(l))) {
  return new DiscordHttpBot({
    daily,
    talk,
    token: TOKEN,
    publicKey: signer.publicKey,
    api: fake.api,
    server,
    seen: new MemorySeen(),
    cooldown: new Cooldown(0),
    log,
    telemetry,
  });
}

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  fake.verifyKey = signer.publicKey;
  server = new HttpServer();
  bot = newBot(server);
  await bot.start(5000);
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  await fake?.stop();
  await store.close();
});

const about = () =>
  interaction(fake, {
    type: 2,
    data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: 'about', options: [] }] },
  });
const now = () => Math.floor(Date.now() / 1000);
const commandsCounted = async () =>
  (await telemetry.registry.getSingleMetricAsString('talk_commands_total'))
    .split('\n')
    .filter((l) => l.startsWith('talk_commands_total{'))
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);

describe('the Discord interactions endpoint', () => {
  it('answers a PING with a PONG, as JSON', async () => {
    const res = await signer.send(base, ping(APP_ID));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.body).toEqual({ type: 1 });
  });

  it('answers a command in the HTTP response, with nothing sent to the callback endpoint', async () => {
    const payload = about();
    const res = await signer.send(base, payload);
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(4);
    expect(res.body.data.embeds[0].description).toContain('Xuanhuai College');
    expect(fake.requests.some((r) => r.path.includes(`/interactions/${payload.id}/`))).toBe(false);
  });

  it('refuses every badly signed request with 401, and nothing else happens', async () => {
    const other = new DiscordSigner();
    const before = { requests: fake.requests.length, counted: await commandsCounted() };
    const payload = about();
    const body = JSON.stringify(payload);
    const refused = [
      await signer.send(base, payload, { signature: null }),
      await other.send(base, payload),
      await signer.send(base, payload, { signature: 'not-hex' }),
      await signer.send(base, payload, { signature: '0'.repeat(128) }),
      // Signed over one body, sent with another.
      await signer.send(base, body.replace('about', 'quote'), { signature: signer.sign(body, now()) }),
      // Signed for a different time than the header says.
      await signer.send(base, payload, { timestamp: now(), signature: signer.sign(body, now() - 1) }),
      await signer.send(base, payload, { timestamp: now() - 301 }),
      await signer.send(base, payload, { timestamp: now() + 301 }),
      await signer.send(base, payload, { timestamp: -1 as number }),
    ];
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 401));
    expect(refused.every((r) => r.text === '')).toBe(true);
    expect(fake.requests.length).toBe(before.requests);
    expect(await commandsCounted()).toBe(before.counted);
    expect(logLines.some((l) => l.includes('refused a Discord request: bad-signature'))).toBe(true);
    expect(logLines.some((l) => l.includes('refused a Discord request: stale'))).toBe(true);
    expect(logLines.some((l) => l.includes('refused a Discord request: future'))).toBe(true);
    // A timestamp just inside the window is fine.
    expect((await signer.send(base, about(), { timestamp: now() - 290 })).status).toBe(200);
  });

  it('answers a signed request once: the same signature again gets 401 and does nothing', async () => {
    const payload = about();
    const body = JSON.stringify(payload);
    const ts = now();
    const signature = signer.sign(body, ts);
    const first = await signer.send(base, body, { timestamp: ts, signature });
    expect(first.status).toBe(200);
    const counted = await commandsCounted();
    // Upper-case hex is the same signature.
    for (const s of [signature, signature.toUpperCase()])
      expect((await signer.send(base, body, { timestamp: ts, signature: s })).status).toBe(401);
    expect(await commandsCounted()).toBe(counted);
    expect(logLines.some((l) => l.includes('refused a replayed Discord request'))).toBe(true);
  });

  it('refuses signed bodies that are not interactions with 400, and never crashes', async () => {
    const bodies = [
      '{"type":2,',
      '',
      'null',
      '[1,2]',
      '"text"',
      JSON.stringify({ ...about(), type: 99 }),
      JSON.stringify({ ...about(), type: '2' }),
      JSON.stringify({ ...about(), token: undefined }),
      JSON.stringify({ type: 2 }),
    ];
    for (const body of bodies) expect((await signer.send(base, body)).status, body).toBe(400);
    expect(logLines.some((l) => l.includes('unknown interaction type 99'))).toBe(true);
    // Still answering.
    expect((await signer.send(base, about())).body.type).toBe(4);
  });

  it('answers a modal submission (a known type it has no use for) politely rather than refusing it', async () => {
    const res = await signer.send(base, {
      ...about(),
      type: 5,
      data: { custom_id: 'old-modal', components: [] },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.flags).toBe(64);
  });

  it('refuses a body past 512 KiB with 413 before verifying anything, and other methods with 405', async () => {
    const huge = JSON.stringify({ ...about(), padding: 'x'.repeat(600 * 1024) });
    expect((await signer.send(base, huge)).status).toBe(413);
    const get = await fetch(`${base}${INTERACTIONS_PATH}`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('defers a daily command privately, then reports a failure after the deferral with an error id through the webhook', async () => {
    fake.respond = (r) =>
      r.path.endsWith(`/guilds/${GUILD_ID}/roles`) ? [500, { message: 'Internal', code: 0 }] : undefined;
    try {
      const payload = interaction(fake, {
        type: 2,
        data: dailyCommandData('set', [
          { type: 7, name: 'channel', value: CHANNEL_ID },
          { type: 3, name: 'time', value: '09:00' },
          { type: 3, name: 'timezone', value: 'UTC' },
        ]),
        permissions: ADMIN_PERMISSIONS,
      });
      const edited = fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(payload.token), 15_000);
      const first = await signer.send(base, payload);
      expect(first.body).toEqual({ type: 5, data: { flags: 64 } });
      const edit = await edited;
      expect(edit.path).toBe(`/api/v10/webhooks/${APP_ID}/${payload.token}/messages/@original`);
      expect(edit.headers.authorization).toBeUndefined();
      const errorId = /`([0-9a-f]{8})`/.exec(edit.body.embeds[0].description)?.[1];
      expect(errorId).toBeDefined();
      expect(logLines.some((l) => l.includes(errorId!) && l.includes('discord interaction failed'))).toBe(
        true,
      );
    } finally {
      fake.respond = undefined;
    }
  });

  it('answers an interaction arriving while answers drain with the "restarting" note', async () => {
    const own = new HttpServer();
    const draining = newBot(own, createLogger('silent'));
    await draining.start(5000);
    const ownBase = `http://127.0.0.1:${await own.listen(0, '127.0.0.1')}`;
    // A daily command whose channel check Discord holds: it is in flight when shutdown begins.
    fake.hold = (r) => (r.path.endsWith(`/channels/${SECOND_CHANNEL_ID}`) ? 600 : 0);
    const checked = fake.waitFor((r) => r.path.endsWith(`/channels/${SECOND_CHANNEL_ID}`));
    try {
      const slow = interaction(fake, {
        type: 2,
        data: dailyCommandData('set', [
          { type: 7, name: 'channel', value: SECOND_CHANNEL_ID },
          { type: 3, name: 'time', value: '09:00' },
          { type: 3, name: 'timezone', value: 'UTC' },
        ]),
        permissions: ADMIN_PERMISSIONS,
      });
      const edited = fake.waitFor((r) => r.method === 'PATCH' && r.path.includes(slow.token));
      expect((await signer.send(ownBase, slow)).body.type).toBe(5);
      await checked;
      const stopping = draining.stop(5000);
      const late = await signer.send(ownBase, about());
      expect(late.body.data.flags).toBe(64);
      expect(late.body.data.embeds[0].description).toContain('The bot is restarting');
      await stopping;
      // The one in flight was let finish.
      expect((await edited).body.embeds[0].description).toContain(
        `Daily takeaway set for <#${SECOND_CHANNEL_ID}> at 09:00 UTC`,
      );
    } finally {
      fake.hold = undefined;
      await own.close();
    }
  });
});

describe('the first answer as an HTTP response', () => {
  it('is multipart/form-data with payload_json and files[n] when it carries files', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const http = createServer((_, res) => {
      void writeAnswer(res, { type: 4, data: { content: 'a card' } }, [
        { name: 'card.png', data: png, contentType: 'image/png' },
      ]);
    }).listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      expect(res.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
      const form = await res.formData();
      expect(JSON.parse(String(form.get('payload_json')))).toEqual({ type: 4, data: { content: 'a card' } });
      const file = form.get('files[0]') as File;
      expect(file.name).toBe('card.png');
      expect(Buffer.from(await file.arrayBuffer())).toEqual(png);
    } finally {
      http.close();
    }
  });
});

describe('verification', () => {
  it('needs both headers and a hex signature of 64 bytes', () => {
    const key = discordPublicKey(signer.publicKey);
    const body = Buffer.from('{}');
    const ts = now();
    const good = { 'x-signature-ed25519': signer.sign(body, ts), 'x-signature-timestamp': String(ts) };
    expect(verifyDiscordRequest(key, good, body, ts)).toBe('ok');
    expect(verifyDiscordRequest(key, { 'x-signature-timestamp': String(ts) }, body, ts)).toBe('no-signature');
    expect(verifyDiscordRequest(key, { ...good, 'x-signature-timestamp': '1e9' }, body, ts)).toBe(
      'bad-timestamp',
    );
    expect(
      verifyDiscordRequest(
        key,
        { ...good, 'x-signature-ed25519': good['x-signature-ed25519'].slice(2) },
        body,
        ts,
      ),
    ).toBe('bad-signature');
  });
});

describe('start-up in HTTP mode', () => {
  it('refuses a DISCORD_PUBLIC_KEY that is not the application’s, naming it', async () => {
    const own = new HttpServer();
    const wrong = new DiscordHttpBot({
      talk: makeTalk(),
      token: TOKEN,
      publicKey: new DiscordSigner().publicKey,
      api: fake.api,
      server: own,
      seen: new MemorySeen(),
      cooldown: new Cooldown(0),
      log: createLogger('silent'),
    });
    const failed = await wrong.start(5000).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StartupError);
    expect((failed as StartupError).sentence).toBe(
      'DISCORD_PUBLIC_KEY: it is not the public key of the application DISCORD_TOKEN belongs to (talk) — copy it from the Developer Portal → General Information → Public Key.',
    );
    expect((failed as StartupError).exitCode).toBe(78);
  });

  it('names DISCORD_TOKEN when Discord refuses it', async () => {
    fake.respond = (r) =>
      r.path.endsWith('/applications/@me') ? [401, { message: '401: Unauthorized', code: 0 }] : undefined;
    try {
      const failed = await newBot(new HttpServer(), createLogger('silent'))
        .start(5000)
        .catch((e: unknown) => e);
      expect((failed as StartupError).sentence).toMatch(/^DISCORD_TOKEN: Discord refused the token/);
    } finally {
      fake.respond = undefined;
    }
  });
});
