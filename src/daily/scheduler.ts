/**
 * Posts each channel's takeaway (and each personal one, by direct message) once per local day at its time,
 * on the weekdays it posts on. Every tick looks at every schedule: if
 * today's time has come (and not more than the grace ago), the post is claimed in the store, sent, and
 * marked done. A claim left by a crash is taken over only after its lease ends, and only after looking in
 * the channel for the message the crashed attempt may have sent.
 */
import type { Bilingual } from '../content/schema.js';
import { channelRef } from '../core/markup.js';
import { channelRotation } from '../core/rotation.js';
import type { Talk } from '../core/talk.js';
import type { TakeawayView } from '../core/views.js';
import type { Logger } from '../log.js';
import { describeProblem } from './problems.js';
import type { DailyStore, Platform, Schedule } from './store.js';
import { formatInZone, localDate, nextDue, postsOn, scheduledInstant } from './time.js';

export interface DailyPost {
  schedule: Schedule;
  view: TakeawayView;
  /** Unique per channel and local day; platforms mark the message with it. */
  key: string;
}

/** What a platform does for daily posts. */
export interface DailyPoster {
  /** Sends the post; resolves with the message id. Throws PostError when it cannot. */
  post(post: DailyPost): Promise<string>;
  /** The id of a message already in the channel carrying `key`, if an earlier attempt did get through. */
  findPosted(schedule: Schedule, key: string): Promise<string | undefined>;
  /**
   * After a crash, for a post found already out: opens its thread with the speaker's words if the crash
   * came before that (thread schedules only); a thread already there is left as it is.
   */
  completeThread?(post: DailyPost, messageId: string): Promise<void>;
  /** Tells the person who set the schedule something (a direct message). */
  notify(schedule: Schedule, message: Bilingual): Promise<void>;
}

