/**
 * The default store: one SQLite file under DATA_DIR, WAL mode, migrations in code. Claims run in
 * IMMEDIATE transactions, so two processes on the same file by mistake still post once.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Row, toPost, toSchedule } from './rows.js';
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
     enabled INTEGER NOT NULL DEFAULT 1,
     paused_reason TEXT,
     failure_streak INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     last_error_at INTEGER,
     rotation_cycle INTEGER NOT NULL DEFAULT 0,
     rotation_position INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE posts (
     schedule_id TEXT NOT NULL,
     local_date TEXT NOT NULL,
     takeaway_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
     attempts INTEGER NOT NULL,
     claimed_by TEXT,
     claimed_at INTEGER,
     posted_at INTEGER,
     message_id TEXT,
     delayed INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     next_attempt_at INTEGER,
     PRIMARY KEY (schedule_id, local_date)
   );`,
];

export class SqliteStore implements DailyStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  private migrate(): void {
    const apply = this.db.transaction(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < MIGRATIONS.length; v++) {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      }
    });
    apply.immediate();
  }

  async saveSchedule(input: ScheduleInput, now: number): Promise<Schedule> {
    const id = scheduleId(input.platform, input.workspace, input.channel);
    this.db
      .prepare(
        `INSERT INTO schedules (id, platform, workspace, channel, time, zone, lang, set_by, source, enabled, created_at, updated_at)
         VALUES (@id, @platform, @workspace, @channel, @time, @zone, @lang, @setBy, @source, 1, @now, @now)
         ON CONFLICT (id) DO UPDATE SET time = @time, zone = @zone, lang = @lang, set_by = @setBy, source = @source,
           enabled = 1, paused_reason = NULL, failure_streak = 0, updated_at = @now`,
      )
      .run({ ...input, setBy: input.setBy ?? null, id, now });
    return (await this.getSchedule(id))!;
  }

  async disableSchedule(id: string, now: number): Promise<boolean> {
    return (
      this.db
        .prepare('UPDATE schedules SET enabled = 0, updated_at = ? WHERE id = ? AND enabled = 1')
        .run(now, id).changes > 0
    );
  }

  async getSchedule(id: string): Promise<Schedule | undefined> {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ? AND enabled = 1').get(id) as
      | Row
      | undefined;
    return row ? toSchedule(row) : undefined;
  }

  async listSchedules(filter: { platform?: Platform; workspace?: string } = {}): Promise<Schedule[]> {
    const rows = this.db
      .prepare(
        `SELECT * FROM schedules WHERE enabled = 1 AND (@platform IS NULL OR platform = @platform)
           AND (@workspace IS NULL OR workspace = @workspace) ORDER BY id`,
      )
      .all({ platform: filter.platform ?? null, workspace: filter.workspace ?? null }) as Row[];
    return rows.map(toSchedule);
  }

  async rotation(id: string): Promise<RotationState> {
    const row = this.db
      .prepare('SELECT rotation_cycle, rotation_position FROM schedules WHERE id = ?')
      .get(id) as Row | undefined;
    return { cycle: (row?.rotation_cycle as number) ?? 0, position: (row?.rotation_position as number) ?? 0 };
  }

  async claim(input: ClaimInput): Promise<Claim> {
    const run = this.db.transaction((): Claim => {
      const existing = this.db
        .prepare('SELECT * FROM posts WHERE schedule_id = ? AND local_date = ?')
        .get(input.scheduleId, input.localDate) as Row | undefined;
      if (!existing) {
        const state = this.db
          .prepare('SELECT rotation_cycle, rotation_position FROM schedules WHERE id = ?')
          .get(input.scheduleId) as Row | undefined;
        const { takeawayId, next } = input.pick({
          cycle: (state?.rotation_cycle as number) ?? 0,
          position: (state?.rotation_position as number) ?? 0,
        });
        this.db
          .prepare('UPDATE schedules SET rotation_cycle = ?, rotation_position = ? WHERE id = ?')
          .run(next.cycle, next.position, input.scheduleId);
        this.db
          .prepare(
            `INSERT INTO posts (schedule_id, local_date, takeaway_id, status, attempts, claimed_by, claimed_at)
             VALUES (?, ?, ?, 'claimed', 1, ?, ?)`,
          )
          .run(input.scheduleId, input.localDate, takeawayId, input.owner, input.now);
        return { kind: 'new', post: this.post(input.scheduleId, input.localDate)! };
      }
      const post = toPost(existing);
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
      this.db
        .prepare(
          `UPDATE posts SET status = 'claimed', attempts = attempts + 1, claimed_by = ?, claimed_at = ?
           WHERE schedule_id = ? AND local_date = ?`,
        )
        .run(input.owner, input.now, input.scheduleId, input.localDate);
      return { kind: 'retry', post: this.post(input.scheduleId, input.localDate)! };
    });
    return run.immediate();
  }

  private post(id: string, date: string): PostRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM posts WHERE schedule_id = ? AND local_date = ?')
      .get(id, date) as Row | undefined;
    return row ? toPost(row) : undefined;
  }

  async markPosted(
    scheduleId: string,
    localDate: string,
    messageId: string,
    delayed: boolean,
    now: number,
  ): Promise<void> {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `UPDATE posts SET status = 'posted', posted_at = ?, message_id = ?, delayed = ?, last_error = NULL, next_attempt_at = NULL
             WHERE schedule_id = ? AND local_date = ?`,
          )
          .run(now, messageId, delayed ? 1 : 0, scheduleId, localDate);
        this.db.prepare('UPDATE schedules SET failure_streak = 0 WHERE id = ?').run(scheduleId);
      })
      .immediate();
  }

  async markFailed(
    scheduleId: string,
    localDate: string,
    error: string,
    nextAttemptAt: number | undefined,
    now: number,
  ): Promise<number> {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `UPDATE posts SET status = 'failed', last_error = ?, next_attempt_at = ? WHERE schedule_id = ? AND local_date = ?`,
          )
          .run(error, nextAttemptAt ?? null, scheduleId, localDate);
        this.db
          .prepare(
            'UPDATE schedules SET failure_streak = failure_streak + 1, last_error = ?, last_error_at = ? WHERE id = ?',
          )
          .run(error, now, scheduleId);
        const row = this.db.prepare('SELECT failure_streak FROM schedules WHERE id = ?').get(scheduleId) as
          | Row
          | undefined;
        return (row?.failure_streak as number) ?? 0;
      })
      .immediate();
  }

  async pause(scheduleId: string, reason: string, now: number): Promise<void> {
    this.db
      .prepare('UPDATE schedules SET paused_reason = ?, updated_at = ? WHERE id = ?')
      .run(reason, now, scheduleId);
  }

  async lastPost(scheduleId: string): Promise<PostRecord | undefined> {
    const row = this.db
      .prepare(
        `SELECT * FROM posts WHERE schedule_id = ? AND status = 'posted' ORDER BY local_date DESC LIMIT 1`,
      )
      .get(scheduleId) as Row | undefined;
    return row ? toPost(row) : undefined;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
