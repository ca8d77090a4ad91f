/**
 * The operations endpoint on HEALTH_PORT: `/healthz` (the process is up), `/readyz` (content loaded,
 * store reachable, every configured platform connected) and `/metrics` (Prometheus).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telemetry } from './telemetry.js';

/** A named readiness check: resolves true when ready. */
export type ReadinessCheck = [name: string, check: () => Promise<boolean> | boolean];

export class OpsServer {
  private readonly server: Server;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly checks: () => ReadinessCheck[],
  ) {
    this.server = createServer((req, res) => {
      void this.route(req.url ?? '/').then(([status, type, body]) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      });
    });
  }

  private async route(url: string): Promise<[number, string, string]> {
    const path = url.split('?')[0];
    if (path === '/healthz') return [200, 'application/json', JSON.stringify({ ok: true })];
    if (path === '/readyz') {
      const results: Record<string, boolean> = {};
      for (const [name, check] of this.checks()) {
        results[name] = await Promise.resolve()
          .then(check)
          .catch(() => false);
      }
      const ready = Object.values(results).every(Boolean);
      return [ready ? 200 : 503, 'application/json', JSON.stringify({ ready, checks: results })];
    }
    if (path === '/metrics')
      return [200, this.telemetry.registry.contentType, await this.telemetry.registry.metrics()];
    return [404, 'application/json', JSON.stringify({ error: 'not found' })];
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server.listen(port, host);
    await once(this.server, 'listening');
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
