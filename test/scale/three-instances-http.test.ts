/**
 * The multi-machine shape: three identical bot processes, Discord and Slack both over HTTP, one PostgreSQL,
 * interactions spread round-robin as a load balancer would. Each instance answers whatever it gets (state
 * that matters — cooldowns, seen signatures, schedules, claims — is in the database), and the daily
 * takeaway still goes out exactly once per channel when the instance halfway through posting is SIGKILLed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStore } from '../../src/daily/pg-store.js';
import { PG_SKIP_REASON, TEST_DATABASE_URL } from '../daily/stores.js';
import {
  ADMIN_PERMISSIONS,
  APP_ID,
  buttonsOf as buttons,
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  interaction,
  SECOND_CHANNEL_ID,
} from '../fakes/discord.js';
import { DiscordSigner, discordPortFromLog, ping } from '../fakes/discord-http.js';
import { CHANNEL, FakeSlack, SIGNING_SECRET, TEAM_ID } from '../fakes/slack.js';
import { dueAMinuteAgo, seedEarlier } from '../helpers.js';

const root = join(import.meta.dirname, '..', '..');
const SLACK_SECOND = 'C0000CHA2';
const database = `talk_scale_http_${process.pid}_${Date.now()}`;
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

if (!TEST_DATABASE_URL) console.log(`three instances over HTTP: ${PG_SKIP_REASON}`);

describe.skipIf(!TEST_DATABASE_URL)('three instances over HTTP on one PostgreSQL', () => {
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

  it('answers interactions round-robin, shares cooldowns and seen signatures, and posts once per channel with one instance killed mid-post', async () => {
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${database}`;
    const signer = new DiscordSigner();
    discord.verifyKey = signer.publicKey;
    const start = (n: number): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.scale.token-value',
          DISCORD_PUBLIC_KEY: signer.publicKey,
          DISCORD_API_URL: `http://127.0.0.1:${discord.port}/p${n}/api`,
          SLACK_BOT_TOKEN: 'xoxb-scale',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: `http://127.0.0.1:${slack.port}/s${n}/api/`,
          PORT: '0',
          DATABASE_URL: url.toString(),
          DAILY_TICK_SECONDS: '1',
          DAILY_LEASE_SECONDS: '4',
          COOLDOWN_SECONDS: '60',
          COOLDOWN_BURST: '3',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    const children = [1, 2, 3].map(start);
    const logs = children.map(() => [] as string[]);
    const ports = children.map(
      (c, i) =>
        new Promise<number>((resolve, reject) => {
          c.stderr!.on('data', (d) => {
            logs[i]!.push(String(d));
            const all = logs[i]!.join('');
            const port = discordPortFromLog(all);
            if (port && all.includes('"msg":"started"')) resolve(port);
          });
          c.once('exit', (code) =>
            reject(new Error(`instance ${i + 1} exited ${code}:\n${logs[i]!.join('')}`)),
          );
        }),
    );
    try {
      const bases = (await Promise.all(ports)).map((p) => `http://127.0.0.1:${p}`);
      // The load balancer: each request to the next instance in turn (or the next one still alive).
      let turn = 0;
      let alive = [0, 1, 2];
      const next = () => bases[alive[turn++ % alive.length]!]!;
      const send = async (payload: Record<string, any>) => {
        const res = await signer.send(next(), payload);
        expect(res.status).toBe(200);
        return res.body as { type: number; data: any };
      };
      const user = '610000000000000001';
      const talk = (sub: string, options: Record<string, unknown>[] = [], type: 2 | 4 = 2) =>
        interaction(discord, {
          type,
          userId: user,
          data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: sub, options }] },
        });

      expect(await send(ping(APP_ID))).toEqual({ type: 1 });
      const quote = talk('quote');
      expect((await send(quote)).data.flags ?? 0).toBe(0);
      expect((await send(talk('summary', [{ type: 3, name: 'topic', value: 'rl' }]))).data.flags ?? 0).toBe(
        0,
      );
      const search = await send(talk('search', [{ type: 3, name: 'query', value: 'data' }]));
      const page2 = await send(
        interaction(discord, {
          type: 3,
          data: {
            custom_id: buttons(search.data).find((b) => b.label === 'Next')!.custom_id,
            component_type: 2,
          },
          message: discord.message(),
        }),
      );
      expect(page2.data.embeds[0].description).toMatch(/Page 2\//);
      const choices = await send(
        talk('quote', [{ type: 3, name: 'query', value: 'Riemann', focused: true }], 4),
      );
      expect(choices.data.choices[0].value).toBe('#o1-7');
      expect((await send(talk('takeaway'))).data.flags ?? 0).toBe(0);
      // The fourth public answer in a row, on yet another instance: the cooldown is shared.
      const fourth = await send(talk('quote'));
      expect(fourth.data.flags).toBe(64);
      expect(fourth.data.embeds[0].description).toMatch(/another public answer in/);
      // A request one instance handled is refused by the others (seen signatures are shared).
      const body = JSON.stringify(talk('about'));
      const ts = Math.floor(Date.now() / 1000);
      const signature = signer.sign(body, ts);
      const statuses = [];
      for (const base of bases)
        statuses.push((await signer.send(base, body, { timestamp: ts, signature })).status);
      expect(statuses).toEqual([200, 401, 401]);

      // Now a daily takeaway falls due in four channels; posts take 1.5 s to be acknowledged, so the
      // instance that posts first is caught halfway through and killed.
      discord.slowPostsMs = 1500;
      const firstPost = discord.waitFor(
        (r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path),
        30_000,
      );
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
      const caught = await firstPost;
      const killed = Number(caught.client!.slice(1)) - 1;
      const victim = children[killed]!;
      victim.kill('SIGKILL');
      await once(victim, 'exit');
      alive = alive.filter((i) => i !== killed);

      const deadline = Date.now() + 30_000;
      const count = () => [
        discord.channels.get(CHANNEL_ID)?.length ?? 0,
        discord.channels.get(SECOND_CHANNEL_ID)?.length ?? 0,
        slack.posted.get(CHANNEL)?.length ?? 0,
        slack.posted.get(SLACK_SECOND)?.length ?? 0,
      ];
      while (count().some((n) => n === 0) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      // The survivors keep answering meanwhile, deferred work included.
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
      const edited = discord.waitFor((r) => r.method === 'PATCH' && r.path.includes(status.token), 10_000);
      expect((await send(status)).type).toBe(5);
      expect((await edited).body.embeds[0].description).toContain(`<#${CHANNEL_ID}>`);
      expect((await send(talk('help'))).type).toBe(4);
      // Long enough for any duplicate to show up.
      await new Promise((r) => setTimeout(r, 8000));
      expect(count()).toEqual([1, 1, 1, 1]);
      // The survivors looked in the channel rather than posting again.
      const lookups = discord.requests.filter(
        (r) => r.method === 'GET' && r.path === `${caught.path}?limit=50`,
      );
      expect(lookups.length).toBeGreaterThan(0);

      const survivors = children.filter((c) => c !== victim);
      for (const c of survivors) c.kill('SIGTERM');
      const codes = await Promise.all(survivors.map(async (c) => (await once(c, 'exit'))[0]));
      console.log(
        `three instances over HTTP: 4 posts expected, ${count().reduce((a, b) => a + b)} received; instance p${killed + 1} killed mid-post`,
      );
      if (codes.some((c) => c !== 0))
        console.log(logs.map((l, i) => `--- p${i + 1}\n${l.join('')}`).join('\n'));
      expect(codes).toEqual([0, 0]);
    } finally {
      discord.slowPostsMs = 0;
      discord.verifyKey = undefined;
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }
  }, 120_000);
});
