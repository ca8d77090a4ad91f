/**
 * Bounded waits on what lives outside the process (database, Discord, Slack, disk), and the plain sentence
 * an operator reads when one runs out or fails: it names the variable to check and what to look at.
 */

/** Why the bot could not start, in one sentence that names the variable; `exitCode` follows sysexits.h. */
export class StartupError extends Error {
  constructor(
    /** One plain sentence, e.g. `DATABASE_URL: no answer from 127.0.0.1:5433 within 10 s — is …?` */
    readonly sentence: string,
    readonly exitCode: number = EXIT.unavailable,
    options?: { cause?: unknown },
  ) {
    super(sentence, options);
    this.name = 'StartupError';
  }
}

/** Exit codes (sysexits.h), so an orchestrator can tell a bad setting from a service that is down. */
export const EXIT = {
  ok: 0,
  dataError: 65,
  unavailable: 69,
  cantCreate: 73,
  config: 78,
} as const;

export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${Math.round(ms / 100) / 10} s`);
    this.name = 'TimeoutError';
  }
}

/** Resolves with the work, or rejects with a TimeoutError after `ms`; the timer never holds the process open. */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What a variable points at, for messages: `host:port` of a URL (never its credentials), or the text. */
export function targetOf(url: string): string {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return url;
  }
}

export interface Dependency {
  /** The variable that points at it, e.g. DATABASE_URL. */
  variable: string;
  /** Where it points, as shown to the operator (host:port, a path). */
  target: string;
  /** What it is, e.g. "PostgreSQL", "Discord", "Slack". */
  what: string;
}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

/** A wait that ran out (ours, the socket's, or a library's aborted request). */
export function isSilence(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return (
    error instanceof TimeoutError ||
    name === 'AbortError' ||
    name === 'TimeoutError' ||
    codeOf(error) === 'ETIMEDOUT' ||
    codeOf(error) === 'UND_ERR_CONNECT_TIMEOUT' ||
    /timed? ?out/i.test(String(error))
  );
}

/** The one sentence for a failed or silent dependency. */
export function explain(error: unknown, dep: Dependency): string {
  const { variable, target, what } = dep;
  if (error instanceof StartupError) return error.sentence;
  if (isSilence(error))
    return `${variable}: no answer from ${target}${error instanceof TimeoutError ? ` within ${Math.round(error.ms / 1000)} s` : ' in time'} — is ${what} running and reachable?`;
  switch (codeOf(error)) {
    case 'ECONNREFUSED':
      return `${variable}: connection refused by ${target} — is ${what} running there?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${variable}: cannot resolve the host of ${target} — check the host name and the network's DNS.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${variable}: ${target} closed the connection — is it ${what}, and is it healthy?`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${variable}: ${target} cannot be reached from here — check the network route.`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `${variable}: the TLS certificate of ${target} is not trusted — check the URL and certificates.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${variable}: ${what} at ${target} failed: ${message.split('\n')[0]} — check ${variable}.`;
}
