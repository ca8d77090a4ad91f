/**
 * The PostgreSQL store, chosen when DATABASE_URL is set, for several bot processes sharing one database.
 * Migrations run under an advisory lock, so instances starting together are safe; a claim locks the
 * schedule's row, so concurrent claims for one channel run one after another.
 */
import pg from 'pg';
import { toPost, toSchedule } from './rows.js';
import {
  type Claim,
  type ClaimInput,
  type DailyStore,
  type Platform,
  type PostRecord,
  type RotationState,
  type Schedule,
  type ScheduleInput,
  scheduleId,
} from './store.js';

const MIGRATION_LOCK = 7_245_316_001; // any fixed 64-bit key; ours for "talk migrations"

/** Each entry moves the schema one version forward; never edit one that has shipped. */
const MIGRATIONS: string[] = [
  `CREATE TABLE schedules (
     id TEXT PRIMARY KEY,
     platform TEXT NOT NULL,
     workspace TEXT NOT NULL,
     channel TEXT NOT NULL,
     time TEXT NOT NULL,
     zone TEXT NOT NULL,
     lang TEXT NOT NULL,
     set_by TEXT,
     source TEXT NOT NULL,
     enabled BOOLEAN NOT NULL DEFAULT TRUE,
     paused_reason TEXT,
     failure_streak INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     last_error_at BIGINT,
     rotation_cycle INTEGER NOT NULL DEFAULT 0,
     rotation_position INTEGER NOT NULL DEFAULT 0,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE posts (
     schedule_id TEXT NOT NULL,
     local_date TEXT NOT NULL,
     takeaway_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
     attempts INTEGER NOT NULL,
     claimed_by TEXT,
     claimed_at BIGINT,
     posted_at BIGINT,
     message_id TEXT,
     delayed BOOLEAN NOT NULL DEFAULT FALSE,
     last_error TEXT,
     next_attempt_at BIGINT,
     PRIMARY KEY (schedule_id, local_date)
   );`,
];

