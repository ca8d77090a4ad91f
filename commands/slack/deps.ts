import type { Cooldown } from '../../src/core/cooldown.js';
import type { LangPrefs } from '../../src/core/prefs.js';
import type { QueryKeys } from '../../src/core/query-keys.js';
import type { Talk } from '../../src/core/talk.js';
import type { DailyService } from '../../src/daily/service.js';
import type { Logger } from '../../src/log.js';
import type { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';

/** What the Slack handlers need from the rest of the program. */
export interface SlackDeps {
  talk: Talk;
  cooldown: Cooldown;
  log: Logger;
  /** Daily posts; without it `/talk daily` explains that it is unavailable. */
  daily?: DailyService | undefined;
  /** Users who may change daily schedules besides workspace admins and owners. */
  dailyAdmins: readonly string[];
  telemetry?: Telemetry | undefined;
  /** Answers in progress, so shutdown can let them finish. */
  inflight: InFlight;
  /** Long search queries behind short keys (shared through the store when there is one). */
  queryKeys: QueryKeys;
  /** Remembered answer languages (`/talk lang`); without it, answers are in Chinese with English. */
  prefs?: LangPrefs | undefined;
  /** Bound on uploading a card's image (all three Web API steps together). */
  uploadTimeoutMs?: number | undefined;
}
