/**
 * The Slack adapter: a bolt App in Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP mode on PORT at
 * /slack/events with Slack's request signatures verified.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger as BoltLogger, LogLevel, type SocketModeReceiver } from '@slack/bolt';
import type { Cooldown } from '../../src/core/cooldown.js';
import type { Talk } from '../../src/core/talk.js';
import type { DailyService } from '../../src/daily/service.js';
import type { Logger } from '../../src/log.js';
import { InFlight } from '../../src/ops/inflight.js';
import type { Telemetry } from '../../src/ops/telemetry.js';
import { registerSlack } from './index.js';

export interface SlackBotOptions {
  talk: Talk;
  cooldown: Cooldown;
  log: Logger;
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  /** Web API base, e.g. https://slack.com/api/ */
  apiUrl: string;
  port: number;
  host?: string;
  daily?: DailyService | undefined;
  dailyAdmins?: readonly string[];
  telemetry?: Telemetry | undefined;
}

function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const wrap =
    (write: (msg: string) => void) =>
    (...parts: unknown[]) =>
      write(parts.map(String).join(' '));
  return {
    debug: wrap((m) => log.debug(`bolt: ${m}`)),
    info: wrap((m) => log.debug(`bolt: ${m}`)),
    warn: wrap((m) => log.warn(`bolt: ${m}`)),
    error: wrap((m) => log.error(`bolt: ${m}`)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

export class SlackBot {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  private server?: Server;
  private readonly inflight = new InFlight();

  constructor(private readonly options: SlackBotOptions) {
    this.mode = options.appToken ? 'socket' : 'http';
    this.app = new App({
      token: options.botToken,
      ...(this.mode === 'socket'
        ? { socketMode: true, appToken: options.appToken }
        : { signingSecret: options.signingSecret }),
      clientOptions: { slackApiUrl: options.apiUrl },
      logger: boltLogger(options.log),
    });
    if (this.mode === 'socket') {
      this.socketClient().on('reconnecting', () => options.telemetry?.reconnect('slack'));
    }
    registerSlack(this.app, {
      talk: options.talk,
      cooldown: options.cooldown,
      log: options.log,
      daily: options.daily,
      dailyAdmins: options.dailyAdmins ?? [],
      telemetry: options.telemetry,
      inflight: this.inflight,
    });
    this.app.error(async (error) => {
      options.log.error('slack listener error', { error });
    });
  }

  /** Starts listening; in HTTP mode resolves with the port. */
  async start(): Promise<number | undefined> {
    if (this.mode === 'socket') {
      await this.app.start();
      this.options.log.info('slack connected', { mode: 'socket' });
      return undefined;
    }
    this.server = (await this.app.start({
      port: this.options.port,
      host: this.options.host ?? '0.0.0.0',
    })) as Server;
    const port = (this.server.address() as AddressInfo).port;
    this.options.log.info('slack listening', { mode: 'http', port, path: '/slack/events' });
    return port;
  }

  /** bolt keeps its Socket Mode receiver private; its client is where connection state and reconnects show. */
  private socketClient() {
    return (this.app as unknown as { receiver: SocketModeReceiver }).receiver.client;
  }

  /** In HTTP mode: listening. In Socket Mode: the socket to Slack is open. */
  get ready(): boolean {
    if (this.mode === 'http') return this.server?.listening === true;
    return this.socketClient().websocket?.isActive() === true;
  }

  /** Stops taking commands, lets answers in progress finish (at most `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.inflight.drain(timeoutMs);
    await this.app.stop();
  }
}
