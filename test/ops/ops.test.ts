import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { InFlight } from '../../src/ops/inflight.js';
import { OpsServer } from '../../src/ops/server.js';
import { Telemetry } from '../../src/ops/telemetry.js';

let ops: OpsServer | undefined;
afterEach(async () => {
  await ops?.close();
  ops = undefined;
});

describe('telemetry', () => {
  it('logs one structured line per command and counts it', async () => {
    const lines: string[] = [];
    const telemetry = new Telemetry(createLogger('info', [], (l) => lines.push(l)));
    telemetry.command({ platform: 'discord', subcommand: 'quote', outcome: 'ok', ms: 1.234 });
    telemetry.command({
      platform: 'slack',
      subcommand: 'summary',
      outcome: 'error',
      ms: 5,
      errorId: 'abcd1234',
    });
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({
      level: 'info',
      msg: 'command',
      platform: 'discord',
      subcommand: 'quote',
      outcome: 'ok',
      ms: 1.2,
    });
    expect(parsed[1]).toMatchObject({
      level: 'error',
      platform: 'slack',
      subcommand: 'summary',
      outcome: 'error',
      errorId: 'abcd1234',
    });
    const metrics = await telemetry.registry.metrics();
    expect(metrics).toContain('talk_commands_total{platform="discord",subcommand="quote",outcome="ok"} 1');
    expect(metrics).toContain('talk_response_seconds_count{platform="slack"} 1');
  });

  it('never logs a secret, even inside an error message, a URL or a header', () => {
    const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.secret.token-value';
    const lines: string[] = [];
    const log = createLogger('debug', [token, 'postgres://bot:hunter2@db:5432/talk'], (l) => lines.push(l));
    log.error('failed', {
      error: new Error(`401 for Bot ${token}`),
      headers: { authorization: 'Bot whatever' },
      url: 'postgres://bot:hunter2@db/x',
    });
    const out = lines.join('');
    expect(out).not.toContain(token);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('Bot whatever');
    expect(out).toContain('[redacted]');
  });
});

describe('ops server', () => {
  it('answers /healthz, /readyz with each check, and /metrics', async () => {
    const telemetry = new Telemetry(createLogger('silent'));
    telemetry.dailyPost('slack', 'posted');
    telemetry.reconnect('discord');
    let discordUp = true;
    ops = new OpsServer(telemetry, () => [
      ['content', () => true],
      ['store', async () => true],
      ['discord', () => discordUp],
    ]);
    const port = await ops.listen(0, '127.0.0.1');
    const get = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: res.status, text: await res.text() };
    };
    expect(await get('/healthz')).toEqual({ status: 200, text: '{"ok":true}' });
    expect(await get('/readyz')).toEqual({
      status: 200,
      text: '{"ready":true,"failing":[],"checks":{"content":"ok","store":"ok","discord":"ok"}}',
    });
    discordUp = false;
    expect(await get('/readyz')).toEqual({
      status: 503,
      text: '{"ready":false,"failing":["discord"],"checks":{"content":"ok","store":"ok","discord":"failing"}}',
    });
    const metrics = await get('/metrics');
    expect(metrics.text).toContain('talk_daily_posts_total{platform="slack",outcome="posted"} 1');
    expect(metrics.text).toContain('talk_reconnects_total{platform="discord"} 1');
    expect(metrics.text).toContain('process_resident_memory_bytes');
    expect((await get('/nope')).status).toBe(404);
  });

  it('treats a check that throws as not ready', async () => {
    ops = new OpsServer(new Telemetry(createLogger('silent')), () => [
      ['store', () => Promise.reject(new Error('down'))],
    ]);
    const port = await ops.listen(0, '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(503);
  });
});

describe('ops server under faults', () => {
  it('answers /readyz within its bound when a check hangs, naming the slow check', async () => {
    const server = new OpsServer(
      new Telemetry(createLogger('silent')),
      () => [
        ['content', () => true],
        ['store', () => new Promise<boolean>(() => undefined)],
      ],
      300,
    );
    const port = await server.listen(0, '127.0.0.1');
    try {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      const ms = performance.now() - t0;
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ failing: ['store'], checks: { store: 'timeout' } });
      expect(ms).toBeLessThan(2000);
    } finally {
      await server.close();
    }
  });

  it('answers GET and HEAD only, and listens on the interface it is given', async () => {
    const server = new OpsServer(new Telemetry(createLogger('silent')), () => []);
    const port = await server.listen(0, '127.0.0.1');
    try {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`, { method });
        expect(res.status, method).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD');
      }
      const head = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      expect((server as any).server.address().address).toBe('127.0.0.1');
    } finally {
      await server.close();
    }
  });

  it('names HEALTH_PORT when the port is taken', async () => {
    const first = new OpsServer(new Telemetry(createLogger('silent')), () => []);
    const port = await first.listen(0, '127.0.0.1');
    const second = new OpsServer(new Telemetry(createLogger('silent')), () => []);
    try {
      await expect(second.listen(port, '127.0.0.1')).rejects.toThrow(
        new RegExp(`^HEALTH_PORT: ${port} is already in use on 127.0.0.1`),
      );
    } finally {
      await first.close();
    }
  });
});

describe('in-flight work', () => {
  it('lets running work finish, then refuses more', async () => {
    const inflight = new InFlight();
    let finished = false;
    void inflight.track(
      new Promise<void>((r) => setTimeout(() => r(), 100)).then(() => {
        finished = true;
      }),
    );
    expect(await inflight.drain(2000)).toBe(true);
    expect(finished).toBe(true);
    expect(inflight.open).toBe(false);
  });

  it('gives up after the timeout', async () => {
    const inflight = new InFlight();
    void inflight.track(new Promise(() => undefined));
    expect(await inflight.drain(50)).toBe(false);
  });
});
