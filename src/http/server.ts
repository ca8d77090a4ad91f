/**
 * The bot's public HTTP server on PORT: Slack's HTTP mode (`/slack/events`) and Discord's interactions
 * endpoint (`/discord/interactions`) share it. Bodies are read whole, bounded in size and time, before a
 * route sees them, so a slow or huge request cannot hold the bot.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT, StartupError } from '../ops/deadline.js';

/** Slack and Discord payloads are a few KiB; anything near this is not theirs. */
export const BODY_LIMIT_BYTES = 512 * 1024;

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export class HttpServer {
  private readonly server: Server;
  private readonly routes = new Map<string, RouteHandler>();

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Slowloris and stalled uploads: a request must arrive whole within these times.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 15_000;
    this.server.keepAliveTimeout = 5_000;
  }

  /** Routes POST requests to `path` to `handler` with the whole body. */
  post(path: string, handler: RouteHandler): void {
    this.routes.set(path, handler);
  }

  get paths(): string[] {
    return [...this.routes.keys()];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = this.routes.get(path);
    if (!route) return end(res, 404);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return end(res, 405);
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT_BYTES) return end(res, 413, true);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > BODY_LIMIT_BYTES) return end(res, 413, true);
        chunks.push(chunk as Buffer);
      }
    } catch {
      return end(res, 400, true);
    }
    try {
      await route(req, res, Buffer.concat(chunks));
    } catch (error) {
      this.onError(error);
      if (!res.headersSent) end(res, 500);
    }
  }

  /** Listens; a port in use or not allowed stops the start with a sentence naming `variable`. */
  async listen(port: number, host: string, variable = 'PORT'): Promise<number> {
    this.server.listen(port, host);
    try {
      await Promise.race([
        once(this.server, 'listening'),
        once(this.server, 'error').then(([error]) => Promise.reject(error)),
      ]);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const sentence =
        code === 'EADDRINUSE'
          ? `${variable}: ${port} is already in use on ${host} — stop the other program or choose another ${variable}.`
          : code === 'EACCES'
            ? `${variable}: this user may not listen on ${port} — choose a port above 1023.`
            : `${variable}: cannot listen on ${host}:${port}: ${(error as Error).message}`;
      throw new StartupError(sentence, EXIT.config, { cause: error });
    }
    return (this.server.address() as AddressInfo).port;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeIdleConnections();
    await closed;
  }

  /** Ends every connection at once (after in-flight answers have had their time). */
  closeAllConnections(): void {
    this.server.closeAllConnections();
  }
}

function end(res: ServerResponse, status: number, close = false): void {
  if (res.headersSent) return;
  res.writeHead(status, close ? { connection: 'close' } : {});
  res.end();
}
