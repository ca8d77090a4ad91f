/** Shared by the scheduler tests: a fresh SQLite store, a Berlin 09:00 schedule, a scheduler over them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DailyScheduler, type DailySchedulerOptions } from '../../src/daily/scheduler.js';
import type { DailyContext } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { Claim, ClaimInput, Schedule, ScheduleInput } from '../../src/daily/store.js';
import { createLogger, type Logger } from '../../src/log.js';
import { makeTalk } from '../helpers.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const talk = makeTalk();
export const silent = createLogger('silent');

export const berlin: ScheduleInput = {
  platform: 'discord',
  workspace: 'g1',
  channel: 'c-berlin',
  time: '09:00',
  zone: 'Europe/Berlin',
  lang: 'both',
  setBy: 'u1',
  source: 'command',
};

/** A member (not an admin) of Slack workspace T1, typing in C1, whom every channel suits. */
export const slackMember: DailyContext = {
  platform: 'slack',
  workspace: 'T1',
  user: 'U1',
  isAdmin: false,
  here: 'C1',
  checkChannel: async () => undefined,
};

/** A store that can be told to fail its listing or its claims, and that notes each claim renewal (at its time). */
export class WatchedStore extends SqliteStore {
  failing = false;
  readonly renewals: number[] = [];
  renewFails = false;
  claimFails = false;
  override async listSchedules(filter?: Parameters<SqliteStore['listSchedules']>[0]): Promise<Schedule[]> {
    if (this.failing) throw new Error('database unreachable');
    return super.listSchedules(filter);
  }
  override async claim(input: ClaimInput): Promise<Claim> {
    if (this.claimFails) throw new Error('claim refused');
    return super.claim(input);
  }
  override async extendClaim(scheduleId: string, localDate: string, owner: string, now: number) {
    this.renewals.push(now);
    if (this.renewFails) throw new Error('renewal refused');
    return super.extendClaim(scheduleId, localDate, owner, now);
  }
}

/** A new database file in a folder of its own (of a store class of the test's own, if given). */
export function freshStore(): SqliteStore;
export function freshStore<T extends SqliteStore>(make: new (path: string) => T): T;
export function freshStore(make: new (path: string) => SqliteStore = SqliteStore): SqliteStore {
  return new make(join(mkdtempSync(join(tmpdir(), 'talk-daily-')), 'talk.sqlite'));
}

/** Scheduler options with the shared talk and a silent log unless `extra` says otherwise. */
export function schedulerOptions(
  base: Pick<DailySchedulerOptions, 'store' | 'posters' | 'now'>,
  owner = 'A',
  extra: Partial<DailySchedulerOptions> = {},
): DailySchedulerOptions {
  return { talk, log: silent, owner, ...base, ...extra };
}

export function makeScheduler(...args: Parameters<typeof schedulerOptions>): DailyScheduler {
  return new DailyScheduler(schedulerOptions(...args));
}

/** A real logger whose lines are kept, parsed, for the test to read. */
export function keptLog(): {
  log: Logger;
  lines: { level: string; msg: string; [field: string]: unknown }[];
} {
  const lines: { level: string; msg: string }[] = [];
  return { log: createLogger('debug', [], (line) => lines.push(JSON.parse(line))), lines };
}
