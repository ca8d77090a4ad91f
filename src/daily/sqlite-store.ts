/**
 * The default store: one SQLite file under DATA_DIR, WAL mode, migrations in code. Claims run in
 * IMMEDIATE transactions, so two processes on the same file by mistake still post once.
 */
import { mkdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Lang } from '../core/vocabulary.js';
import { EXIT, StartupError, TimeoutError, withDeadline } from '../ops/deadline.js';
import { daysText, type Row, toPost, toSchedule } from './rows.js';
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
  `ALTER TABLE schedules ADD COLUMN active_from INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE schedules ADD COLUMN days TEXT NOT NULL DEFAULT '';
   ALTER TABLE schedules ADD COLUMN thread INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE schedules ADD COLUMN mention TEXT;
   ALTER TABLE schedules ADD COLUMN target TEXT NOT NULL DEFAULT 'channel';
   CREATE TABLE prefs (platform TEXT NOT NULL, user_id TEXT NOT NULL, lang TEXT NOT NULL,
                       updated_at INTEGER NOT NULL, PRIMARY KEY (platform, user_id));
   CREATE TABLE query_keys (key TEXT PRIMARY KEY, query TEXT NOT NULL, created_at INTEGER NOT NULL);`,
];

export const DATABASE_FILE = 'talk.sqlite';

/**
 * Creates the folder and each missing parent one at a time: Node's recursive mkdir never returns for some
 * paths (under /proc, for one), and a step-by-step walk fails with a real error instead.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      if ((await stat(d)).isDirectory()) break;
      throw Object.assign(new Error(`${d} is not a folder`), { code: 'ENOTDIR', path: d });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: { code?: string }) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/** DATA_DIR problems in one sentence each, naming the variable and what to do. */
function dataDirProblem(dir: string, error: unknown, timeoutMs: number): StartupError {
  const e = error as { code?: string; path?: string };
  const where = e.path ?? dir;
  const uid = typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
  const sentences: Record<string, string> = {
    EACCES: `DATA_DIR: cannot write to ${where} (permission denied) — make it writable by this user${uid} or set DATA_DIR to a folder that is.`,
    EPERM: `DATA_DIR: cannot write to ${where} (not permitted) — make it writable by this user${uid} or set DATA_DIR to a folder that is.`,
    ENOTDIR: `DATA_DIR: ${where} is not a folder — set DATA_DIR to a folder.`,
    EROFS: `DATA_DIR: ${where} is on a read-only file system — set DATA_DIR to a writable folder (a volume).`,
    ENOSPC: `DATA_DIR: no space left on the device of ${where} — free some space or move DATA_DIR.`,
    ENOENT: `DATA_DIR: cannot create ${where} (no such file or directory) — set DATA_DIR to a folder that can exist.`,
  };
  if (error instanceof TimeoutError)
    return new StartupError(
      `DATA_DIR: ${dir} did not answer within ${Math.round(timeoutMs / 1000)} s — is its file system (a network mount?) working?`,
      EXIT.unavailable,
    );
  return new StartupError(
    sentences[e.code ?? ''] ??
      `DATA_DIR: cannot use ${where}: ${error instanceof Error ? error.message : String(error)}`,
    EXIT.cantCreate,
    { cause: error },
  );
}

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
    const probe = join(dataDir, `.write-test-${process.pid}`);
    try {
      await withDeadline(
        (async () => {
          await makeFolders(dataDir);
          await writeFile(probe, 'ok');
          await unlink(probe);
        })(),
        timeoutMs,
      );
    } catch (error) {
      throw dataDirProblem(dataDir, error, timeoutMs);
    }
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
      for (let v = version; v < MIGRATIONS.length; v++) {
        this.db.exec(MIGRATIONS[v]!);
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
