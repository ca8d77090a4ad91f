/**
 * The operations endpoint on HEALTH_PORT (and HEALTH_HOST): `/healthz` (the process is up), `/readyz`
 * (content loaded, store answering, every configured platform connected) and `/metrics` (Prometheus).
 * GET and HEAD only. `/readyz` always answers within its bound: each check has its own timeout, and a
 * failing or slow check gives 503 naming it.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT, StartupError, withDeadline } from './deadline.js';
import type { Telemetry } from './telemetry.js';

/** A named readiness check: resolves true when ready. */
export type ReadinessCheck = [name: string, check: () => Promise<boolean> | boolean];

type CheckResult = 'ok' | 'failing' | 'timeout';

export class OpsServer {
  private readonly server: Server;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly checks: () => ReadinessCheck[],
    /** Bound on each readiness check. */
    private readonly checkMs = 1500,
  ) {
    this.server = createServer((req, res) => {
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'method not allowed' }));
        return;
      }
      void this.route(req.url ?? '/').then(([status, type, body]) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(method === 'HEAD' ? undefined : body);
      });
    });
    this.server.headersTimeout = 5_000;
    this.server.requestTimeout = 5_000;
  }

  private async route(url: string): Promise<[number, string, string]> {
    const path = url.split('?')[0];
    if (path === '/healthz') return [200, 'application/json', JSON.stringify({ ok: true })];
    if (path === '/readyz') {
      const named = this.checks();
      const results = await Promise.all(named.map(([, check]) => this.run(check)));
      const checks = Object.fromEntries(named.map(([name], i) => [name, results[i]!]));
      const failing = named.filter((_, i) => results[i] !== 'ok').map(([name]) => name);
      const ready = failing.length === 0;
      return [ready ? 200 : 503, 'application/json', JSON.stringify({ ready, failing, checks })];
    }
    if (path === '/metrics')
      return [200, this.telemetry.registry.contentType, await this.telemetry.registry.metrics()];
    return [404, 'application/json', JSON.stringify({ error: 'not found' })];
  }

  private async run(check: ReadinessCheck[1]): Promise<CheckResult> {
    try {
      const ok = await withDeadline(Promise.resolve().then(check), this.checkMs);
      return ok ? 'ok' : 'failing';
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'failing';
    }
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server.listen(port, host);
    try {
      await Promise.race([
        once(this.server, 'listening'),
        once(this.server, 'error').then(([error]) => Promise.reject(error)),
      ]);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new StartupError(
        code === 'EADDRINUSE'
          ? `HEALTH_PORT: ${port} is already in use on ${host} — stop the other program or choose another HEALTH_PORT.`
          : `HEALTH_PORT/HEALTH_HOST: cannot listen on ${host}:${port}: ${(error as Error).message}`,
        EXIT.config,
        { cause: error },
      );
    }
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
