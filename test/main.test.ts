import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/daily/sqlite-store.js';
import { CHANNEL_ID, FakeDiscord, GUILD_ID, interaction } from './fakes/discord.js';
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
