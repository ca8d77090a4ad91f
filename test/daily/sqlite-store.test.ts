/** What only the SQLite store does: opening its file under DATA_DIR at start-up, and its readiness check. */
import { closeSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE, SqliteStore } from '../../src/daily/sqlite-store.js';
import { EXIT } from '../../src/ops/deadline.js';
import { refusedStart } from './stores.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'talk-sqlite-'));
const schedule = (channel: string) =>
  ({
    platform: 'slack',
    workspace: 'T1',
    channel,
    time: '09:00',
    zone: 'UTC',
    lang: 'en',
    source: 'env',
  }) as const;

/** The StartupError SqliteStore.open fails with (the test fails if it opens). */
const refusal = (dir: string) => refusedStart(() => SqliteStore.open(dir, 5_000));

/** Overwrites `length` bytes of the file at `offset`. */
function scribble(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

const damaged = (path: string, detail: string) =>
  `DATA_DIR: ${path} is damaged (${detail}) — stop the bot, move the file aside (mv ${path} ${path}.broken), and start again: a new database is created, and daily schedules must be set again.`;

describe('SqliteStore.open', () => {
  it('creates DATA_DIR and its database, and finds what was saved when opened again', async () => {
    const dir = join(fresh(), 'data');
    const first = await SqliteStore.open(dir, 5_000);
    expect(first.path).toBe(join(dir, DATABASE_FILE));
    await first.saveSchedule(schedule('C1'), 0);
    await first.close();
    const again = await SqliteStore.open(dir, 5_000);
    expect((await again.listSchedules()).map((s) => s.id)).toEqual(['slack:T1:C1']);
    await again.close();
  });

  it('stops the start with the DATA_DIR sentence when the folder cannot be used', async () => {
    const file = join(fresh(), 'data');
    writeFileSync(file, '');
    expect((await refusal(file)).sentence).toBe(
      `DATA_DIR: ${file} is not a folder — set DATA_DIR to a folder.`,
    );
  });

  it('says how to move aside a file that is not a database at all', async () => {
    const dir = fresh();
    writeFileSync(join(dir, DATABASE_FILE), 'these are not the bytes of a database, not even close to it');
    const error = await refusal(dir);
    const path = join(dir, DATABASE_FILE);
    expect(error.sentence).toBe(damaged(path, 'file is not a database'));
    expect(error.exitCode).toBe(EXIT.dataError);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('checks the file and names every problem its check finds, leaving the file closed', async () => {
    const dir = fresh();
    const store = await SqliteStore.open(dir, 5_000);
    for (let i = 0; i < 50; i++) await store.saveSchedule(schedule(`C${i}`), 0);
    await store.close();
    const path = join(dir, DATABASE_FILE);
    // The third page holds the schedules' index: the file still opens, but its check fails.
    scribble(path, 2 * 4096, Buffer.alloc(4096, 0x41));
    const error = await refusal(dir);
    expect(error.sentence).toMatch(
      /^DATA_DIR: .* is damaged \(\*\*\* in database main \*\*\*\n.+; .+\) — stop the bot/s,
    );
    expect(error.exitCode).toBe(EXIT.dataError);
    // Closed: SQLite removes its write-ahead files when the last connection closes.
    expect(readdirSync(dir)).toEqual([DATABASE_FILE]);
  });
});

describe('SqliteStore readiness', () => {
  it('answers a ping while open, and says which file and why once it cannot', async () => {
    const path = join(fresh(), DATABASE_FILE);
    const store = new SqliteStore(path);
    expect(store.quickCheck()).toBe('ok');
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    expect(store.quickCheck()).toBe('The database connection is not open');
    await expect(store.ping()).rejects.toThrow(`${path}: The database connection is not open`);
  });
});
