/**
 * The bot as an operator meets it when something outside fails: a database or Discord that accepts and
 * never answers, a folder that cannot be made, a damaged file, a token refused, a partition while running.
 * Each case runs `npm start`'s entry point in its own process and times the fault to the plain sentence,
 * the 503 or the exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, interaction } from '../fakes/discord.js';
import { BlackHole, PartitionProxy } from '../fakes/faults.js';
import { FakeSlack } from '../fakes/slack.js';

const root = join(import.meta.dirname, '..', '..');
const DISCORD_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.faults.test-token-value';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
let discord: FakeDiscord;
let hole: BlackHole;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  hole = await new BlackHole().start();
});

afterAll(async () => {
  await discord?.stop();
  await hole?.stop();
});

interface Run {
  child: ChildProcess;
  stderr: () => string;
  began: number;
  exited: Promise<{ code: number | null; ms: number }>;
}

function start(env: Record<string, string>): Run {
  const began = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'talk-faults-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  const exited = once(child, 'exit').then(([code]) => ({
    code: code as number | null,
    ms: Math.round(performance.now() - began),
  }));
  return { child, stderr: () => stderr, began, exited };
}

/** The plain sentence a failed start prints (the line that is not JSON). */
const sentence = (stderr: string) =>
  stderr.split('\n').find((l) => l.startsWith('talk: could not start.')) ??
  `(none in: ${stderr.slice(-500)})`;

async function until(test: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25)))
    if (test()) return;
  throw new Error('timed out');
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`fault → outcome:\n  ${figures.join('\n  ')}`);
});

