/**
 * One of two bot processes sharing a SQLite file, for the test beside it. Both run on one accelerated
 * clock (like two processes on one machine share the system clock), tick as fast as they can, and "post"
 * by appending a line to a shared file, which is also where they look for an earlier attempt's message.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { DailyScheduler } from '../../src/daily/scheduler.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import { createLogger } from '../../src/log.js';
import { makeTalk } from '../helpers.js';

const [dbPath, outFile, owner, start, t0, speed, days] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
const clock = () => Date.parse(start) + (Date.now() - Number(t0)) * Number(speed);
const store = new SqliteStore(dbPath);
const scheduler = new DailyScheduler({
  store,
  talk: makeTalk(),
  now: clock,
  // 12 hours of this clock is over 4 s of real time: far beyond any stall between claim and write on a
  // loaded machine (no process crashes here, so the lease never needs to run out).
  leaseMs: 12 * 3_600_000,
  owner,
  log: createLogger('silent'),
  posters: {
    discord: {
      async post(post) {
        appendFileSync(outFile, `${post.schedule.channel} ${post.key} ${owner}\n`);
        return `${owner}-${post.key}`;
      },
      async findPosted(schedule, key) {
        const lines = existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n') : [];
        return lines.find((l) => l.startsWith(`${schedule.channel} ${key} `));
      },
      async notify() {},
    },
  },
});
const end = Date.parse(start) + Number(days) * 86_400_000;
while (clock() < end) await scheduler.tick();
await store.close();
