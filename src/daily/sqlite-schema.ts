/**
 * The SQLite schema, as migrations applied in order at open (the file's user_version says how far it is).
 */

/** Each entry moves the schema one version forward; never edit one that has shipped. */
export const SQLITE_MIGRATIONS: string[] = [
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