describe('start-up never hangs and always says why', () => {
  it('DATABASE_URL pointing at a server that never answers: exits naming it, within its timeout', async () => {
    const run = start({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.api,
      DATABASE_URL: `postgres://talk@127.0.0.1:${hole.port}/talk`,
      DATABASE_TIMEOUT_SECONDS: '2',
    });
    const { code, ms } = await run.exited;
    expect(code).toBe(69);
    expect(sentence(run.stderr())).toBe(
      `talk: could not start. DATABASE_URL: no answer from 127.0.0.1:${hole.port} within 2 s — is PostgreSQL running and reachable?`,
    );
    expect(run.stderr()).toMatch(/"msg":"could not start"/);
    figures.push(`DATABASE_URL black hole → exit 69 after ${ms} ms`);
  });

  it('DATABASE_URL refusing connections: says so at once', async () => {
    const port = await closedPort();
    const run = start({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.api,
      DATABASE_URL: `postgres://talk:secret-pass@127.0.0.1:${port}/talk`,
    });
    const { code, ms } = await run.exited;
    expect(code).toBe(69);
    expect(sentence(run.stderr())).toBe(
      `talk: could not start. DATABASE_URL: connection refused by 127.0.0.1:${port} — is PostgreSQL running there?`,
    );
    expect(run.stderr()).not.toContain('secret-pass');
    figures.push(`DATABASE_URL refused → exit 69 after ${ms} ms`);
  });

  it('DISCORD_API_URL pointing at a server that never answers: exits naming it', async () => {
    const run = start({
      DISCORD_TOKEN,
      DISCORD_API_URL: `${hole.url}/api`,
      STARTUP_TIMEOUT_SECONDS: '2',
      API_TIMEOUT_SECONDS: '1',
    });
    const { code, ms } = await run.exited;
    expect(code).toBe(69);
    expect(sentence(run.stderr())).toMatch(
      new RegExp(
        `^talk: could not start\\. DISCORD_API_URL: no answer from 127\\.0\\.0\\.1:${hole.port} within \\d s — is Discord \\(or your REST proxy\\) running and reachable\\?$`,
      ),
    );
    expect(run.stderr()).not.toContain(DISCORD_TOKEN);
    figures.push(`DISCORD_API_URL black hole → exit 69 after ${ms} ms`);
  });

  it('DISCORD_TOKEN refused by Discord: says to reset it', async () => {
    discord.respond = (r) =>
      r.path.endsWith('/gateway/bot') ? [401, { message: '401: Unauthorized', code: 0 }] : undefined;
    try {
      const run = start({ DISCORD_TOKEN, DISCORD_API_URL: discord.api });
      const { code } = await run.exited;
      expect(code).toBe(78);
      expect(sentence(run.stderr())).toBe(
        'talk: could not start. DISCORD_TOKEN: Discord refused the token — reset it in the Developer Portal (Bot → Reset Token) and update DISCORD_TOKEN.',
      );
    } finally {
      discord.respond = undefined;
    }
  });

  it('HTTP interactions (DISCORD_PUBLIC_KEY) with DISCORD_API_URL never answering: exits naming it', async () => {
    const run = start({
      DISCORD_TOKEN,
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      DISCORD_API_URL: `${hole.url}/api`,
      PORT: '0',
      STARTUP_TIMEOUT_SECONDS: '2',
      API_TIMEOUT_SECONDS: '1',
    });
    const { code, ms } = await run.exited;
    expect(code).toBe(69);
    expect(sentence(run.stderr())).toMatch(
      new RegExp(
        `^talk: could not start\\. DISCORD_API_URL: no answer from 127\\.0\\.0\\.1:${hole.port} within \\d s — is Discord \\(or your REST proxy\\) running and reachable\\?$`,
      ),
    );
    figures.push(`DISCORD_API_URL black hole, HTTP interactions → exit 69 after ${ms} ms`);
  });

  it('HTTP interactions with the public key of another application: says which variable is wrong', async () => {
    discord.verifyKey = 'cd'.repeat(32);
    try {
      const run = start({
        DISCORD_TOKEN,
        DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
        DISCORD_API_URL: discord.api,
        PORT: '0',
      });
      const { code } = await run.exited;
      expect(code).toBe(78);
      expect(sentence(run.stderr())).toBe(
        'talk: could not start. DISCORD_PUBLIC_KEY: it is not the public key of the application DISCORD_TOKEN belongs to (talk) — copy it from the Developer Portal → General Information → Public Key.',
      );
    } finally {
      discord.verifyKey = undefined;
    }
  });

  it('DATA_DIR that cannot be made (under /proc): exits naming it instead of hanging', async () => {
    const run = start({ DISCORD_TOKEN, DISCORD_API_URL: discord.api, DATA_DIR: '/proc/nonexistent' });
    const { code, ms } = await run.exited;
    expect(code).toBe(73);
    expect(sentence(run.stderr())).toBe(
      'talk: could not start. DATA_DIR: cannot create /proc/nonexistent (no such file or directory) — set DATA_DIR to a folder that can exist.',
    );
    figures.push(`DATA_DIR=/proc/nonexistent → exit 73 after ${ms} ms`);
  });

  it('DATA_DIR that is a file: says it is not a folder', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'talk-faults-')), 'not-a-folder');
    writeFileSync(file, 'x');
    const run = start({ DISCORD_TOKEN, DISCORD_API_URL: discord.api, DATA_DIR: file });
    expect((await run.exited).code).toBe(73);
    expect(sentence(run.stderr())).toBe(
      `talk: could not start. DATA_DIR: ${file} is not a folder — set DATA_DIR to a folder.`,
    );
  });

  it('a damaged SQLite file: stops the start naming the file and how to recover', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talk-faults-'));
    writeFileSync(join(dir, 'talk.sqlite'), 'this is not a database file, just some text'.repeat(100));
    const run = start({ DISCORD_TOKEN, DISCORD_API_URL: discord.api, DATA_DIR: dir });
    expect((await run.exited).code).toBe(65);
    expect(sentence(run.stderr())).toContain(`DATA_DIR: ${join(dir, 'talk.sqlite')} is damaged (`);
    expect(sentence(run.stderr())).toContain(`move the file aside (mv ${join(dir, 'talk.sqlite')}`);
  });

  it('SLACK_BOT_TOKEN refused by Slack: says to reinstall the app', async () => {
    const slack = await new FakeSlack().start();
    slack.apiErrors.set('auth.test', ['invalid_auth']);
    try {
      const run = start({
        SLACK_BOT_TOKEN: 'xoxb-refused',
        SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
      });
      expect((await run.exited).code).toBe(78);
      expect(sentence(run.stderr())).toBe(
        'talk: could not start. SLACK_BOT_TOKEN: Slack refused the token (invalid_auth) — reinstall the app to the workspace and copy its Bot User OAuth Token (xoxb-…).',
      );
    } finally {
      await slack.stop();
    }
  });

  it('SLACK_API_URL pointing at a server that never answers: exits naming it', async () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-silent',
      SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      SLACK_API_URL: `${hole.url}/api/`,
      PORT: '0',
      STARTUP_TIMEOUT_SECONDS: '2',
      API_TIMEOUT_SECONDS: '1',
    });
    const { code, ms } = await run.exited;
    expect(code).toBe(69);
    expect(sentence(run.stderr())).toBe(
      `talk: could not start. SLACK_API_URL: no answer from 127.0.0.1:${hole.port} within 2 s — is Slack running and reachable?`,
    );
    figures.push(`SLACK_API_URL black hole → exit 69 after ${ms} ms`);
  });

  it('SIGTERM during start-up (a silent database): stops within 5 s and exits 0', async () => {
    const run = start({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.api,
      DATABASE_URL: `postgres://talk@127.0.0.1:${hole.port}/talk`,
      DATABASE_TIMEOUT_SECONDS: '60',
    });
    // Wait until it is inside the start (it has logged nothing yet; give it time to load and connect).
    await new Promise((r) => setTimeout(r, 2500));
    const signalled = performance.now();
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    const ms = Math.round(performance.now() - signalled);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    const stopping = run
      .stderr()
      .split('\n')
      .find((l) => l.includes('"msg":"stopping"'));
    expect(JSON.parse(stopping!)).toMatchObject({ signal: 'SIGTERM', during: 'start-up' });
    figures.push(`SIGTERM during start-up → exit 0 after ${ms} ms`);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL partitioned while running', () => {
  it('/readyz says 503 naming the store within 2 s, `daily status` is answered, SIGTERM finishes', async () => {
    const target = new URL(TEST_DATABASE_URL!);
    const proxy = await new PartitionProxy(Number(target.port || 5432), target.hostname).start();
    const viaProxy = new URL(TEST_DATABASE_URL!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const run = start({
      DISCORD_TOKEN,
      DISCORD_API_URL: discord.api,
      DATABASE_URL: viaProxy.toString(),
      DATABASE_TIMEOUT_SECONDS: '2',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
    });
    try {
      await until(() => /"msg":"started"/.test(run.stderr()), 20_000);
      const opsLine = run
        .stderr()
        .split('\n')
        .find((l) => l.includes('"msg":"ops listening"'))!;
      const ops = `http://127.0.0.1:${JSON.parse(opsLine).port}`;
      expect((await fetch(`${ops}/readyz`)).status).toBe(200);

      proxy.partition();
      const t0 = performance.now();
      const ready = await fetch(`${ops}/readyz`);
      const readyMs = Math.round(performance.now() - t0);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ failing: ['store'] });
      expect(readyMs).toBeLessThan(2000);

      const payload = interaction(discord, {
        type: 2,
        data: {
          id: '9',
          name: 'talk',
          type: 1,
          options: [{ type: 2, name: 'daily', options: [{ type: 1, name: 'status', options: [] }] }],
        },
      });
      const answered = discord.waitFor(
        (r) => r.method === 'PATCH' && r.path.includes(`/webhooks/`) && r.path.includes(payload.token),
        15_000,
      );
      const t1 = performance.now();
      discord.dispatch('INTERACTION_CREATE', payload);
      const reply = await answered;
      const statusMs = Math.round(performance.now() - t1);
      expect(reply.body.embeds[0].description).toMatch(/Something went wrong|database/i);

      const t2 = performance.now();
      run.child.kill('SIGTERM');
      const { code } = await run.exited;
      const stopMs = Math.round(performance.now() - t2);
      expect(code).toBe(0);
      expect(stopMs).toBeLessThan(3000 + 1500);
      figures.push(
        `PostgreSQL partition → /readyz 503 after ${readyMs} ms; daily status answered after ${statusMs} ms; SIGTERM → exit 0 after ${stopMs} ms`,
      );
    } finally {
      run.child.kill('SIGKILL');
      await proxy.stop();
    }
  });
});
