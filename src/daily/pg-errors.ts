/**
 * PostgreSQL failures in words: what an operator reads at start, and which errors mean the connection is gone.
 */
import { EXIT, StartupError, TimeoutError, targetOf } from '../ops/deadline.js';

/** PostgreSQL error codes an operator can act on, in words. */
const PG_CODES: Record<string, string> = {
  '28P01': 'PostgreSQL refused the password — check the user and password in DATABASE_URL.',
  '28000': 'PostgreSQL refused the login — check the user in DATABASE_URL and pg_hba.conf.',
  '3D000': 'the database does not exist — create it, or fix its name in DATABASE_URL.',
  '42501': 'the user may not create tables — grant it CREATE on the database or schema.',
  '53300': 'PostgreSQL has no connection slots left — raise max_connections or use fewer instances.',
  '57P03': 'PostgreSQL is starting up or shutting down — wait and start the bot again.',
};

/** Why PostgreSQL could not be used at start, as one sentence naming DATABASE_URL. */
export function explainPg(error: unknown, url: string, timeoutMs: number): StartupError {
  const target = targetOf(url);
  const e = error as { code?: string; message?: string };
  const known = e.code ? PG_CODES[e.code] : undefined;
  if (known) return new StartupError(`DATABASE_URL: ${target}: ${known}`, EXIT.unavailable, { cause: error });
  const silent =
    error instanceof TimeoutError || /timeout|timed out|Connection terminated/i.test(e.message ?? '');
  if (silent)
    return new StartupError(
      `DATABASE_URL: no answer from ${target} within ${Math.round(timeoutMs / 1000)} s — is PostgreSQL running and reachable?`,
      EXIT.unavailable,
      { cause: error },
    );
  const network: Record<string, string> = {
    ECONNREFUSED: `connection refused by ${target} — is PostgreSQL running there?`,
    ENOTFOUND: `cannot resolve the host of ${target} — check the host name in DATABASE_URL.`,
    EAI_AGAIN: `cannot resolve the host of ${target} — check the host name and DNS.`,
    ECONNRESET: `${target} closed the connection — is it PostgreSQL, and does it accept this client (SSL)?`,
    EHOSTUNREACH: `${target} cannot be reached from here — check the network route.`,
  };
  const sentence =
    network[e.code ?? ''] ??
    `${target}: ${(e.message ?? String(error)).split('\n')[0]} — check DATABASE_URL.`;
  return new StartupError(`DATABASE_URL: ${sentence}`, EXIT.unavailable, { cause: error });
}

/** Errors after which the pool's client is not reused: the connection timed out, was cut or was cancelled. */
export function isConnectionTrouble(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    /timeout|terminated|ECONN|EPIPE/i.test(`${e.code ?? ''} ${e.message ?? ''}`) || e.code === '57014' // statement_timeout: canceled on the server
  );
}
