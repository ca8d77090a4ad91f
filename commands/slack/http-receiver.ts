/**
 * Slack's HTTP mode on the bot's own HTTP server, as a bolt Receiver. Stricter than bolt's: a timestamp more
 * than 5 minutes away from now in either direction is refused (bolt only refuses old ones), and a request
 * whose signature was already seen in that window gets 200 and does nothing (Slack signs each delivery
 * afresh, so a repeat is a replay). Seen signatures are shared by every instance when the store is shared.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import type { App, BufferedIncomingMessage, Logger, Receiver, ReceiverEvent } from '@slack/bolt';
import type { SeenStore } from '../../src/http/replay.js';
import type { HttpServer } from '../../src/http/server.js';
import { HTTPModuleFunctions, HTTPResponseAck } from './bolt.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack: requests older than five minutes must be refused; we refuse the same distance ahead. */
export const SLACK_TIMESTAMP_WINDOW_S = 5 * 60;

export type Verdict = 'ok' | 'no-signature' | 'bad-timestamp' | 'stale' | 'future' | 'bad-signature';

/** Checks Slack's signature over `v0:<timestamp>:<body>` and that the timestamp is within the window. */
export function verifySlackRequest(
  secret: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  nowSeconds: number,
): Verdict {
  const signature = headers['x-slack-signature'];
  const stamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof stamp !== 'string') return 'no-signature';
  if (!/^\d{1,12}$/.test(stamp)) return 'bad-timestamp';
  const ts = Number(stamp);
  if (nowSeconds - ts > SLACK_TIMESTAMP_WINDOW_S) return 'stale';
  if (ts - nowSeconds > SLACK_TIMESTAMP_WINDOW_S) return 'future';
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${stamp}:`).update(body).digest('hex')}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? 'ok' : 'bad-signature';
}

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  server: HttpServer;
  seen: SeenStore;
  logger: Logger;
  now?: () => number;
}

export class SlackHttpReceiver implements Receiver {
  private app?: App;

  constructor(private readonly options: SlackHttpReceiverOptions) {
    options.server.post(SLACK_EVENTS_PATH, (req, res, body) => this.handle(req, res, body));
  }

  init(app: App): void {
    this.app = app;
  }

  /** The shared HTTP server is started and stopped by its owner. */
  async start(): Promise<unknown> {
    return undefined;
  }

  async stop(): Promise<unknown> {
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const { logger } = this.options;
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0];
    // Slack checks TLS with an unsigned `ssl_check=1`; it carries nothing to act on.
    if (contentType === 'application/x-www-form-urlencoded' && parse(raw.toString()).ssl_check === '1') {
      return reply(res, 200);
    }
    const now = (this.options.now ?? Date.now)();
    const verdict = verifySlackRequest(this.options.signingSecret, req.headers, raw, Math.floor(now / 1000));
    if (verdict !== 'ok') {
      logger.warn(`refused a Slack request: ${verdict}`);
      return reply(res, 401);
    }
    const signature = String(req.headers['x-slack-signature']);
    const ts = Number(req.headers['x-slack-request-timestamp']);
    const first = await this.options.seen.firstSeen(
      `slack:${signature}`,
      now,
      (ts + SLACK_TIMESTAMP_WINDOW_S) * 1000,
    );
    if (!first) {
      logger.warn('ignored a replayed Slack request');
      return reply(res, 200);
    }
    const buffered = Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage;
    let body: Record<string, unknown>;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      return reply(res, 400);
    }
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      const acked = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (acked) ack.ack();
    }
  }
}

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
