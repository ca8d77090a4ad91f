/**
 * The `/talk daily …` service as the bot builds it: a real SQLite store in a temporary data directory, the
 * real scheduler and talk, a fake platform that keeps what it is sent, and a clock the test moves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DailyRequest } from '../../src/core/actions.js';
import type { View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { type DailyPost, DailyScheduler } from '../../src/daily/scheduler.js';
import { type DailyContext, DailyService } from '../../src/daily/service.js';
import { SqliteStore } from '../../src/daily/sqlite-store.js';
import type { ScheduleInput } from '../../src/daily/store.js';
import { createLogger } from '../../src/log.js';
import { renderText } from '../../src/render/text.js';
import { ChannelPoster } from '../fakes/channel-poster.js';
import { makeTalk } from '../helpers.js';

/** Friday 2026-03-27, 06:00 UTC (07:00 in Berlin). */
export const NOW = Date.parse('2026-03-27T06:00:00Z');
export const HOUR = 3_600_000;

/** The fake platform, with a moment to act while a send is in flight (as another command would). */
class Poster extends ChannelPoster {
  whilePosting?: () => Promise<unknown>;
  override async post(post: DailyPost): Promise<string> {
    await this.whilePosting?.();
    return super.post(post);
  }
}

export function makeDaily() {
  const clock = { now: NOW };
  const now = () => clock.now;
  const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'talk-service-')), 'talk.sqlite'));
  const talk = makeTalk();
  const poster = new Poster(now);
  const scheduler = new DailyScheduler({
    store,
    talk,
    posters: { discord: poster, slack: poster },
    now,
    owner: 'this-process',
    log: createLogger('silent'),
  });
  const service = new DailyService(store, talk, scheduler, now);

  /** An admin in server g1 on Discord, typing in #here, whom every channel and mention suits. */
  const ctx = (extra: Partial<DailyContext> = {}): DailyContext => ({
    platform: 'discord',
    workspace: 'g1',
    user: 'u1',
    isAdmin: true,
    here: 'here',
    checkChannel: async () => undefined,
    ...extra,
  });
  const daily = (request: Omit<DailyRequest, 'sub' | 'lang'> & { lang?: Lang }, c = ctx()) =>
    service.handle({ sub: 'daily', lang: 'en', ...request }, c);
  /** A schedule saved straight into the store an hour ago (09:00 UTC in g1, English, unless told). */
  const saved = (channel: string, extra: Partial<ScheduleInput> = {}) =>
    store.saveSchedule(
      {
        platform: 'discord',
        workspace: 'g1',
        channel,
        time: '09:00',
        zone: 'UTC',
        lang: 'en',
        setBy: 'u1',
        source: 'command',
        ...extra,
      },
      NOW - HOUR,
    );
  return { clock, store, talk, poster, scheduler, service, ctx, daily, saved };
}

export type Daily = ReturnType<typeof makeDaily>;

/** What a reader of `lang` sees of an answer (channels shown as `#id`). */
export function say(view: View, lang: 'en' | 'zh' = 'en'): string {
  return renderText({ ...view, lang } as View);
}
