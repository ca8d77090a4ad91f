/**
 * What an operator reads when PostgreSQL cannot be used at start, driven by the errors the `pg` client really
 * raises against local servers (a closed port, a server that never answers, one that hangs up, a missing
 * database), and by built errors where only a code or a message is looked at.
 */
import net from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { explainPg, isConnectionTrouble } from '../../src/daily/pg-errors.js';
import { PgStore } from '../../src/daily/pg-store.js';
import { EXIT, StartupError, TimeoutError } from '../../src/ops/deadline.js';
import { TEST_DATABASE_URL } from './stores.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A TCP server on 127.0.0.1 that does `onConnection` with each socket; stopped after the test. */
async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

/** A port nothing listens on: one that was just free. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The error the `pg` client raises when connecting to `url`. */
async function connectError(url: string, connectionTimeoutMillis = 2_000): Promise<unknown> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error(`connected to ${url}`);
}

/** The error a query raises on a fresh connection to the test database with these client settings. */
async function queryError(sql: string, settings: pg.ClientConfig = {}): Promise<unknown> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, ...settings });
  await client.connect();
  try {
    await client.query(sql);
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error(`${sql} succeeded`);
}

function explained(error: unknown, url: string, timeoutMs = 10_000): StartupError {
  const e = explainPg(error, url, timeoutMs);
  expect(e).toBeInstanceOf(StartupError);
  expect(e.exitCode).toBe(EXIT.unavailable);
  expect(e.cause).toBe(error);
  return e;
}