export class PostError extends Error {
  constructor(
    message: string,
    /** permanent: retrying will not help until someone fixes it (missing channel or permission). */
    readonly kind: 'permanent' | 'transient',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export interface DailySchedulerOptions {
  store: DailyStore;
  talk: Talk;
  posters: Partial<Record<Platform, DailyPoster>>;
  now?: () => number;
  /** This process's id in claims. */
  owner: string;
  log: Logger;
  /** How late a missed post may still go out, within the same local day. Default: the rest of the day. */
  graceMs?: number;
  /** How long another process's claim is trusted before it is taken over. */
  leaseMs?: number;
  /** Consecutive permanent failures after which a schedule pauses itself. */
  pauseAfter?: number;
  /** Told of every attempt that did something (for metrics). */
  onOutcome?: (platform: Platform, outcome: Outcome) => void;
}

export type Outcome = 'posted' | 'recovered' | 'done' | 'busy' | 'wait' | 'failed' | 'paused' | 'not-due';

const LATE_AFTER_MS = 5 * 60_000;
const TRANSIENT_BACKOFF_MS = 60_000;
const TRANSIENT_BACKOFF_MAX_MS = 30 * 60_000;
const PERMANENT_RETRY_MS = 60 * 60_000;

export function postKey(localDay: string): string {
  return `talk-daily:${localDay}`;
}

export class DailyScheduler {
  private readonly now: () => number;
  private readonly graceMs: number;
  private readonly leaseMs: number;
  private readonly pauseAfter: number;
  private timer?: NodeJS.Timeout;
  private dueTimer?: NodeJS.Timeout;
  private running?: Promise<Map<string, Outcome>>;
  private next?: Promise<Map<string, Outcome>>;
  private stopped = false;
  private readonly ids: string[];

  constructor(private readonly options: DailySchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.graceMs = options.graceMs ?? 24 * 3_600_000;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.pauseAfter = options.pauseAfter ?? 3;
    this.ids = options.talk.content.takeaways.map((t) => t.id);
  }

  /**
   * Looks at every schedule once; safe to call at any time and from several processes. Within a process one
   * sweep runs at a time: a call while one runs gets one more sweep after it (so a post that fell due
   * meanwhile is not left for the next tick), never a second sweep at the same time.
   */
  tick(): Promise<Map<string, Outcome>> {
    if (this.running) {
      this.next ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.tick();
        });
      return this.next;
    }
    this.running = this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweep(): Promise<Map<string, Outcome>> {
    const now = this.now();
    const schedules = await this.options.store.listSchedules();
    const outcomes = new Map<string, Outcome>();
    await Promise.all(
      schedules.map(async (schedule) => {
        let outcome: Outcome;
        try {
          outcome = await this.runSchedule(schedule, now);
        } catch (error) {
          this.options.log.error('daily schedule failed', { schedule: schedule.id, error });
          outcome = 'failed';
        }
        outcomes.set(schedule.id, outcome);
        if (
          ['posted', 'recovered', 'failed', 'paused'].includes(outcome) &&
          !(outcome === 'paused' && schedule.pausedReason)
        ) {
          this.options.onOutcome?.(schedule.platform, outcome);
        }
      }),
    );
    return outcomes;
  }

  private async runSchedule(schedule: Schedule, now: number): Promise<Outcome> {
    if (schedule.pausedReason) return 'paused';
    if (!this.options.posters[schedule.platform]) return 'not-due';
    const today = localDate(now, schedule.zone);
    // Weekdays are the channel's own: Friday in Auckland may be Thursday in UTC.
    if (!postsOn(schedule.days, today)) return 'not-due';
    const due = scheduledInstant(today, schedule.time, schedule.zone);
    // Never yesterday's: only today's post in the channel's own zone is ever considered; and never one due
    // before the schedule (or its current time) was set.
    if (now < due || now - due > this.graceMs || due < schedule.activeFrom) return 'not-due';
    return this.attempt(schedule, today, due, now);
  }

  /** Posts today's takeaway now, using up today's post (an admin's "Post now"). */
  async postNow(schedule: Schedule): Promise<Outcome> {
    const now = this.now();
    return this.attempt(schedule, localDate(now, schedule.zone), now, now);
  }

  private async attempt(schedule: Schedule, day: string, due: number, now: number): Promise<Outcome> {
    const { store, talk, log } = this.options;
    const poster = this.options.posters[schedule.platform]!;
    const claim = await store.claim({
      scheduleId: schedule.id,
      localDate: day,
      owner: this.options.owner,
      now,
      leaseMs: this.leaseMs,
      pick: channelRotation(this.ids, schedule.id),
    });
    if (claim.kind === 'done' || claim.kind === 'busy' || claim.kind === 'wait') return claim.kind;
    const key = postKey(day);
    const delayed = now - due > LATE_AFTER_MS;
    const view: TakeawayView = {
      ...talk.takeawayView(schedule.lang, claim.post.takeawayId, day),
      // A post is the takeaway alone: no buttons under it on either platform.
      actions: [],
      daily: {
        key,
        ...(delayed ? { delayedFrom: formatInZone(due, schedule.zone) } : {}),
        ...(schedule.thread && schedule.target === 'channel'
          ? { originals: talk.originals(claim.post.takeawayId) }
          : {}),
      },
    };
    if (claim.kind === 'retry') {
      const found = await poster.findPosted(schedule, key).catch((error: unknown) => {
        log.warn('daily: could not look for an earlier post', { schedule: schedule.id, error });
        return undefined;
      });
      if (found) {
        await store.markPosted(schedule.id, day, found, claim.post.delayed, this.now());
        log.info('daily post recovered', { schedule: schedule.id, day, messageId: found });
        if (view.daily?.originals?.length)
          await poster.completeThread?.({ schedule, view, key }, found).catch((error: unknown) =>
            log.warn('daily: could not complete the thread of a recovered post', {
              schedule: schedule.id,
              error,
            }),
          );
        return 'recovered';
      }
    }
    // Keep the claim alive while the send is in flight (a send may wait out a long rate limit), so no other
    // process takes it over and sends again.
    const renew = setInterval(
      () =>
        void store
          .extendClaim(schedule.id, day, this.options.owner, this.now())
          .catch((error: unknown) =>
            log.warn('daily: could not renew a claim', { schedule: schedule.id, error }),
          ),
      Math.max(1000, this.leaseMs / 3),
    );
    renew.unref();
    try {
      const messageId = await poster.post({ schedule, view, key });
      clearInterval(renew);
      await store.markPosted(schedule.id, day, messageId, delayed, this.now());
      log.info('daily post sent', { schedule: schedule.id, day, takeaway: claim.post.takeawayId, delayed });
      return 'posted';
    } catch (error) {
      clearInterval(renew);
      return this.failed(schedule, day, claim.post.attempts, error);
    }
  }

  private async failed(schedule: Schedule, day: string, attempts: number, error: unknown): Promise<Outcome> {
    const { store, log } = this.options;
    const now = this.now();
    const postError =
      error instanceof PostError
        ? error
        : new PostError(error instanceof Error ? error.message : String(error), 'transient');
    const wait =
      postError.retryAfterMs ??
      (postError.kind === 'permanent'
        ? PERMANENT_RETRY_MS
        : Math.min(TRANSIENT_BACKOFF_MS * 2 ** (attempts - 1), TRANSIENT_BACKOFF_MAX_MS));
    const streak = await store.markFailed(schedule.id, day, postError.message, now + wait, now);
    log.warn('daily post failed', {
      schedule: schedule.id,
      day,
      kind: postError.kind,
      error: postError.message,
      retryInMs: wait,
      streak,
    });
    if (postError.kind === 'permanent' && streak >= this.pauseAfter) {
      const reason = postError.message;
      await store.pause(schedule.id, reason, now);
      log.warn('daily schedule paused', { schedule: schedule.id, reason });
      // A personal takeaway pauses because its direct messages fail: telling its owner by one would fail too,
      // so `daily status` says why.
      if (schedule.target === 'user') return 'paused';
      const { text } = describeProblem(postError.message, schedule.channel);
      await this.options.posters[schedule.platform]
        ?.notify(schedule, {
          en: `I paused the daily takeaway for ${channelRef(schedule.channel)} after ${streak} failed attempts. ${text.en} Then set the schedule again with \`/talk daily set\`.`,
          zh: `${channelRef(schedule.channel)} 的每日要点在 ${streak} 次失败后已暂停。${text.zh}然后请用 \`/talk daily set\` 重新设置。`,
        })
        .catch((notifyError: unknown) =>
          log.warn('daily: could not notify the schedule owner', {
            schedule: schedule.id,
            error: notifyError,
          }),
        );
      return 'paused';
    }
    return 'failed';
  }

  /**
   * Ticks every `intervalMs` (the safety net: catch-up, other instances' schedules, retries), and besides
   * arms a timer for the next schedule that falls due, so a post goes out within moments of its minute.
   */
  start(intervalMs = 20_000): void {
    const run = () => {
      void this.tick()
        .catch((error: unknown) => this.options.log.error('daily tick failed', { error }))
        .then(() => this.armNextDue(intervalMs));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Sets a timer for the soonest due post before the next periodic tick, if there is one. */
  private async armNextDue(intervalMs: number): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    const schedules = await this.options.store.listSchedules().catch(() => []);
    const soonest = Math.min(
      ...schedules.filter((s) => !s.pausedReason).map((s) => nextDue(now, s.time, s.zone, s.days)),
    );
    if (this.dueTimer) clearTimeout(this.dueTimer);
    const wait = soonest - now;
    if (!Number.isFinite(wait) || wait >= intervalMs) return;
    // A moment after the minute begins, so the due instant has certainly passed on this clock.
    this.dueTimer = setTimeout(
      () =>
        void this.tick()
          .catch((error: unknown) => this.options.log.error('daily tick failed', { error }))
          .then(() => this.armNextDue(intervalMs)),
      Math.max(0, wait) + 50,
    );
    this.dueTimer.unref();
  }

  /** Stops ticking and waits for a tick in progress (bounded by the caller). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    await this.running?.catch(() => undefined);
  }
}
