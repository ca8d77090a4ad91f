import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/daily/sqlite-store.js';
import {
  ADMIN_PERMISSIONS,
  APP_ID,
  buttonsOf as buttons,
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  interaction,
} from './fakes/discord.js';
import { DiscordSigner, discordPortFromLog, ping } from './fakes/discord-http.js';
import {
  CHANNEL,
  commandBody,
  FakeSlack,
  SIGNING_SECRET,
  sendToApp,
  slackPortFromLog,
  TEAM_ID,
} from './fakes/slack.js';
import { dueAMinuteAgo, seedEarlier } from './helpers.js';

const root = join(import.meta.dirname, '..');
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.main.test-token-value';
let discord: FakeDiscord;
let slack: FakeSlack;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  slack = await new FakeSlack().start();
});

afterAll(async () => {
  await discord?.stop();
  await slack?.stop();
});

describe('npm start', () => {
  it('starts every platform that has credentials, answers on both, posts the seeded daily takeaways, and exits 0 on SIGTERM', async () => {
    // A one-channel deployment from the environment alone: due this very minute, so the first tick posts.
    const due = dueAMinuteAgo();
    const dataDir = mkdtempSync(join(tmpdir(), 'talk-main-'));
    const seeded = new SqliteStore(join(dataDir, 'talk.sqlite'));
    await seedEarlier(seeded, 'discord', [{ workspace: GUILD_ID, channel: CHANNEL_ID }], due);
    await seedEarlier(seeded, 'slack', [{ workspace: TEAM_ID, channel: CHANNEL }], due);
    await seeded.close();
    const discordPost = discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
      15_000,
    );
    const slackPost = slack.waitFor(
      (r) => r.path === 'chat.postMessage' && r.body.channel === CHANNEL,
      15_000,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DISCORD_TOKEN,
        DISCORD_API_URL: discord.api,
        SLACK_BOT_TOKEN: 'xoxb-main-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        DAILY_DISCORD_CHANNELS: CHANNEL_ID,
        DAILY_SLACK_CHANNELS: CHANNEL,
        DAILY_TIME: due.time,
        DAILY_TZ: due.zone,
        HEALTH_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const started = new Promise<number>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        const port = slackPortFromLog(stderr);
        if (port && /"msg":"started"/.test(stderr)) resolve(Number(port));
      });
    });
    try {
      const port = await started;
      await discord.identified;
      const payload = interaction(discord, {
        type: 2,
        data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: 'about', options: [] }] },
      });
      const callback = discord.waitFor((r) => r.path.includes(`/interactions/${payload.id}/`));
      discord.dispatch('INTERACTION_CREATE', payload);
      expect((await callback).body.data.embeds[0].description).toContain('Xuanhuai College');

      const body = commandBody(slack, 'summary rl');
      const answered = slack.waitFor((r) => new URLSearchParams(body).get('response_url')!.endsWith(r.path));
      await sendToApp(port, body);
      expect((await answered).body.blocks[0].text.text).toBe('Reinforcement learning and OpenAI o1');

      expect((await discordPost).body.embeds[0].footer.text).toMatch(/talk-daily:\d{4}-\d{2}-\d{2}$/);
      expect(JSON.parse((await slackPost).body.metadata).event_type).toBe('talk_daily_post');

      // One log line per command, with platform, subcommand, outcome and latency (written just after the answer).
      for (let i = 0; i < 40 && (stderr.match(/"msg":"command"/g) ?? []).length < 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      const commandLines = stderr
        .split('\n')
        .filter((l) => l.includes('"msg":"command"'))
        .map((l) => JSON.parse(l));
      expect(commandLines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            platform: 'discord',
            subcommand: 'about',
            outcome: 'ok',
            ms: expect.any(Number),
          }),
          expect.objectContaining({ platform: 'slack', subcommand: 'summary', outcome: 'ok' }),
        ]),
      );
      const opsLine = stderr.split('\n').find((l) => l.includes('"msg":"ops listening"'))!;
      const ops = `http://127.0.0.1:${JSON.parse(opsLine).port}`;
      expect((await fetch(`${ops}/healthz`)).status).toBe(200);
      const ready = await fetch(`${ops}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        ready: true,
        failing: [],
        checks: { content: 'ok', store: 'ok', discord: 'ok', slack: 'ok' },
      });
      const metrics = await (await fetch(`${ops}/metrics`)).text();
      expect(metrics).toContain('talk_commands_total{platform="discord",subcommand="about",outcome="ok"} 1');
      expect(metrics).toContain('talk_commands_total{platform="slack",subcommand="summary",outcome="ok"} 1');
      expect(metrics).toMatch(/talk_daily_posts_total\{platform="discord",outcome="posted"\} 1/);

      const t0 = performance.now();
      child.kill('SIGTERM');
      const [code] = await once(child, 'close');
      expect(code).toBe(0);
      console.log(`npm start: stopped ${Math.round(performance.now() - t0)} ms after SIGTERM`);
      expect(stderr).toMatch(/"msg":"stopped"/);
      expect(stderr).not.toContain(DISCORD_TOKEN);
      expect(stderr).not.toContain(SIGNING_SECRET);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

/**
 * Loaded into the bot process before its own code: at exit, it writes the CommonJS modules the process
 * loaded (discord.js and its gateway are CommonJS) to the file named by TALK_TEST_LOADED.
 */
const RECORD_LOADED = `data:text/javascript,${encodeURIComponent(
  `import { createRequire } from 'node:module';
   import { writeFileSync } from 'node:fs';
   const require = createRequire(process.cwd() + '/');
   process.on('exit', () => writeFileSync(process.env.TALK_TEST_LOADED, JSON.stringify(Object.keys(require.cache))));`,
)}`;

describe('npm start with DISCORD_PUBLIC_KEY: Discord over HTTP interactions', () => {
  it('answers signed interactions on PORT beside Slack, posts the daily takeaway over REST, opens no gateway and never loads discord.js', async () => {
    const signer = new DiscordSigner();
    discord.verifyKey = signer.publicKey;
    const due = dueAMinuteAgo();
    const dataDir = mkdtempSync(join(tmpdir(), 'talk-main-http-'));
    const loaded = join(dataDir, 'loaded.json');
    const seeded = new SqliteStore(join(dataDir, 'talk.sqlite'));
    await seedEarlier(seeded, 'discord', [{ workspace: GUILD_ID, channel: CHANNEL_ID }], due);
    await seeded.close();
    const requestsBefore = discord.requests.length;
    const connectionsBefore = discord.gatewayConnections;
    const discordPost = discord.waitFor(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
      15_000,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', RECORD_LOADED, 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        TALK_TEST_LOADED: loaded,
        DISCORD_TOKEN,
        DISCORD_PUBLIC_KEY: signer.publicKey,
        DISCORD_API_URL: discord.api,
        SLACK_BOT_TOKEN: 'xoxb-main-test',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
        DATA_DIR: dataDir,
        DAILY_DISCORD_CHANNELS: CHANNEL_ID,
        DAILY_TIME: due.time,
        DAILY_TZ: due.zone,
        HEALTH_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const started = new Promise<number>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        const port = discordPortFromLog(stderr);
        if (port && /"msg":"started"/.test(stderr)) resolve(port);
      });
    });
    try {
      const port = await started;
      const base = `http://127.0.0.1:${port}`;
      // Slack's HTTP mode shares the server.
      expect(slackPortFromLog(stderr)).toBe(port);
      const send = async (payload: Record<string, any>) => {
        const res = await signer.send(base, payload);
        expect(res.status).toBe(200);
        return res.body as { type: number; data: any };
      };
      const talk = (sub: string, options: Record<string, unknown>[] = [], type: 2 | 4 = 2) =>
        interaction(discord, {
          type,
          data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: sub, options }] },
        });
      const press = (customId: string) =>
        interaction(discord, {
          type: 3,
          data: { custom_id: customId, component_type: 2 },
          message: discord.message(),
        });

      expect(await send(ping(APP_ID))).toEqual({ type: 1 });

      const quote = await send(talk('quote', [{ type: 3, name: 'query', value: 'Riemann hypothesis' }]));
      expect(quote.type).toBe(4);
      expect(quote.data.embeds[0].footer.text).toMatch(/#o1-7$/);
      const context = await send(press(buttons(quote.data).find((b) => b.label === 'Context')!.custom_id));
      expect(context.data.embeds[0].title).toBe('In context · #o1-7');

      const summary = await send(talk('summary', [{ type: 3, name: 'topic', value: 'rl' }]));
      expect(summary.data.embeds[0].title).toBe('Reinforcement learning and OpenAI o1');

      const search = await send(talk('search', [{ type: 3, name: 'query', value: 'data' }]));
      expect(search.data.embeds[0].description).toMatch(/Page 1\/\d/);
      const page2 = await send(press(buttons(search.data).find((b) => b.label === 'Next')!.custom_id));
      expect(page2.type).toBe(7);
      expect(page2.data.embeds[0].description).toMatch(/Page 2\//);

      const choices = await send(
        talk('quote', [{ type: 3, name: 'query', value: 'Riemann', focused: true }], 4),
      );
      expect(choices.type).toBe(8);
      expect(choices.data.choices[0].value).toBe('#o1-7');

      // Slow work defers privately and finishes through the interaction webhook over REST.
      const status = interaction(discord, {
        type: 2,
        data: {
          id: '9',
          name: 'talk',
          type: 1,
          options: [{ type: 2, name: 'daily', options: [{ type: 1, name: 'status', options: [] }] }],
        },
        permissions: ADMIN_PERMISSIONS,
      });
      const edited = discord.waitFor((r) => r.method === 'PATCH' && r.path.includes(status.token));
      expect(await send(status)).toEqual({ type: 5, data: { flags: 64 } });
      expect((await edited).path).toBe(`/api/v10/webhooks/${APP_ID}/${status.token}/messages/@original`);

      const forged = await new DiscordSigner().send(base, talk('about'));
      expect(forged.status).toBe(401);
      expect((await signer.send(base, talk('about'), { signature: null })).status).toBe(401);

      expect((await discordPost).body.embeds[0].footer.text).toMatch(/talk-daily:\d{4}-\d{2}-\d{2}$/);

      const opsLine = stderr.split('\n').find((l) => l.includes('"msg":"ops listening"'))!;
      const ready = await fetch(`http://127.0.0.1:${JSON.parse(opsLine).port}/readyz`);
      expect(await ready.json()).toEqual({
        ready: true,
        failing: [],
        checks: { content: 'ok', store: 'ok', discord: 'ok', slack: 'ok' },
      });

      // REST only: who the bot is, the channel, the post; no gateway URL asked for, no WebSocket opened.
      const paths = discord.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`);
      expect(paths).toContain('GET /api/v10/applications/@me');
      expect(paths).toContain('GET /api/v10/users/@me');
      expect(paths.some((p) => p.includes('/gateway'))).toBe(false);
      expect(discord.gatewayConnections).toBe(connectionsBefore);

      child.kill('SIGTERM');
      const [code] = await once(child, 'close');
      expect(code).toBe(0);
      const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
      // The record works: the SQLite driver (CommonJS) is in it.
      expect(modules.some((m) => m.includes('/node_modules/better-sqlite3/'))).toBe(true);
      expect(modules.filter((m) => /node_modules\/(discord\.js|@discordjs\/ws|ws)\//.test(m))).toEqual([]);
      expect(stderr).not.toContain(DISCORD_TOKEN);
    } finally {
      discord.verifyKey = undefined;
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
