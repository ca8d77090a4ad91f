/**
 * Configuration, read from the environment once and validated with zod. A bad value fails start-up with
 * the variable's name and what was expected. Nothing else reads process.env.
 */
import { z } from 'zod';
import { canonicalZone, parseTime } from './daily/time.js';

const optional = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const envSchema = z.object({
  DISCORD_TOKEN: optional(
    z.string().regex(/^[\w.-]{20,}$/, 'a Discord bot token (Developer Portal → Bot → Reset Token)'),
  ),
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d{17,20}$/, 'a Discord server id: 17 to 20 digits')),
  DISCORD_SHARDS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)], {
      error: '"auto" or a number of shards',
    })
    .optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, 'a Slack bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optional(
    z.string().regex(/^[0-9a-f]{16,}$/i, 'the Slack app signing secret (hexadecimal)'),
  ),
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'a Slack app-level token starting with xapp-')),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
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
  DAILY_LANG: z.enum(['zh', 'en', 'both']).default('both'),
  DAILY_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(1440),
  DAILY_TICK_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  DAILY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`PORT=` copied from .env.example) means "not set", so the default applies.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(set);
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
