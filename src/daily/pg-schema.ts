/**
 * The PostgreSQL schema, as migrations applied in order at start-up (under an advisory lock).
 */

/** Each entry moves the schema one version forward; never edit one that has shipped. */
export const PG_MIGRATIONS: string[] = [
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
  // Shared by every instance: signed requests already handled (replays), and per-user token buckets.
  `CREATE TABLE talk_seen_requests (key TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
   CREATE INDEX talk_seen_requests_expiry ON talk_seen_requests (expires_at);
   CREATE TABLE talk_buckets (key TEXT PRIMARY KEY, tokens DOUBLE PRECISION NOT NULL, updated_at BIGINT NOT NULL);`,
  `ALTER TABLE schedules ADD COLUMN active_from BIGINT NOT NULL DEFAULT 0;
   ALTER TABLE schedules ADD COLUMN days TEXT NOT NULL DEFAULT '';
   ALTER TABLE schedules ADD COLUMN thread BOOLEAN NOT NULL DEFAULT FALSE;
   ALTER TABLE schedules ADD COLUMN mention TEXT;
   ALTER TABLE schedules ADD COLUMN target TEXT NOT NULL DEFAULT 'channel';
   CREATE TABLE prefs (platform TEXT NOT NULL, user_id TEXT NOT NULL, lang TEXT NOT NULL,
                       updated_at BIGINT NOT NULL, PRIMARY KEY (platform, user_id));
   CREATE TABLE query_keys (key TEXT PRIMARY KEY, query TEXT NOT NULL, created_at BIGINT NOT NULL);`,
];
