/**
 * Discord's interactions endpoint on the bot's HTTP server (`POST /discord/interactions`), the HTTP-mode
 * counterpart of the gateway's INTERACTION_CREATE. Each request is checked before anything else happens:
 * an Ed25519 signature by the application's public key over timestamp + raw body (Node's own crypto), a
 * timestamp within 5 minutes of now either way, and a signature never seen before (shared by every
 * instance when the store is). Then a PING gets a PONG, and anything else goes to DiscordInteractions with
 * a responder whose first answer is this HTTP response; later messages go through the interaction webhook.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawFile, REST } from '@discordjs/rest';
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import type { SeenStore } from '../../src/http/replay.js';
import type { HttpServer } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import { InteractionResponseType, InteractionType } from './api.js';
import type { DiscordInteractions, UserInteraction } from './interactions.js';
import { InteractionResponder } from './responder.js';

export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
/** Discord signs the time it sent a request; older or later than this, it is refused (as Slack's are). */
export const DISCORD_TIMESTAMP_WINDOW_S = 5 * 60;

/** An Ed25519 public key as SPKI DER is this fixed header followed by the key's 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex characters, as the Developer Portal shows it) as a KeyObject. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('a Discord public key is 64 hexadecimal characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export type Verdict = 'ok' | 'no-signature' | 'bad-timestamp' | 'stale' | 'future' | 'bad-signature';

/** Checks `X-Signature-Ed25519` over `X-Signature-Timestamp` + body, and that the timestamp is in the window. */
export function verifyDiscordRequest(
  key: KeyObject,
  headers: IncomingMessage['headers'],
  body: Buffer,
  nowSeconds: number,
): Verdict {
  const signature = headers['x-signature-ed25519'];
  const stamp = headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || typeof stamp !== 'string') return 'no-signature';
  // Ed25519 signatures are 64 bytes.
  if (!/^[0-9a-f]{128}$/i.test(signature)) return 'bad-signature';
  if (!/^\d{1,12}$/.test(stamp)) return 'bad-timestamp';
  const ts = Number(stamp);
  if (nowSeconds - ts > DISCORD_TIMESTAMP_WINDOW_S) return 'stale';
  if (ts - nowSeconds > DISCORD_TIMESTAMP_WINDOW_S) return 'future';
  const signed = Buffer.concat([Buffer.from(stamp), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? 'ok' : 'bad-signature';
}

/** Interaction types this version knows (PING, command, component, autocomplete, modal submit). */
const KNOWN_TYPES = new Set<number>([
  InteractionType.Ping,
  InteractionType.ApplicationCommand,
  InteractionType.MessageComponent,
  InteractionType.ApplicationCommandAutocomplete,
  InteractionType.ModalSubmit,
]);

/** The interaction in a verified body, or why it is not one. */
function parseInteraction(raw: Buffer): APIInteraction | string {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const i = value as Partial<Record<'id' | 'token' | 'application_id' | 'type', unknown>> | null;
  if (typeof i !== 'object' || i === null || Array.isArray(i)) return 'not an object';
  if (typeof i.type !== 'number') return 'no interaction type';
  if (!KNOWN_TYPES.has(i.type)) return `unknown interaction type ${i.type}`;
  if (typeof i.id !== 'string' || typeof i.token !== 'string' || typeof i.application_id !== 'string')
    return 'no id, token or application id';
  return value as APIInteraction;
}

export interface DiscordHttpEndpointOptions {
  /** The application's public key, hex. */
  publicKey: string;
  server: HttpServer;
  /** Signatures already handled (replays); shared by instances when the store is. */
  seen: SeenStore;
  interactions: DiscordInteractions;
  /** For what comes after the first answer: edits after a deferral, follow-ups (the interaction webhook). */
  rest: REST;
  log: Logger;
  now?: () => number;
}

export class DiscordHttpEndpoint {
  private readonly key: KeyObject;

  constructor(private readonly options: DiscordHttpEndpointOptions) {
    this.key = discordPublicKey(options.publicKey);
    options.server.post(DISCORD_INTERACTIONS_PATH, (req, res, body) => this.handle(req, res, body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const { log, seen } = this.options;
    const now = (this.options.now ?? Date.now)();
    // Discord: a request that fails verification must get 401 (the Developer Portal checks this).
    const verdict = verifyDiscordRequest(this.key, req.headers, raw, Math.floor(now / 1000));
    if (verdict !== 'ok') {
      log.warn(`refused a Discord request: ${verdict}`);
      return end(res, 401);
    }
    // Discord never sends the same request twice: a signature seen before is spent.
    const signature = String(req.headers['x-signature-ed25519']).toLowerCase();
    const ts = Number(req.headers['x-signature-timestamp']);
    if (!(await seen.firstSeen(`discord:${signature}`, now, (ts + DISCORD_TIMESTAMP_WINDOW_S) * 1000))) {
      log.warn('refused a replayed Discord request');
      return end(res, 401);
    }
    const interaction = parseInteraction(raw);
    if (typeof interaction === 'string') {
      log.warn(`refused a signed Discord request: ${interaction}`);
      return end(res, 400);
    }
    if (interaction.type === InteractionType.Ping)
      return void (await writeAnswer(res, { type: InteractionResponseType.Pong }));

    let answered!: () => void;
    const firstAnswer = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const responder = new InteractionResponder(
      this.options.rest,
      interaction.application_id,
      interaction.token,
      async (response, files) => {
        await writeAnswer(res, response, files);
        answered();
      },
    );
    // The first answer is this HTTP response; whatever follows (an edit after a deferral) goes on after it.
    const handled = this.options.interactions.handle(interaction as UserInteraction, responder);
    await Promise.race([firstAnswer, handled]);
    if (!res.headersSent) {
      log.error('discord: an interaction ended without a first answer', { type: interaction.type });
      end(res, 500);
    }
  }
}

/**
 * The first answer as the HTTP response: JSON, or multipart/form-data with `payload_json` and
 * `files[n]` when it carries files (as @discordjs/rest sends them to the callback endpoint).
 */
export async function writeAnswer(
  res: ServerResponse,
  response: APIInteractionResponse,
  files?: RawFile[],
): Promise<void> {
  // Discord: the first answer is due within 3 s; after that it has closed the request.
  if (res.headersSent || res.destroyed)
    throw new Error('the HTTP request is gone (Discord waits 3 s for the first answer)');
  if (!files?.length) {
    const json = JSON.stringify(response);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
    return;
  }
  const form = new FormData();
  form.append('payload_json', JSON.stringify(response));
  files.forEach((file, i) => {
    const data = typeof file.data === 'object' ? file.data : String(file.data);
    form.append(file.key ?? `files[${i}]`, new Blob([data], { type: file.contentType ?? '' }), file.name);
  });
  const encoded = new Response(form);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  if (res.destroyed) throw new Error('the HTTP request is gone (Discord waits 3 s for the first answer)');
  res.writeHead(200, {
    'content-type': encoded.headers.get('content-type')!,
    'content-length': bytes.length,
  });
  res.end(bytes);
}

function end(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
