/**
 * The PostgreSQL store, chosen when DATABASE_URL is set, for several bot processes sharing one database.
 * Migrations run under an advisory lock, so instances starting together are safe; a claim locks the
 * schedule's row, so concurrent claims for one channel run one after another.
 */
import pg from 'pg';
import type { BucketStore } from '../core/cooldown.js';
import type { Lang } from '../core/vocabulary.js';
import type { SeenStore } from '../http/replay.js';
import { withDeadline } from '../ops/deadline.js';
import { explainPg, isConnectionTrouble } from './pg-errors.js';
import { PG_MIGRATIONS } from './pg-schema.js';
import { daysText, toPost, toSchedule } from './rows.js';
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

/** BIGINT columns hold epoch milliseconds: well inside JavaScript's safe integers. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  /** A schema of its own (tests); default: the connection's. */
  schema?: string;
  max?: number;
  /** Bound on connecting, on each query and on each statement; default 10 s. */
  timeoutMs?: number;
}

export class PgStore implements DailyStore, BucketStore, SeenStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Connects and migrates, within `timeoutMs` for each step. `schema` (default: the connection's own) lets
   * tests use a schema of their own. Fails with a StartupError naming DATABASE_URL.
   */
  static async connect(connectionString: string, options: PgOptions = {}): Promise<PgStore> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const pool = new pg.Pool({
      connectionString,
      max: options.max ?? 5,
      types,
      // Every wait on the server is bounded: connecting, each query here, and each statement there.
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      statement_timeout: timeoutMs,
      idle_in_transaction_session_timeout: timeoutMs * 2,
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    pool.on('error', () => undefined); // an idle client's connection dropped: the pool replaces it
    const store = new PgStore(pool, timeoutMs);
    try {
      // The whole migration (lock, DDL) is bounded too, beyond each statement's own bound.
      await withDeadline(store.migrate(), timeoutMs * 3);
    } catch (error) {
      void withDeadline(pool.end(), 1000).catch(() => undefined);
      throw explainPg(error, connectionString, timeoutMs);
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
      for (let v = Number(rows[0].v); v < PG_MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        await client.query(PG_MIGRATIONS[v]!);
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

  /** Reachable right now? For readiness checks (bounded by query_timeout). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A query that timed out leaves the connection in an unknown state: drop it instead of reusing it.
      if (isConnectionTrouble(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch((e: unknown) => (broken = e as Error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async saveSchedule(input: ScheduleInput, now: number): Promise<Schedule> {
    const id = scheduleId(input.platform, input.workspace, input.channel);
    // A new time, zone or days (or a stopped schedule set again) starts with the next occurrence after now.
    const { rows } = await this.pool.query(
      `INSERT INTO schedules (id, platform, workspace, channel, time, zone, lang, set_by, source, enabled, created_at,
                              updated_at, active_from, days, thread, mention, target)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, TRUE, $10, $10, $10, $11, $12, $13, $14)
       ON CONFLICT (id) DO UPDATE SET
         active_from = CASE WHEN schedules.enabled AND schedules.time = $5 AND schedules.zone = $6
                                 AND schedules.days = $11 THEN schedules.active_from ELSE $10 END,
         time = $5, zone = $6, lang = $7, set_by = $8, source = $9, days = $11, thread = $12, mention = $13,
         target = $14, enabled = TRUE, paused_reason = NULL, failure_streak = 0, updated_at = $10
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
        daysText(input.days),
        input.thread === true,
        input.mention ?? null,
        input.target ?? 'channel',
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
      // A live claim is respected by everyone, its own owner included: a second tick of the same process
      // must not send while the first one's send is in flight.
      if (post.status === 'claimed' && (post.claimedAt ?? 0) + input.leaseMs > input.now) {
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

  async extendClaim(scheduleId: string, localDate: string, owner: string, now: number): Promise<void> {
    await this.pool.query(
      `UPDATE posts SET claimed_at = $1 WHERE schedule_id = $2 AND local_date = $3 AND status = 'claimed' AND claimed_by = $4`,
      [now, scheduleId, localDate, owner],
    );
  }

  async getLang(platform: Platform, user: string): Promise<Lang | undefined> {
    const { rows } = await this.pool.query('SELECT lang FROM prefs WHERE platform = $1 AND user_id = $2', [
      platform,
      user,
    ]);
    return rows[0]?.lang;
  }

  async setLang(platform: Platform, user: string, lang: Lang | undefined, now: number): Promise<void> {
    if (lang === undefined) {
      await this.pool.query('DELETE FROM prefs WHERE platform = $1 AND user_id = $2', [platform, user]);
      return;
    }
    await this.pool.query(
      `INSERT INTO prefs (platform, user_id, lang, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, user_id) DO UPDATE SET lang = EXCLUDED.lang, updated_at = EXCLUDED.updated_at`,
      [platform, user, lang, now],
    );
  }

  async saveQuery(key: string, query: string, now: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO query_keys (key, query, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
      [key, query, now],
    );
  }

  async loadQuery(key: string): Promise<string | undefined> {
    const { rows } = await this.pool.query('SELECT query FROM query_keys WHERE key = $1', [key]);
    return rows[0]?.query;
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

  async firstSeen(key: string, now: number, expiresAt: number): Promise<boolean> {
    const { rows } = await this.pool.query(
      `INSERT INTO talk_seen_requests (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE talk_seen_requests.expires_at <= $3
       RETURNING key`,
      [key, expiresAt, now],
    );
    // Now and then, forget what has expired.
    if (Math.random() < 0.01)
      void this.pool
        .query('DELETE FROM talk_seen_requests WHERE expires_at <= $1', [now])
        .catch(() => undefined);
    return rows.length > 0;
  }

  /** One atomic statement: refill by elapsed time, take a token if there is one, and say when the next comes. */
  async takeToken(key: string, now: number, burst: number, refillMs: number) {
    const { rows } = await this.pool.query(
      `WITH current AS (
         SELECT LEAST($3::float8, COALESCE((SELECT tokens + ($2 - updated_at)::float8 / $4
                                            FROM talk_buckets WHERE key = $1), $3::float8)) AS tokens
       ), taken AS (
         INSERT INTO talk_buckets (key, tokens, updated_at)
         SELECT $1, tokens - 1, $2 FROM current WHERE tokens >= 1
         ON CONFLICT (key) DO UPDATE
           SET tokens = LEAST($3::float8, talk_buckets.tokens + ($2 - talk_buckets.updated_at)::float8 / $4) - 1,
               updated_at = $2
           WHERE LEAST($3::float8, talk_buckets.tokens + ($2 - talk_buckets.updated_at)::float8 / $4) >= 1
         RETURNING tokens
       )
       SELECT (SELECT count(*) FROM taken) AS taken, (SELECT tokens FROM current) AS tokens`,
      [key, now, burst, refillMs],
    );
    if (Number(rows[0].taken) > 0) return { ok: true as const };
    return { ok: false as const, retryInMs: Math.ceil((1 - Number(rows[0].tokens)) * refillMs) };
  }

  /** Ends the pool; a partitioned server cannot hold shutdown longer than one timeout. */
  async close(): Promise<void> {
    await withDeadline(this.pool.end(), this.timeoutMs).catch(() => undefined);
  }
}
