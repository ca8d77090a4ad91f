/**
 * Configuration, read from the environment once and validated with zod. A bad value fails start-up with
 * the variable's name and, in words, what was expected. An empty value means "not set": the default applies
 * (so a .env copied from .env.example, or an orchestrator passing `VAR=`, changes nothing). Nothing else
 * reads process.env.
 */
import { canonicalZone, parseTime } from './daily/time.js';
import { z } from './zod.js';

/** A whole number in a range, explained in words when it is not one ("a port number such as 3000"). */
const whole = (min: number, max: number, expected: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .refine((n) => n >= min && n <= max, expected);

const port = whole(0, 65535, 'a port number such as 3000 (0 to 65535)');
const seconds = (min: number, max: number, example: number) =>
  whole(min, max, `a number of seconds from ${min} to ${max}, such as ${example}`);

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return /^https?:$/.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `an http(s) URL such as ${example}`);

export const envSchema = z.object({
  DISCORD_TOKEN: z
    .string()
    .regex(/^[\w.-]{20,}$/, 'a Discord bot token (Developer Portal → Bot → Reset Token)')
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, 'a Discord server id: 17 to 20 digits')
    .optional(),
  DISCORD_SHARDS: z
    .union([z.literal('auto'), whole(1, 1024, '"auto" or a number of shards from 1 to 1024')], {
      error: '"auto" or a number of shards from 1 to 1024',
    })
    .optional(),
  DISCORD_API_URL: httpUrl('https://discord.com/api').default('https://discord.com/api'),
  DISCORD_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(
      /^[0-9a-f]{64}$/i,
      "the application's public key: 64 hexadecimal characters (Developer Portal → General Information → Public Key)",
    )
    .transform((v) => v.toLowerCase())
    .optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a Slack bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, 'the Slack app signing secret (hexadecimal)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'a Slack app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: httpUrl('https://slack.com/api/').default('https://slack.com/api/'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional(),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], {
      error: 'one of debug, info, warn, error, silent',
    })
    .default('info'),
  HEALTH_PORT: port.optional(),
  HEALTH_HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'an interface address such as 127.0.0.1 or 0.0.0.0')
    .default('0.0.0.0'),
  SHUTDOWN_TIMEOUT_SECONDS: seconds(1, 300, 10).default(10),
  STARTUP_TIMEOUT_SECONDS: seconds(1, 300, 20).default(20),
  DATABASE_TIMEOUT_SECONDS: seconds(1, 120, 10).default(10),
  API_TIMEOUT_SECONDS: seconds(1, 120, 15).default(15),
  COOLDOWN_SECONDS: seconds(0, 3600, 10).default(10),
  COOLDOWN_BURST: whole(1, 100, 'a number of public answers from 1 to 100, such as 3').default(3),
  DAILY_DISCORD_CHANNELS: idList(/^\d{17,20}$/, 'Discord channel ids (17 to 20 digits), separated by commas'),
  DAILY_SLACK_CHANNELS: idList(
    /^[CG][A-Z0-9]{6,}$/,
    'Slack channel ids such as C0123ABCD, separated by commas',
  ),
  DAILY_TIME: z
    .string()
    .default('09:00')
    .refine((v) => parseTime(v) !== undefined, 'a 24-hour time such as 09:00')
    .transform((v) => parseTime(v)!),
  DAILY_TZ: z
    .string()
    .default('UTC')
    .refine((v) => canonicalZone(v) !== undefined, 'an IANA time zone such as Europe/Berlin')
    .transform((v) => canonicalZone(v)!),
  DAILY_LANG: z.enum(['zh', 'en', 'both'], { error: 'zh, en or both' }).default('both'),
  DAILY_GRACE_MINUTES: whole(0, 1440, 'a number of minutes from 0 to 1440, such as 60').default(1440),
  DAILY_TICK_SECONDS: seconds(1, 300, 20).default(20),
  DAILY_LEASE_SECONDS: seconds(1, 3600, 120).default(120),
  SLACK_DAILY_ADMINS: idList(/^[UW][A-Z0-9]{6,}$/, 'Slack user ids such as U0123ABCD, separated by commas'),
});

function idList(pattern: RegExp, message: string) {
  return z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => pattern.test(id)), message);
}

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Only the variables this program reads, with empty values dropped (empty means "use the default"). */
function setVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = Object.keys(envSchema.shape);
  return Object.fromEntries(
    names.flatMap((name) => {
      const value = env[name];
      return value === undefined || value.trim() === '' ? [] : [[name, value]];
    }),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(setVariables(env));
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (parsed.success) {
    const c = parsed.data;
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
      problems.push(
        'SLACK_SIGNING_SECRET: required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
      );
    }
    if (c.DISCORD_PUBLIC_KEY && !c.DISCORD_TOKEN) {
      problems.push(
        'DISCORD_TOKEN: required when DISCORD_PUBLIC_KEY is set (HTTP interactions still post and follow up over REST)',
      );
    }
    if (c.DISCORD_PUBLIC_KEY && c.DISCORD_SHARDS) {
      problems.push(
        'DISCORD_SHARDS: shards are gateway connections, and DISCORD_PUBLIC_KEY selects HTTP interactions — unset one of them',
      );
    }
    if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN) {
      problems.push('SLACK_BOT_TOKEN: required when other SLACK_ variables are set');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data!;
}

/** Values that must never reach a log line. */
export function secretsOf(config: Config): string[] {
  return [
    config.DISCORD_TOKEN,
    config.SLACK_BOT_TOKEN,
    config.SLACK_SIGNING_SECRET,
    config.SLACK_APP_TOKEN,
    config.DATABASE_URL,
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
}
