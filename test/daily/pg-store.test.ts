/**
 * What only the PostgreSQL store does: start-up failures in one sentence, migrations shared by instances
 * starting together, bounded waits, and the request and rate-limit state every instance shares (checked
 * against the in-memory versions one instance uses alone).
 */
import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryBuckets } from '../../src/core/cooldown.js';
import { PgStore } from '../../src/daily/pg-store.js';
import { MemorySeen } from '../../src/http/replay.js';
import { EXIT, type StartupError } from '../../src/ops/deadline.js';
import { freshSchema, PG_SKIP_REASON, refusedStart, TEST_DATABASE_URL } from './stores.js';

const url = TEST_DATABASE_URL ?? '';
if (!TEST_DATABASE_URL) console.log(`pg store: ${PG_SKIP_REASON}`);

/** The StartupError PgStore.connect fails with (the test fails if it connects). */
const refusal = (connectionString: string, timeoutMs = 5_000) =>
  refusedStart(() => PgStore.connect(connectionString, { timeoutMs }));

/** A TCP server that accepts connections and never says a word. */
async function silentServer(): Promise<{ port: number; server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store: start-up', () => {
  it('says the database does not exist, naming where DATABASE_URL points', async () => {
    const target = new URL(url);
    const missing = new URL(url);
    missing.pathname = '/talk_no_such_database';
    const error = await refusal(missing.toString());
    expect(error.sentence).toBe(
      `DATABASE_URL: ${target.hostname}:${target.port}: the database does not exist — create it, or fix its name in DATABASE_URL.`,
    );
    expect(error.exitCode).toBe(EXIT.unavailable);
  });

  it('says when nothing listens at the address', async () => {
    const { port, server } = await silentServer();
    await new Promise((resolve) => server.close(resolve));
    const error = await refusal(`postgres://postgres@127.0.0.1:${port}/test`);
    expect(error.sentence).toBe(
      `DATABASE_URL: connection refused by 127.0.0.1:${port} — is PostgreSQL running there?`,
    );
  });

  it('gives up on a server that never answers within the bound it was given', async () => {
    const { port, server } = await silentServer();
    try {
      const error = await refusal(`postgres://postgres@127.0.0.1:${port}/test`, 600);
      expect(error.sentence).toBe(
        `DATABASE_URL: no answer from 127.0.0.1:${port} within 1 s — is PostgreSQL running and reachable?`,
      );
    } finally {
      server.close();
    }
  });

  it('migrates once when several instances start together on an empty schema', async () => {
    const { schema, drop } = await freshSchema(url);
    try {
      const stores = await Promise.all([1, 2, 3].map(() => PgStore.connect(url, { schema })));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(`SELECT version FROM ${schema}.talk_migrations ORDER BY version`);
      await client.end();
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6].slice(0, rows.length));
      expect(rows.length).toBeGreaterThan(1);
      // A later start finds nothing left to do.
      const later = await PgStore.connect(url, { schema });
      for (const s of [...stores, later]) await s.close();
    } finally {
      await drop();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store: a migration that fails', () => {
  it('stops with the server’s words, leaves nothing half-done, and migrates once the cause is gone', async () => {
    const { schema, drop } = await freshSchema(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A table of the first migration already there, as a hand-made one would be.
      await client.query(`CREATE TABLE ${schema}.posts (id INTEGER)`);
      const target = new URL(url);
      const error = await PgStore.connect(url, { schema }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as StartupError).sentence).toBe(
        `DATABASE_URL: ${target.hostname}:${target.port}: relation "posts" already exists — check DATABASE_URL.`,
      );
      const tables = await client.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['posts', 'talk_migrations']);
      await client.query(`DROP TABLE ${schema}.posts`);
      const store = await PgStore.connect(url, { schema, timeoutMs: 2_000 });
      await store.close();
    } finally {
      await client.end();
      await drop();
    }
  });
});

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL store: shared request and rate-limit state', () => {
  let stores: PgStore[];
  let schema: string;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const fresh = await freshSchema(url);
    ({ schema, drop } = fresh);
    stores = [
      await PgStore.connect(url, { schema: fresh.schema }),
      await PgStore.connect(url, { schema: fresh.schema }),
    ];
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const s of stores) await s.close();
    await drop();
  });

  it('sees a request once across instances until it expires, as one instance alone does', async () => {
    const [a, b] = stores as [PgStore, PgStore];
    const memory = new MemorySeen();
    const steps: [store: 'a' | 'b', key: string, now: number, expiresAt: number][] = [
      ['a', 'r1', 0, 100],
      ['b', 'r1', 50, 150],
      ['a', 'r2', 60, 160],
      ['b', 'r1', 99, 199],
      ['a', 'r1', 100, 200],
      ['b', 'r1', 150, 250],
    ];
    const shared: boolean[] = [];
    const alone: boolean[] = [];
    for (const [which, key, now, expiresAt] of steps) {
      shared.push(await (which === 'a' ? a : b).firstSeen(key, now, expiresAt));
      alone.push(await memory.firstSeen(key, now, expiresAt));
    }
    expect(shared).toEqual([true, false, true, false, true, false]);
    expect(shared).toEqual(alone);
  });

  it('now and then forgets the requests that have expired', async () => {
    // One connection: the store's next query runs only after its housekeeping.
    const a = await PgStore.connect(url, { schema, max: 1 });
    stores.push(a);
    await a.firstSeen('old', 0, 100);
    await a.firstSeen('live', 0, 1_000);
    const keys = async () => {
      await a.ping();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(`SELECT key FROM ${schema}.talk_seen_requests ORDER BY key`);
      await client.end();
      return rows.map((r) => r.key);
    };
    // One time in a hundred, and not more often.
    vi.spyOn(Math, 'random').mockReturnValue(0.01);
    await a.firstSeen('new', 200, 300);
    expect(await keys()).toEqual(['live', 'new', 'old']);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await a.firstSeen('newer', 200, 300);
    expect(await keys()).toEqual(['live', 'new', 'newer']);
  });

  it('takes tokens from a bucket shared by instances, refilling as one instance alone does', async () => {
    const [a, b] = stores as [PgStore, PgStore];
    const memory = new MemoryBuckets();
    const steps: [store: 'a' | 'b', key: string, now: number][] = [
      ['a', 'u1', 0],
      ['b', 'u1', 0],
      ['a', 'u1', 10],
      ['b', 'u1', 100],
      ['a', 'u2', 100],
      ['b', 'u1', 1_000],
      ['a', 'u1', 1_000],
      ['b', 'u1', 1_250],
      ['a', 'u1', 10_000],
    ];
    const shared: unknown[] = [];
    const alone: unknown[] = [];
    for (const [which, key, now] of steps) {
      shared.push(await (which === 'a' ? a : b).takeToken(key, now, 2, 1_000));
      alone.push(await memory.takeToken(key, now, 2, 1_000));
    }
    expect(shared).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, retryInMs: 990 },
      { ok: false, retryInMs: 900 },
      { ok: true },
      { ok: true },
      { ok: false, retryInMs: 1_000 },
      { ok: false, retryInMs: 750 },
      { ok: true },
    ]);
    expect(shared).toEqual(alone);
  });
});
