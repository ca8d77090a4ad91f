import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SqliteStore } from '../../src/daily/sqlite-store.js';

it('posts once per channel per day when two processes share one SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'talk-two-'));
  const db = join(dir, 'talk.sqlite');
  const out = join(dir, 'posts.log');
  const store = new SqliteStore(db);
  const times = { c1: '09:00', c2: '09:00', c3: '21:30' };
  for (const [channel, time] of Object.entries(times)) {
    await store.saveSchedule(
      {
        platform: 'discord',
        workspace: 'g',
        channel,
        time,
        zone: 'Europe/Berlin',
        lang: 'both',
        source: 'env',
      },
      0,
    );
  }
  await store.close();
  const worker = join(import.meta.dirname, 'two-processes.worker.ts');
  // Two days (across the spring-forward change) at 10,000× speed: about 17 seconds.
  const t0 = String(Date.now());
  const children = ['P1', 'P2'].map((owner) =>
    spawn(
      process.execPath,
      ['--import', 'tsx', worker, db, out, owner, '2026-03-28T02:00:00Z', t0, '10000', '2'],
      { stdio: 'inherit' },
    ),
  );
  const codes = await Promise.all(children.map(async (c) => (await once(c, 'exit'))[0]));
  expect(codes).toEqual([0, 0]);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  const keys = lines.map((l) => l.split(' ').slice(0, 2).join(' '));
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.sort()).toEqual(
    ['c1', 'c2', 'c3'].flatMap((c) => ['2026-03-28', '2026-03-29'].map((d) => `${c} talk-daily:${d}`)).sort(),
  );
}, 60_000);
