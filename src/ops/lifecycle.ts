/**
 * The process's life: signals are handled from the first line of `main`, so SIGTERM during start-up stops
 * what has started and exits within seconds; stopping is bounded by SHUTDOWN_TIMEOUT_SECONDS whatever the
 * store and the platforms do; a failed start prints one plain sentence and exits with a code that says why.
 */
import type { Logger } from '../log.js';
import { EXIT, StartupError, withDeadline } from './deadline.js';

/** A part of the process that can be stopped; parts are stopped front to back. */
export interface Running {
  name: string;
  stop(): Promise<void>;
}

/** How long stopping may take before start-up has read SHUTDOWN_TIMEOUT_SECONDS. */
const DEFAULT_STOP_MS = 10_000;
/** During start-up nothing is in flight yet: stopping what has started needs only a moment. */
const STARTUP_STOP_MS = 4_000;

export class Lifecycle {
  /** Parts to stop, front to back: takers of new work first, what they depend on after. */
  readonly parts: Running[] = [];
  private readonly abort = new AbortController();
  private started = false;
  private stopping?: Promise<void>;
  private log?: Logger;
  stopTimeoutMs = DEFAULT_STOP_MS;

  constructor(
    private readonly exit: (code: number) => void = (code) => {
      // stderr to a pipe is asynchronous: exit once the last line is out.
      process.stderr.write('', () => process.exit(code));
    },
  ) {}

  /** Installs the signal handlers; call first thing. */
  listen(): this {
    process.once('SIGINT', (s) => void this.stop(s));
    process.once('SIGTERM', (s) => void this.stop(s));
    // A stray rejection inside a library must not take the bot down; log it and carry on.
    process.on('unhandledRejection', (error) => this.log?.error('unhandled rejection', { error }));
    return this;
  }

  useLogger(log: Logger): void {
    this.log = log;
  }

  /** Aborted when a signal arrives during start-up: every start-up wait listens to it. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Resolves with the work, or rejects as soon as a stop is requested. */
  async unlessStopped<T>(work: Promise<T>): Promise<T> {
    if (this.abort.signal.aborted) throw new StoppedError();
    let onAbort!: () => void;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(new StoppedError());
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stopped]);
    } finally {
      this.abort.signal.removeEventListener('abort', onAbort);
    }
  }

  add(part: Running, first = false): void {
    if (first) this.parts.unshift(part);
    else this.parts.push(part);
  }

  /** Adds a part to be stopped just before the part named `before` (or last, when there is none). */
  addBefore(before: string, part: Running): void {
    const at = this.parts.findIndex((p) => p.name === before);
    if (at < 0) this.parts.push(part);
    else this.parts.splice(at, 0, part);
  }

  markStarted(): void {
    this.started = true;
  }

  /** Stops every part in order within the time allowed, then exits 0. A second signal changes nothing. */
  stop(signal: string): Promise<void> {
    this.stopping ??= this.stopAll(signal);
    return this.stopping;
  }

  private async stopAll(signal: string): Promise<void> {
    const began = performance.now();
    const during = this.started ? 'running' : 'start-up';
    this.log?.info('stopping', { signal, during });
    this.abort.abort();
    const limit = this.started ? this.stopTimeoutMs : Math.min(this.stopTimeoutMs, STARTUP_STOP_MS);
    const stopParts = async () => {
      for (const part of this.parts) {
        await part
          .stop()
          .catch((error: unknown) => this.log?.warn('error while stopping', { part: part.name, error }));
      }
    };
    // A stop that outlives its time is abandoned: the process exits anyway.
    const finished = await withDeadline(stopParts(), limit).then(
      () => true,
      () => false,
    );
    const ms = Math.round(performance.now() - began);
    if (finished) this.log?.info('stopped', { ms });
    else this.log?.warn('stopped without waiting further', { ms, timeoutMs: limit });
    this.exit(EXIT.ok);
  }

  /** A failed start: one plain sentence on stderr (and the JSON log line), parts stopped, the exit code. */
  async fail(error: unknown): Promise<number> {
    if (error instanceof StoppedError) {
      await this.stopping;
      return EXIT.ok;
    }
    const sentence = error instanceof StartupError ? error.sentence : undefined;
    this.log?.error('could not start', { reason: sentence, error });
    process.stderr.write(`talk: could not start. ${sentence ?? describe(error)}\n`);
    this.abort.abort();
    await withDeadline(
      (async () => {
        for (const part of this.parts) await part.stop().catch(() => undefined);
      })(),
      STARTUP_STOP_MS,
    ).catch(() => undefined);
    return error instanceof StartupError ? error.exitCode : 1;
  }
}

/** Start-up was interrupted by a stop request. */
export class StoppedError extends Error {
  constructor() {
    super('stopped during start-up');
    this.name = 'StoppedError';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
