/**
 * Discord sharding: `npm start` with DISCORD_SHARDS spawns shard processes through discord.js's own
 * ShardingManager; each shard answers its own guilds, and daily posts are sent once, by the main process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import {
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  interaction,
  SECOND_GUILD_CHANNEL_ID,
  SECOND_GUILD_ID,
} from '../fakes/discord.js';
import { dueAMinuteAgo, seedEarlier } from '../helpers.js';

const root = join(import.meta.dirname, '..', '..');
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  fake.shardCount = 2;
});

afterAll(async () => {
  await fake?.stop();
});

describe('Discord sharding', () => {
  it.each(['auto', '2'])(
    'DISCORD_SHARDS=%s: two shards answer their own guilds; each daily post is sent once',
    async (shards) => {
      fake.identifiedShards.clear();
      const before = new Map([...fake.channels].map(([k, v]) => [k, v.length]));
      const due = dueAMinuteAgo();
      const dataDir = mkdtempSync(join(tmpdir(), 'talk-shard-'));
      const seeded = new SqliteStore(join(dataDir, 'talk.sqlite'));
      await seedEarlier(
        seeded,
        'discord',
        [
          { workspace: GUILD_ID, channel: CHANNEL_ID },
          { workspace: SECOND_GUILD_ID, channel: SECOND_GUILD_CHANNEL_ID },
        ],
        due,
      );
      await seeded.close();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        env: {
          ...process.env,
          DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.shard.token-value',
          DISCORD_API_URL: fake.api,
          DISCORD_SHARDS: shards,
          DATA_DIR: dataDir,
          DAILY_DISCORD_CHANNELS: `${CHANNEL_ID},${SECOND_GUILD_CHANNEL_ID}`,
          DAILY_TIME: due.time,
          DAILY_TZ: due.zone,
          DAILY_TICK_SECONDS: '1',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += String(d);
      });
      try {
        const started = new Promise<void>((resolve) =>
          child.stderr.on('data', () => /"msg":"started"/.test(stderr) && resolve()),
        );
        await started;
        expect([...fake.identifiedShards].sort()).toEqual([0, 1]);

        for (const [guildId, channelId] of [
          [GUILD_ID, CHANNEL_ID],
          [SECOND_GUILD_ID, SECOND_GUILD_CHANNEL_ID],
        ] as const) {
          const payload = interaction(fake, {
            type: 2,
            guildId,
            channelId,
            data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name: 'about', options: [] }] },
          });
          const callback = fake.waitFor((r) => r.path.includes(`/interactions/${payload.id}/`));
          fake.dispatchToGuild('INTERACTION_CREATE', payload, guildId);
          expect((await callback).body.data.embeds[0].description).toContain('Xuanhuai College');
        }

        // Both guilds' channels get today's post, once, from the main process.
        const deadline = Date.now() + 15_000;
        const sent = (c: string) => (fake.channels.get(c)?.length ?? 0) - (before.get(c) ?? 0);
        while ((sent(CHANNEL_ID) < 1 || sent(SECOND_GUILD_CHANNEL_ID) < 1) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 200));
        }
        await new Promise((r) => setTimeout(r, 3000));
        expect([sent(CHANNEL_ID), sent(SECOND_GUILD_CHANNEL_ID)]).toEqual([1, 1]);
        expect(stderr.match(/"msg":"shard started"/g)).toHaveLength(2);

        child.kill('SIGTERM');
        const [code] = await once(child, 'close');
        expect(code).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
    60_000,
  );
});
