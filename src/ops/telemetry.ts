/**
 * What the bot reports about its work: one log line per command, and Prometheus metrics (commands by
 * platform, subcommand and outcome, response latency, daily posts by outcome, gateway/socket reconnects).
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Action } from '../core/actions.js';
import { DAILY_ACTION_NAMES, SUBCOMMAND_NAMES } from '../core/vocabulary.js';
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

export class Telemetry {
  readonly registry = new Registry();
  private readonly commands: Counter<'platform' | 'subcommand' | 'outcome'>;
  private readonly latency: Histogram<'platform'>;
  private readonly dailyPosts: Counter<'platform' | 'outcome'>;
  private readonly reconnects: Counter<'platform'>;

  constructor(private readonly log: Logger) {
    collectDefaultMetrics({ register: this.registry });
    this.commands = new Counter({
      name: 'talk_commands_total',
      help: 'Commands answered, by platform, subcommand and outcome',
      labelNames: ['platform', 'subcommand', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'talk_response_seconds',
      help: 'Time from receiving a command to sending its answer',
      labelNames: ['platform'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.dailyPosts = new Counter({
      name: 'talk_daily_posts_total',
      help: 'Daily post attempts, by platform and outcome',
      labelNames: ['platform', 'outcome'],
      registers: [this.registry],
    });
    this.reconnects = new Counter({
      name: 'talk_reconnects_total',
      help: 'Discord gateway and Slack socket reconnections',
      labelNames: ['platform'],
      registers: [this.registry],
    });
  }

  command(event: CommandEvent): void {
    const subcommand = subcommandLabel(event.subcommand);
    this.commands.inc({ platform: event.platform, subcommand, outcome: event.outcome });
    this.latency.observe({ platform: event.platform }, event.ms / 1000);
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
    this.dailyPosts.inc({ platform, outcome });
  }

  reconnect(platform: 'discord' | 'slack'): void {
    this.reconnects.inc({ platform });
    this.log.warn('reconnecting', { platform });
  }
}
