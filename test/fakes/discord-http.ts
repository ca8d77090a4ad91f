/**
 * Discord's side of HTTP interactions, for tests and the bench: an Ed25519 key pair generated here (the
 * application's public key is given to the bot as DISCORD_PUBLIC_KEY), and interactions POSTed to the
 * bot's `/discord/interactions` signed as Discord signs them: `X-Signature-Ed25519` over
 * `X-Signature-Timestamp` + the raw body.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface Posted {
  status: number;
  /** The parsed JSON answer, when there is one. */
  body: any;
  text: string;
  headers: Headers;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replaces the signature (hex) or, with null, leaves the signature headers out. */
  signature?: string | null;
}

export class DiscordSigner {
  /** The public key as the Developer Portal shows it: 32 raw bytes in hex. */
  readonly publicKey: string;
  private readonly privateKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    // An Ed25519 public key's SPKI DER export ends with its 32 raw bytes.
    this.publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  }

  sign(body: string | Buffer, timestamp: number): string {
    return sign(
      null,
      Buffer.concat([Buffer.from(String(timestamp)), Buffer.from(body)]),
      this.privateKey,
    ).toString('hex');
  }

  /** The headers Discord sends with `body`. */
  headers(body: string | Buffer, options: SendOptions = {}): Record<string, string> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature === undefined ? this.sign(body, timestamp) : options.signature;
    return {
      'content-type': 'application/json',
      ...(signature === null
        ? {}
        : { 'x-signature-ed25519': signature, 'x-signature-timestamp': String(timestamp) }),
    };
  }

  /** POSTs `payload` (an object, or a raw body as it is) to the bot at `base` (http://host:port). */
  async send(base: string, payload: unknown, options: SendOptions = {}): Promise<Posted> {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    const res = await fetch(`${base}${INTERACTIONS_PATH}`, {
      method: 'POST',
      headers: this.headers(body, options),
      body,
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  }
}

/** A PING, as Discord sends when the endpoint URL is saved in the Developer Portal. */
export function ping(applicationId: string): Record<string, unknown> {
  return { id: '1', application_id: applicationId, type: 1, token: 'ping-token', version: 1 };
}

/** The port the bot reports in its "discord listening" log line, once it has. */
export function discordPortFromLog(log: string): number | undefined {
  const line = log.split('\n').find((l) => l.includes('"msg":"discord listening"'));
  return line ? (JSON.parse(line).port as number) : undefined;
}