const withDb = (name: string) => {
  const url = new URL(TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.pathname = `/${name}`;
  return url.toString();
};

describe('PostgreSQL failures at start, as one sentence naming DATABASE_URL', () => {
  it('a closed port: connection refused by host:port', async () => {
    const port = await closedPort();
    const url = `postgres://talk:secret@127.0.0.1:${port}/talk`;
    const error = await connectError(url);
    expect(explained(error, url).message).toBe(
      `DATABASE_URL: connection refused by 127.0.0.1:${port} — is PostgreSQL running there?`,
    );
  });

  it('a server that accepts and never answers: no answer within the bound, in whole seconds', async () => {
    const port = await listen(() => undefined);
    const url = `postgres://talk@127.0.0.1:${port}/talk`;
    const error = await connectError(url, 100);
    expect(explained(error, url, 2_500).message).toBe(
      `DATABASE_URL: no answer from 127.0.0.1:${port} within 3 s — is PostgreSQL running and reachable?`,
    );
  });

  it('says the same when connecting through the store runs out of time', async () => {
    const port = await listen(() => undefined);
    const refused = PgStore.connect(`postgres://talk@127.0.0.1:${port}/talk`, { timeoutMs: 1_000 });
    await expect(refused).rejects.toThrow(
      `DATABASE_URL: no answer from 127.0.0.1:${port} within 1 s — is PostgreSQL running and reachable?`,
    );
  });

  it('a server that hangs up at once (the client reads "Connection terminated") counts as no answer', async () => {
    const port = await listen((socket) => socket.end());
    const url = `postgres://talk@127.0.0.1:${port}/talk`;
    const error = await connectError(url);
    expect(explained(error, url, 10_000).message).toBe(
      `DATABASE_URL: no answer from 127.0.0.1:${port} within 10 s — is PostgreSQL running and reachable?`,
    );
  });

  it('a server that resets the connection: asks whether it is PostgreSQL and accepts this client', async () => {
    const port = await listen((socket) => socket.resetAndDestroy());
    const url = `postgres://talk@127.0.0.1:${port}/talk`;
    const error = await connectError(url);
    expect(explained(error, url).message).toBe(
      `DATABASE_URL: 127.0.0.1:${port} closed the connection — is it PostgreSQL, and does it accept this client (SSL)?`,
    );
  });

  it('our own deadline running out counts as no answer, whatever its message', () => {
    const error = new TimeoutError(30_000);
    expect(explained(error, 'postgres://db.internal/talk', 10_000).message).toBe(
      'DATABASE_URL: no answer from db.internal within 10 s — is PostgreSQL running and reachable?',
    );
  });

  it.skipIf(!TEST_DATABASE_URL)('a database that does not exist on the running server', async () => {
    const url = withDb('talk_no_such_database');
    const error = await connectError(url);
    expect(explained(error, url).message).toBe(
      'DATABASE_URL: 127.0.0.1:5432: the database does not exist — create it, or fix its name in DATABASE_URL.',
    );
  });

  it.skipIf(!TEST_DATABASE_URL)('a user the server does not know', async () => {
    const url = new URL(withDb('test'));
    url.username = 'talk_no_such_role';
    const error = await connectError(url.toString());
    expect(explained(error, url.toString()).message).toBe(
      'DATABASE_URL: 127.0.0.1:5432: PostgreSQL refused the login — check the user in DATABASE_URL and pg_hba.conf.',
    );
  });

  it.each([
    ['28P01', 'PostgreSQL refused the password — check the user and password in DATABASE_URL.'],
    ['42501', 'the user may not create tables — grant it CREATE on the database or schema.'],
    ['53300', 'PostgreSQL has no connection slots left — raise max_connections or use fewer instances.'],
    ['57P03', 'PostgreSQL is starting up or shutting down — wait and start the bot again.'],
  ])('server code %s in words, never the password', (code, words) => {
    const error = Object.assign(new Error('server said no (timeout in message is ignored)'), { code });
    expect(explained(error, 'postgres://talk:hunter2@db.example:6543/talk').message).toBe(
      `DATABASE_URL: db.example:6543: ${words}`,
    );
  });

  it.each([
    ['ENOTFOUND', 'cannot resolve the host of db.example — check the host name in DATABASE_URL.'],
    ['EAI_AGAIN', 'cannot resolve the host of db.example — check the host name and DNS.'],
    ['EHOSTUNREACH', 'db.example cannot be reached from here — check the network route.'],
  ])('network code %s in words', (code, words) => {
    const error = Object.assign(new Error(`getaddrinfo ${code} db.example`), { code });
    expect(explained(error, 'postgres://talk@db.example/talk').message).toBe(`DATABASE_URL: ${words}`);
  });

  it('anything else: the first line of its message, with the target', () => {
    const error = Object.assign(new Error('self-signed certificate\n    at TLSSocket.onConnectSecure'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(explained(error, 'postgres://talk@db.example/talk').message).toBe(
      'DATABASE_URL: db.example: self-signed certificate — check DATABASE_URL.',
    );
    expect(explained('no pg_hba.conf entry', 'not a url').message).toBe(
      'DATABASE_URL: not a url: no pg_hba.conf entry — check DATABASE_URL.',
    );
  });
});

describe('errors after which a pooled connection is not reused', () => {
  it.skipIf(!TEST_DATABASE_URL)('a statement the server cancelled for its timeout', async () => {
    const error = await queryError('SELECT pg_sleep(2)', { statement_timeout: 50 });
    expect(error).toMatchObject({ code: '57014' });
    expect(isConnectionTrouble(error)).toBe(true);
  });

  it.skipIf(!TEST_DATABASE_URL)('a query the client gave up waiting for', async () => {
    const error = await queryError('SELECT pg_sleep(2)', { query_timeout: 50 });
    expect(error).toMatchObject({ message: 'Query read timeout' });
    expect(isConnectionTrouble(error)).toBe(true);
  });

  it.skipIf(!TEST_DATABASE_URL)('not a mistake in the query itself: the connection is fine', async () => {
    const error = await queryError('SELEC 1');
    expect(error).toMatchObject({ code: '42601' });
    expect(isConnectionTrouble(error)).toBe(false);
  });

  it('a refused or reset connection, found by its code alone', async () => {
    const error = await connectError(`postgres://talk@127.0.0.1:${await closedPort()}/talk`);
    expect(isConnectionTrouble(error)).toBe(true);
    expect(isConnectionTrouble({ code: 'ECONNRESET' })).toBe(true);
    expect(isConnectionTrouble({ code: 'EPIPE' })).toBe(true);
    expect(isConnectionTrouble({ message: 'Connection terminated unexpectedly' })).toBe(true);
  });

  it('a statement cancelled on the server for any reason, found by its code', () => {
    expect(isConnectionTrouble({ code: '57014', message: 'canceling statement due to user request' })).toBe(
      true,
    );
    expect(isConnectionTrouble({ code: '23505', message: 'duplicate key value' })).toBe(false);
    expect(isConnectionTrouble({})).toBe(false);
  });
});
