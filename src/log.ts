/**
 * Structured JSON logs (pino), one line per event on stderr. Known secrets (tokens, the signing secret,
 * the database URL) are masked wherever they appear, so a token quoted in an error message still never
 * reaches the log; credential-like fields are redacted by name as well.
 */
import pino from 'pino';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const REDACT = [
  'token',
  'authorization',
  'password',
  'signingSecret',
  'appToken',
  '*.token',
  '*.authorization',
  '*.password',
  'headers.authorization',
];

export function createLogger(
  level: Level | 'silent',
  secrets: string[] = [],
  write: (line: string) => void = (line) => process.stderr.write(line),
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
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { error: pino.stdSerializers.err },
    },
    { write: (line: string) => write(mask(line)) },
  );
  const at =
    (l: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      logger[l](fields, msg);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