/** BIGINT columns hold epoch milliseconds: well inside JavaScript's safe integers. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export class PgStore implements DailyStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and migrates. `schema` (default: the connection's own) lets tests use a schema of their own. */
  static async connect(
    connectionString: string,
    options: { schema?: string; max?: number } = {},
  ): Promise<PgStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.max ?? 5,
      types,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    pool.on('error', () => undefined); // an idle client's connection dropped: the pool replaces it
    const store = new PgStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS talk_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await client.query('SELECT COALESCE(MAX(version), 0) AS v FROM talk_migrations');
      for (let v = Number(rows[0].v); v < MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        await client.query(MIGRATIONS[v]!);
        await client.query('INSERT INTO talk_migrations (version, applied_at) VALUES ($1, $2)', [
          v + 1,
          Date.now(),
        ]);
        await client.query('COMMIT');
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  /** Reachable right now? For readiness checks. */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async saveSchedule(input: ScheduleInput, now: number): Promise<Schedule> {
    const id = scheduleId(input.platform, input.workspace, input.channel);
    const { rows } = await this.pool.query(
      `INSERT INTO schedules (id, platform, workspace, channel, time, zone, lang, set_by, source, enabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10, $10)
       ON CONFLICT (id) DO UPDATE SET time = $5, zone = $6, lang = $7, set_by = $8, source = $9,
         enabled = TRUE, paused_reason = NULL, failure_streak = 0, updated_at = $10
       RETURNING *`,
      [
        id,
        input.platform,
        input.workspace,
        input.channel,
        input.time,
        input.zone,
        input.lang,
        input.setBy ?? null,
        input.source,
        now,
      ],
    );
    return toSchedule(rows[0]);
  }

  async disableSchedule(id: string, now: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE schedules SET enabled = FALSE, updated_at = $1 WHERE id = $2 AND enabled',
      [now, id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async getSchedule(id: string): Promise<Schedule | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM schedules WHERE id = $1 AND enabled', [id]);
    return rows[0] ? toSchedule(rows[0]) : undefined;
  }

  async listSchedules(filter: { platform?: Platform; workspace?: string } = {}): Promise<Schedule[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM schedules WHERE enabled AND ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace = $2) ORDER BY id`,
      [filter.platform ?? null, filter.workspace ?? null],
    );
    return rows.map(toSchedule);
  }

  async rotation(id: string): Promise<RotationState> {
    const { rows } = await this.pool.query(
      'SELECT rotation_cycle, rotation_position FROM schedules WHERE id = $1',
      [id],
    );
    return { cycle: rows[0]?.rotation_cycle ?? 0, position: rows[0]?.rotation_position ?? 0 };
  }

  async claim(input: ClaimInput): Promise<Claim> {
    return this.transaction(async (db) => {
      // Locking the schedule's row puts every claim for this channel in line.
      const state = await db.query(
        'SELECT rotation_cycle, rotation_position FROM schedules WHERE id = $1 FOR UPDATE',
        [input.scheduleId],
      );
      const existing = await db.query('SELECT * FROM posts WHERE schedule_id = $1 AND local_date = $2', [
        input.scheduleId,
        input.localDate,
      ]);
      if (existing.rows.length === 0) {
        const { takeawayId, next } = input.pick({
          cycle: state.rows[0]?.rotation_cycle ?? 0,
          position: state.rows[0]?.rotation_position ?? 0,
        });
        await db.query('UPDATE schedules SET rotation_cycle = $1, rotation_position = $2 WHERE id = $3', [
          next.cycle,
          next.position,
          input.scheduleId,
        ]);
        const { rows } = await db.query(
          `INSERT INTO posts (schedule_id, local_date, takeaway_id, status, attempts, claimed_by, claimed_at)
           VALUES ($1, $2, $3, 'claimed', 1, $4, $5) RETURNING *`,
          [input.scheduleId, input.localDate, takeawayId, input.owner, input.now],
        );
        return { kind: 'new', post: toPost(rows[0]) };
      }
      const post = toPost(existing.rows[0]);
      if (post.status === 'posted') return { kind: 'done' };
      if (post.status === 'failed' && post.nextAttemptAt !== undefined && post.nextAttemptAt > input.now) {
        return { kind: 'wait', until: post.nextAttemptAt };
      }
      if (
        post.status === 'claimed' &&
        post.claimedBy !== input.owner &&
        (post.claimedAt ?? 0) + input.leaseMs > input.now
      ) {
        return { kind: 'busy' };
      }
      const { rows } = await db.query(
        `UPDATE posts SET status = 'claimed', attempts = attempts + 1, claimed_by = $1, claimed_at = $2
         WHERE schedule_id = $3 AND local_date = $4 RETURNING *`,
        [input.owner, input.now, input.scheduleId, input.localDate],
      );
      return { kind: 'retry', post: toPost(rows[0]) };
    });
  }

  async markPosted(
    scheduleId: string,
    localDate: string,
    messageId: string,
    delayed: boolean,
    now: number,
  ): Promise<void> {
    await this.transaction(async (db) => {
      await db.query(
        `UPDATE posts SET status = 'posted', posted_at = $1, message_id = $2, delayed = $3, last_error = NULL, next_attempt_at = NULL
         WHERE schedule_id = $4 AND local_date = $5`,
        [now, messageId, delayed, scheduleId, localDate],
      );
      await db.query('UPDATE schedules SET failure_streak = 0 WHERE id = $1', [scheduleId]);
    });
  }

  async markFailed(
    scheduleId: string,
    localDate: string,
    error: string,
    nextAttemptAt: number | undefined,
    now: number,
  ): Promise<number> {
    return this.transaction(async (db) => {
      await db.query(
        `UPDATE posts SET status = 'failed', last_error = $1, next_attempt_at = $2 WHERE schedule_id = $3 AND local_date = $4`,
        [error, nextAttemptAt ?? null, scheduleId, localDate],
      );
      const { rows } = await db.query(
        'UPDATE schedules SET failure_streak = failure_streak + 1, last_error = $1, last_error_at = $2 WHERE id = $3 RETURNING failure_streak',
        [error, now, scheduleId],
      );
      return rows[0]?.failure_streak ?? 0;
    });
  }

  async pause(scheduleId: string, reason: string, now: number): Promise<void> {
    await this.pool.query('UPDATE schedules SET paused_reason = $1, updated_at = $2 WHERE id = $3', [
      reason,
      now,
      scheduleId,
    ]);
  }

  async lastPost(scheduleId: string): Promise<PostRecord | undefined> {
    const { rows } = await this.pool.query(
      `SELECT * FROM posts WHERE schedule_id = $1 AND status = 'posted' ORDER BY local_date DESC LIMIT 1`,
      [scheduleId],
    );
    return rows[0] ? toPost(rows[0]) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
