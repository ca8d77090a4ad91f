/**
 * The stores the contract tests run against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (each test gets a fresh schema of its own, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { PgStore } from '../../src/daily/pg-store.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { DailyStore } from '../../src/daily/store.js';
import { StartupError } from '../../src/ops/deadline.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const PG_SKIP_REASON =
  'TEST_DATABASE_URL is not set: skipping the PostgreSQL store tests (set it to a database you can write to)';

/** The StartupError a store's start fails with (the test fails if the store opens). */
export async function refusedStart(open: () => Promise<{ close(): Promise<void> }>): Promise<StartupError> {
  const error = await open().then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartupError);
  return error as StartupError;
}

export interface StoreFactory {
  name: string;
  available: boolean;
  make(): Promise<{ store: DailyStore; another: () => Promise<DailyStore>; cleanup: () => Promise<void> }>;
}

/** A fresh, empty schema in the test database; returns its name and how to drop it. */
export async function freshSchema(url: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `talk_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export const STORES: StoreFactory[] = [
  {
    name: 'sqlite',
    available: true,
    async make() {
      const path = join(mkdtempSync(join(tmpdir(), 'talk-contract-')), 'talk.sqlite');
      const opened: DailyStore[] = [new SqliteStore(path)];
      return {
        store: opened[0]!,
        another: async () => {
          const s = new SqliteStore(path);
          opened.push(s);
          return s;
        },
        cleanup: async () => {
          for (const s of opened) await s.close();
        },
      };
    },
  },
  {
    name: 'postgres',
    available: TEST_DATABASE_URL !== undefined,
    async make() {
      const url = TEST_DATABASE_URL!;
      const { schema, drop } = await freshSchema(url);
      const opened: DailyStore[] = [await PgStore.connect(url, { schema })];
      return {
        store: opened[0]!,
        another: async () => {
          const s = await PgStore.connect(url, { schema });
          opened.push(s);
          return s;
        },
        cleanup: async () => {
          for (const s of opened) await s.close();
          await drop();
        },
      };
    },
  },
];
