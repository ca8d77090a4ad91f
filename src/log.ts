/**
 * A small structured logger: one JSON line per event on stderr. Known secrets are masked wherever they
 * appear, so a token that ends up in an error message still never reaches the log.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  level: Level | 'silent',
  secrets: string[] = [],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const mask = (text: string) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text);
  const log =
    (at: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      const entry = { time: new Date().toISOString(), level: at, msg, ...fields };
      write(
        mask(
          JSON.stringify(entry, (_k, v) =>
            v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
          ),
        ),
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
