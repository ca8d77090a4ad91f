/**
 * What the bot reports about its work: one log line per command, and Prometheus metrics (commands by
 * platform, subcommand and outcome, response latency, daily posts by outcome, gateway/socket reconnects).
 */
import { createRequire } from 'node:module';
import type { Counter, Histogram, Registry } from 'prom-client';
import type { Action } from '../core/actions.js';
import { DAILY_ACTION_NAMES } from '../core/daily-vocabulary.js';
import { SUBCOMMAND_NAMES } from '../core/vocabulary.js';
import type { Logger } from '../log.js';

const BUTTONS: Action['label'][] = [
  'another',
  'context',
  'switch-lang',
  'previous',
  'next',
  'share',
  'post-now',
];
/** The only values the subcommand label takes, so no input can grow the metric's label set. */
const KNOWN_LABELS = new Set<string>([
  ...SUBCOMMAND_NAMES,
  ...DAILY_ACTION_NAMES.map((a) => `daily ${a}`),
  'daily help',
  ...BUTTONS.map((b) => `button:${b}`),
  'autocomplete',
  'invalid',
]);

/** A metric label for what was asked: a known name, or `unknown`. */
export function subcommandLabel(name: string): string {
  return KNOWN_LABELS.has(name) ? name : 'unknown';
}

/** ok: answered; refused: a friendly no (bad input, not covered, cooldown, no permission); error: failed. */
export type CommandOutcome = 'ok' | 'refused' | 'error';

export interface CommandEvent {
  platform: 'discord' | 'slack';
  subcommand: string;
  outcome: CommandOutcome;
  ms: number;
  errorId?: string | undefined;
}

interface Metrics {
  registry: Registry;
  commands: Counter<'platform' | 'subcommand' | 'outcome'>;
  latency: Histogram<'platform'>;
  dailyPosts: Counter<'platform' | 'outcome'>;
  reconnects: Counter<'platform'>;
}

/** prom-client, loaded only when metrics are wanted (it costs start-up time and memory). */
function createMetrics(): Metrics {
  const p = createRequire(import.meta.url)('prom-client') as typeof import('prom-client');
  const registry = new p.Registry();
  p.collectDefaultMetrics({ register: registry });
  return {
    registry,
    commands: new p.Counter({
      name: 'talk_commands_total',
      help: 'Commands answered, by platform, subcommand and outcome',
      labelNames: ['platform', 'subcommand', 'outcome'],
      registers: [registry],
    }),
    latency: new p.Histogram({
      name: 'talk_response_seconds',
      help: 'Time from receiving a command to sending its answer',
      labelNames: ['platform'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    dailyPosts: new p.Counter({
      name: 'talk_daily_posts_total',
      help: 'Daily post attempts, by platform and outcome',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    reconnects: new p.Counter({
      name: 'talk_reconnects_total',
      help: 'Discord gateway and Slack socket reconnections',
      labelNames: ['platform'],
      registers: [registry],
    }),
  };
}

export class Telemetry {
  private readonly metrics?: Metrics;

  /**
   * With `metrics` (the default), counts into a Prometheus registry; without (no HEALTH_PORT, so nothing
   * would read them), prom-client is not even loaded and only the log lines remain.
   */
  constructor(
    private readonly log: Logger,
    options: { metrics?: boolean } = {},
  ) {
    if (options.metrics !== false) this.metrics = createMetrics();
  }

  /** The Prometheus registry behind /metrics. */
  get registry(): Registry {
    if (!this.metrics) throw new Error('metrics are off (no HEALTH_PORT)');
    return this.metrics.registry;
  }

  command(event: CommandEvent): void {
    const subcommand = subcommandLabel(event.subcommand);
    this.metrics?.commands.inc({ platform: event.platform, subcommand, outcome: event.outcome });
    this.metrics?.latency.observe({ platform: event.platform }, event.ms / 1000);
    const fields = {
      platform: event.platform,
      subcommand,
      outcome: event.outcome,
      ms: Math.round(event.ms * 10) / 10,
      ...(event.errorId ? { errorId: event.errorId } : {}),
    };
    if (event.outcome === 'error') this.log.error('command', fields);
    else this.log.info('command', fields);
  }

  dailyPost(platform: string, outcome: string): void {
    this.metrics?.dailyPosts.inc({ platform, outcome });
  }

  reconnect(platform: 'discord' | 'slack'): void {
    this.metrics?.reconnects.inc({ platform });
    this.log.warn('reconnecting', { platform });
  }
}
