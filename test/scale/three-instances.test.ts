/**
 * Three bot processes on one PostgreSQL database and the local fake Discord and Slack: every channel gets
 * exactly one takeaway for the day, even when the process that is halfway through posting is SIGKILLed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/daily/pg-store.js';
import { PG_SKIP_REASON, TEST_DATABASE_URL } from '../daily/stores.js';
import { CHANNEL_ID, FakeDiscord, GUILD_ID, SECOND_CHANNEL_ID } from '../fakes/discord.js';
import { CHANNEL, FakeSlack, SIGNING_SECRET, TEAM_ID } from '../fakes/slack.js';
import { dueAMinuteAgo, seedEarlier } from '../helpers.js';

const root = join(import.meta.dirname, '..', '..');
const SLACK_SECOND = 'C0000CHA2';
const database = `talk_scale_${process.pid}_${Date.now()}`;
let discord: FakeDiscord;
let slack: FakeSlack;

async function admin(sql: string) {
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

if (!TEST_DATABASE_URL) console.log(`three instances: ${PG_SKIP_REASON}`);

describe.skipIf(!TEST_DATABASE_URL)('three instances on one PostgreSQL', () => {
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    discord = await new FakeDiscord().start();
    slack = await new FakeSlack().start();
    slack.memberOf.add(SLACK_SECOND);
  });

  afterAll(async () => {
    await discord?.stop();
    await slack?.stop();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('posts one takeaway per channel per day, even when one process is killed mid-post', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${database}`;
    // Posts take 1.5 s to be acknowledged, so a process can be caught halfway through one.
    discord.slowPostsMs = 1500;
    const due = dueAMinuteAgo();
    const seeded = await PgStore.connect(url.toString());
    await seedEarlier(
      seeded,
      'discord',
      [
        { workspace: GUILD_ID, channel: CHANNEL_ID },
        { workspace: GUILD_ID, channel: SECOND_CHANNEL_ID },
      ],
      due,
    );
    await seedEarlier(
      seeded,
      'slack',
      [
        { workspace: TEAM_ID, channel: CHANNEL },
        { workspace: TEAM_ID, channel: SLACK_SECOND },
      ],
      due,
    );
    await seeded.close();
    const start = (n: number): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.scale.token-value',
          DISCORD_API_URL: `http://127.0.0.1:${discord.port}/p${n}/api`,
          SLACK_BOT_TOKEN: 'xoxb-scale',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: `http://127.0.0.1:${slack.port}/s${n}/api/`,
          PORT: '0',
          DATABASE_URL: url.toString(),
          DAILY_DISCORD_CHANNELS: `${CHANNEL_ID},${SECOND_CHANNEL_ID}`,
          DAILY_SLACK_CHANNELS: `${CHANNEL},${SLACK_SECOND}`,
          DAILY_TIME: due.time,
          DAILY_TZ: due.zone,
          DAILY_TICK_SECONDS: '1',
          DAILY_LEASE_SECONDS: '4',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    const firstPost = discord.waitFor(
      (r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path),
      30_000,
    );
    const children = [1, 2, 3].map(start);
    const logs = children.map(() => [] as string[]);
    for (const [i, c] of children.entries()) c.stderr!.on('data', (d) => logs[i]!.push(String(d)));
    try {
      const caught = await firstPost;
      const victim = children[Number(caught.client!.slice(1)) - 1]!;
      victim.kill('SIGKILL');
      await once(victim, 'exit');

      // Wait for every channel to have its post, then long enough for any duplicate to show up.
      const deadline = Date.now() + 30_000;
      const count = () => [
        discord.channels.get(CHANNEL_ID)?.length ?? 0,
        discord.channels.get(SECOND_CHANNEL_ID)?.length ?? 0,
        slack.posted.get(CHANNEL)?.length ?? 0,
        slack.posted.get(SLACK_SECOND)?.length ?? 0,
      ];
      while (count().some((n) => n === 0) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 8000));
      expect(count()).toEqual([1, 1, 1, 1]);
      // The survivors looked in the channel rather than posting again.
      const lookups = discord.requests.filter(
        (r) => r.method === 'GET' && r.path === `${caught.path}?limit=50`,
      );
      expect(lookups.length).toBeGreaterThan(0);

      const survivors = children.filter((c) => c !== victim);
      const t0 = performance.now();
      for (const c of survivors) c.kill('SIGTERM');
      const codes = await Promise.all(survivors.map(async (c) => (await once(c, 'exit'))[0]));
      console.log(
        `three instances: 4 posts expected, ${count().reduce((a, b) => a + b)} received; shutdown of two instances took ${Math.round(performance.now() - t0)} ms`,
      );
      if (codes.some((c) => c !== 0))
        console.log(logs.map((l, i) => `--- p${i + 1}\n${l.join('')}`).join('\n'));
      expect(codes).toEqual([0, 0]);
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
  }, 90_000);
});
