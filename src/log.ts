/**
 * Structured JSON logs, one line per event on stderr: `{"level","time","msg",…fields}`. Known secrets
 * (tokens, the signing secret, the database URL and its password) are masked wherever they appear, so a
 * token quoted in an error message still never reaches the log; credential-like fields are redacted by name.
 * A few lines of our own rather than a logging library: it loads in no time and costs nothing per line
 * beyond one JSON.stringify.
 */

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<Level | 'silent', number> = { debug: 20, info: 30, warn: 40, error: 50, silent: 100 };

/** Fields whose values are credentials, by name, at any depth. */
const REDACTED_NAMES = new Set(['token', 'authorization', 'password', 'signingsecret', 'apptoken']);

/** An Error as a plain object: its type, message, code and stack (and its cause's). */
function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const e = error as Error & { code?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: e.message,
    ...(e.code !== undefined ? { code: e.code } : {}),
    stack: e.stack,
    ...(e.cause instanceof Error && depth < 3 ? { cause: serializeError(e.cause, depth + 1) } : {}),
  };
}

/**
 * stderr, one write per turn of the event loop: under load, the lines of many answers cost one system call
 * instead of one each. Lines still pending when the process exits are written then (stderr is synchronous
 * for files and pipes there).
 */
let stderrLine: ((line: string) => void) | undefined;

export function batchedStderr(): (line: string) => void {
  if (stderrLine) return stderrLine;
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const out = pending.join('');
    pending = [];
    process.stderr.write(out);
  };
  process.on('exit', flush);
  stderrLine = (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
  return stderrLine;
}

export function createLogger(
  level: Level | 'silent',
  secrets: string[] = [],
  write?: (line: string) => void,
): Logger {
  // Mask whole secrets and, for URLs with credentials, the password part on its own too.
  const hidden = secrets.flatMap((s) => {
    try {
      const password = new URL(s).password;
      return password ? [s, decodeURIComponent(password)] : [s];
    } catch {
      return [s];
    }
  });
  const mask = (text: string) => hidden.reduce((t, s) => t.split(s).join('[redacted]'), text);
  // Per line: the same object logged twice is not "circular" the second time.
  const replacerFor = (seen: WeakSet<object>) => (key: string, value: unknown) => {
    if (key !== '' && REDACTED_NAMES.has(key.toLowerCase())) return '[redacted]';
    if (value instanceof Error) return serializeError(value);
    if (typeof value === 'bigint') return String(value);
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  };
  const threshold = RANK[level];
  const at =
    (l: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (RANK[l] < threshold) return;
      let line: string;
      try {
        line = JSON.stringify(
          { level: l, time: new Date().toISOString(), ...fields, msg },
          replacerFor(new WeakSet()),
        );
      } catch {
        line = JSON.stringify({ level: l, time: new Date().toISOString(), msg, unserializable: true });
      }
      (write ?? batchedStderr())(`${hidden.length > 0 ? mask(line) : line}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
