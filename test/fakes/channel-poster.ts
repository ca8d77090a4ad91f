/** A fake platform for scheduler tests: channels are arrays of messages; failures can be scripted. */
import type { Bilingual } from '../../src/content/schema.js';
import type { DailyPost, DailyPoster, PostError } from '../../src/daily/scheduler.js';
import type { Schedule } from '../../src/daily/store.js';

export interface SentMessage {
  id: string;
  channel: string;
  key: string;
  takeawayId: string;
  at: number;
  delayedFrom?: string | undefined;
  /** How the schedule asked for it: a direct message, a thread, a mention; the passages a thread shows. */
  target: 'channel' | 'user';
  thread: boolean;
  mention?: string | undefined;
  originals?: string[] | undefined;
}

export class ChannelPoster implements DailyPoster {
  readonly sent: SentMessage[] = [];
  readonly notified: { schedule: Schedule; message: Bilingual }[] = [];
  /** Scripted failures per channel, consumed one per attempt. */
  readonly failures = new Map<string, PostError[]>();
  /** Set to make the process "crash" right after the platform accepted the message: the call never returns. */
  crashAfterSend = false;
  private n = 0;

  constructor(private readonly now: () => number) {}

  async post(post: DailyPost): Promise<string> {
    const queued = this.failures.get(post.schedule.channel);
    const failure = queued?.shift();
    if (failure) throw failure;
    const id = `m${++this.n}`;
    this.sent.push({
      id,
      channel: post.schedule.channel,
      key: post.key,
      takeawayId: post.view.id,
      at: this.now(),
      delayedFrom: post.view.daily?.delayedFrom,
      target: post.schedule.target,
      thread: post.schedule.thread,
      mention: post.schedule.mention,
      originals: post.view.daily?.originals?.map((p) => p.id),
    });
    if (this.crashAfterSend) return new Promise<string>(() => undefined);
    return id;
  }

  async findPosted(schedule: Schedule, key: string): Promise<string | undefined> {
    return this.sent.find((m) => m.channel === schedule.channel && m.key === key)?.id;
  }

  async notify(schedule: Schedule, message: Bilingual): Promise<void> {
    this.notified.push({ schedule, message });
  }

  inChannel(channel: string): SentMessage[] {
    return this.sent.filter((m) => m.channel === channel);
  }
}
