/**
 * The default store: one SQLite file under DATA_DIR, WAL mode, migrations in code. Claims run in
 * IMMEDIATE transactions, so two processes on the same file by mistake still post once.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Lang } from '../core/vocabulary.js';
import { EXIT, StartupError } from '../ops/deadline.js';
import { prepareDataDir } from './data-dir.js';
import { daysText, type Row, toPost, toSchedule } from './rows.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';
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

export const DATABASE_FILE = 'talk.sqlite';

export class SqliteStore implements DailyStore {
  private readonly db: Database.Database;

  /** Opens (and migrates) the database at `path`, whose folder must exist. */
  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
  }

  /**
   * The store under DATA_DIR, for start-up: the folder is created and proven writable within `timeoutMs`,
   * and the file is checked (`quick_check`), so a bad folder or a damaged file stops the start with one
   * sentence saying what to do, instead of a hang or a stack.
   */
  static async open(dataDir: string, timeoutMs: number): Promise<SqliteStore> {
    await prepareDataDir(dataDir, timeoutMs);
    const path = join(dataDir, DATABASE_FILE);
    const damaged = (detail: string, cause?: unknown) =>
      new StartupError(
        `DATA_DIR: ${path} is damaged (${detail}) — stop the bot, move the file aside (mv ${path} ${path}.broken), and start again: a new database is created, and daily schedules must be set again.`,
        EXIT.dataError,
        { cause },
      );
    let store: SqliteStore;
    try {
      store = new SqliteStore(path);
    } catch (error) {
      throw damaged(error instanceof Error ? error.message : String(error), error);
    }
    const check = store.quickCheck();
    if (check !== 'ok') {
      await store.close();
      throw damaged(check);
    }
    return store;
  }

  /** SQLite's own consistency check: "ok", or what is wrong. */
  quickCheck(): string {
    try {
      const rows = this.db.pragma('quick_check') as { quick_check: string }[];
      return rows.map((r) => r.quick_check).join('; ');
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private migrate(): void {
    const apply = this.db.transaction(() => {
      const version = this.db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < SQLITE_MIGRATIONS.length; v++) {
        this.db.exec(SQLITE_MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      }
    });
    apply.immediate();
  }

  async saveSchedule(input: ScheduleInput, now: number): Promise<Schedule> {
    const id = scheduleId(input.platform, input.workspace, input.channel);
    // A new time, zone or days (or a stopped schedule set again) starts with the next occurrence after now.
    this.db
      .prepare(
        `INSERT INTO schedules (id, platform, workspace, channel, time, zone, lang, set_by, source, enabled, created_at,
                                updated_at, active_from, days, thread, mention, target)
         VALUES (@id, @platform, @workspace, @channel, @time, @zone, @lang, @setBy, @source, 1, @now, @now, @now, @days,
                 @thread, @mention, @target)
         ON CONFLICT (id) DO UPDATE SET
           active_from = CASE WHEN enabled = 1 AND time = @time AND zone = @zone AND days = @days
                              THEN active_from ELSE @now END,
           time = @time, zone = @zone, lang = @lang, set_by = @setBy, source = @source, days = @days,
           thread = @thread, mention = @mention, target = @target,
           enabled = 1, paused_reason = NULL, failure_streak = 0, updated_at = @now`,
      )
      .run({
        ...input,
        setBy: input.setBy ?? null,
        days: daysText(input.days),
        thread: input.thread ? 1 : 0,
        mention: input.mention ?? null,
        target: input.target ?? 'channel',
        id,
        now,
      });
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
      // A live claim is respected by everyone, its own owner included: a second tick of the same process
      // must not send while the first one's send is in flight.
      if (post.status === 'claimed' && (post.claimedAt ?? 0) + input.leaseMs > input.now) {
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

  async extendClaim(scheduleId: string, localDate: string, owner: string, now: number): Promise<void> {
    this.db
      .prepare(
        `UPDATE posts SET claimed_at = ? WHERE schedule_id = ? AND local_date = ? AND status = 'claimed' AND claimed_by = ?`,
      )
      .run(now, scheduleId, localDate, owner);
  }

  async getLang(platform: Platform, user: string): Promise<Lang | undefined> {
    const row = this.db
      .prepare('SELECT lang FROM prefs WHERE platform = ? AND user_id = ?')
      .get(platform, user) as { lang: Lang } | undefined;
    return row?.lang;
  }

  async setLang(platform: Platform, user: string, lang: Lang | undefined, now: number): Promise<void> {
    if (lang === undefined) {
      this.db.prepare('DELETE FROM prefs WHERE platform = ? AND user_id = ?').run(platform, user);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO prefs (platform, user_id, lang, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, user_id) DO UPDATE SET lang = excluded.lang, updated_at = excluded.updated_at`,
      )
      .run(platform, user, lang, now);
  }

  async saveQuery(key: string, query: string, now: number): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO query_keys (key, query, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
      )
      .run(key, query, now);
  }

  async loadQuery(key: string): Promise<string | undefined> {
    const row = this.db.prepare('SELECT query FROM query_keys WHERE key = ?').get(key) as
      | { query: string }
      | undefined;
    return row?.query;
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

  /** Readiness: the file still answers and is consistent. */
  async ping(): Promise<void> {
    const check = this.quickCheck();
    if (check !== 'ok') throw new Error(`${this.path}: ${check}`);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
