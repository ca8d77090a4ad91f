/**
 * The load generator's side of the fakes: the fake Discord and fake Slack from test/fakes (reused, not
 * copied), with O(1) observers for the bot's answers, the payloads sent, and round trips one at a time or
 * with N in flight. Runs in the load generator process (loadgen.ts), never in the bot's nor the
 * measuring process.
 */
import { Agent, request } from 'node:http';
import { FakeDiscord, interaction } from '../fakes/discord.js';
import { DiscordSigner, INTERACTIONS_PATH } from '../fakes/discord-http.js';
import { commandBody, FakeSlack, sign } from '../fakes/slack.js';
import { percentile } from './stats.js';

/** The chat-input mix sent to both bots (the bare bots ignore what is asked and answer a fixed text). */
const SUBCOMMANDS = ['quote', 'summary', 'search', 'topics', 'takeaway', 'about'];
/** The Slack command texts sent to both bots. */
const SLACK_TEXTS = [
  'summary rl',
  'quote',
  'search data wall',
  'topics',
  'takeaway',
  'quote Riemann hypothesis',
];

export interface Answer {
  /** performance.now() when the answer reached the fake. */
  at: number;
  /** Discord: the interaction callback type (4 message, 8 autocomplete result); Slack: 0. */
  type: number;
}

export interface RoundTrips {
  n: number;
  /** Dispatch (or signed command) → answer at the fake, ms. */
  p50: number;
  p99: number;
  max: number;
  /** Slack only: signed command → HTTP acknowledgement, ms. */
  ackP50?: number;
  ackP99?: number;
  /** Answers that never came within the timeout, and HTTP failures (non-200 or connection errors). */
  lost: number;
  failed: number;
  /** Answer types seen (Discord callback type), to check the bots answered what was asked. */
  types: Record<string, number>;
}

export class Fakes {
  discord!: FakeDiscord;
  slack!: FakeSlack;
  /** Discord's key pair for HTTP interactions: the bot under test gets the public key. */
  readonly signer = new DiscordSigner();
  private readonly discordPending = new Map<string, (a: Answer) => void>();
  private readonly slackPending = new Map<string, (a: Answer) => void>();

  async start(): Promise<this> {
    this.discord = await new FakeDiscord().start();
    this.discord.verifyKey = this.signer.publicKey;
    this.slack = await new FakeSlack().start();
    // Observe interaction callbacks through the fake's own override hook (returning undefined keeps its
    // normal answer), keyed by interaction id: no scan of waiters per request, whatever is in flight.
    this.discord.respond = (r) => {
      const id = /\/interactions\/(\d+)\/[^/]+\/callback/.exec(r.path)?.[1];
      const done = id ? this.discordPending.get(id) : undefined;
      if (done) {
        this.discordPending.delete(id!);
        done({ at: performance.now(), type: Number(r.body?.type) });
      }
      return undefined;
    };
    // The fake Slack records each response_url post with `responses.push`: observe there, keyed by path,
    // and keep nothing (10,000s of answers would otherwise pile up in the generator's memory).
    const responses = this.slack.responses;
    responses.push = (...items) => {
      for (const r of items) {
        const done = this.slackPending.get(r.path);
        if (done) {
          this.slackPending.delete(r.path);
          done({ at: performance.now(), type: 0 });
        }
      }
      return responses.length;
    };
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.discord?.stop(), this.slack?.stop()]);
  }

  /** The fake keeps every request it saw; drop them between phases so the generator stays small. */
  forget(): void {
    this.discord.requests.splice(0);
    this.slack.api.splice(0);
  }

  chatInput(i: number): Record<string, any> {
    const name = SUBCOMMANDS[i % SUBCOMMANDS.length]!;
    const options =
      name === 'search'
        ? [{ type: 3, name: 'query', value: 'data wall' }]
        : name === 'summary'
          ? [{ type: 3, name: 'topic', value: 'rl' }]
          : [];
    return interaction(this.discord, {
      type: 2,
      data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name, options }] },
    });
  }

  /** `/talk quote query:"data w"` being typed: an autocomplete (interaction type 4) on the focused option. */
  autocomplete(): Record<string, any> {
    return interaction(this.discord, {
      type: 4,
      data: {
        id: '9',
        name: 'talk',
        type: 1,
        options: [
          { type: 1, name: 'quote', options: [{ type: 3, name: 'query', value: 'data w', focused: true }] },
        ],
      },
    });
  }

  /** Resolves with the answer to interaction `id`, or undefined after `timeoutMs`. Register before dispatching. */
  expectDiscord(id: string, timeoutMs: number): Promise<Answer | undefined> {
    return expect(this.discordPending, id, timeoutMs);
  }

  /** A signed-ready slash command body and the response_url path its answer will arrive on. */
  slackCommand(i: number): { body: string; path: string } {
    const body = commandBody(this.slack, SLACK_TEXTS[i % SLACK_TEXTS.length]!);
    const path = new URL(new URLSearchParams(body).get('response_url')!).pathname;
    return { body, path };
  }

  expectSlack(path: string, timeoutMs: number): Promise<Answer | undefined> {
    return expect(this.slackPending, path, timeoutMs);
  }

  /** Dispatch → interaction callback, `n` times, `concurrency` in flight. */
  async discordRoundTrips(n: number, concurrency: number, timeoutMs = 30_000): Promise<RoundTrips> {
    const samples: number[] = [];
    const types: Record<string, number> = {};
    let next = 0;
    let lost = 0;
    const worker = async () => {
      while (next < n) {
        const payload = this.chatInput(next++);
        const answered = this.expectDiscord(payload.id, timeoutMs);
        const t0 = performance.now();
        this.discord.dispatch('INTERACTION_CREATE', payload);
        const answer = await answered;
        if (!answer) {
          lost++;
          continue;
        }
        samples.push(answer.at - t0);
        types[answer.type] = (types[answer.type] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    this.forget();
    return { n, ...summary(samples), lost, failed: 0, types };
  }

  /**
   * Discord over HTTP: signed interaction POSTed to the bot's /discord/interactions → its HTTP response
   * (the answer itself), `n` times, `concurrency` in flight (keep-alive sockets, as Discord keeps them).
   */
  async discordHttpRoundTrips(
    port: number,
    n: number,
    concurrency: number,
    timeoutMs = 30_000,
  ): Promise<RoundTrips> {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const samples: number[] = [];
    const types: Record<string, number> = {};
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < n) {
        const body = JSON.stringify(this.chatInput(next++));
        const headers = {
          ...this.signer.headers(body),
          'content-length': String(Buffer.byteLength(body)),
        };
        const t0 = performance.now();
        const answer = await postJson(port, INTERACTIONS_PATH, body, headers, agent, timeoutMs);
        if (answer.status !== 200) {
          failed++;
          continue;
        }
        samples.push(answer.at - t0);
        types[answer.type] = (types[answer.type] ?? 0) + 1;
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      agent.destroy();
    }
    this.forget();
    return { n, ...summary(samples), lost: 0, failed, types };
  }

  /** Signed slash command → response_url payload, `n` times, `concurrency` in flight (keep-alive sockets). */
  async slackRoundTrips(
    port: number,
    n: number,
    concurrency: number,
    timeoutMs = 30_000,
  ): Promise<RoundTrips> {
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const samples: number[] = [];
    const acks: number[] = [];
    let next = 0;
    let lost = 0;
    let failed = 0;
    const worker = async () => {
      while (next < n) {
        const { body, path } = this.slackCommand(next++);
        const answered = this.expectSlack(path, timeoutMs);
        const headers = signedHeaders(body);
        const t0 = performance.now();
        const ack = await postCommand(port, body, headers, agent, timeoutMs);
        if (ack.status !== 200) failed++;
        else acks.push(ack.at - t0);
        const answer = await answered;
        if (!answer) lost++;
        else samples.push(answer.at - t0);
      }
    };
    try {
      await Promise.all(Array.from({ length: concurrency }, worker));
    } finally {
      agent.destroy();
    }
    this.forget();
    const ack = summary(acks);
    return { n, ...summary(samples), ackP50: ack.p50, ackP99: ack.p99, lost, failed, types: {} };
  }
}

function expect(
  pending: Map<string, (a: Answer) => void>,
  key: string,
  timeoutMs: number,
): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(key);
      resolve(undefined);
    }, timeoutMs);
    pending.set(key, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
  });
}

export function summary(samples: number[]): { p50: number; p99: number; max: number } {
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** Slack's signature headers for `body`, as Slack would send them now. */
export function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(body, timestamp),
  };
}

export interface Posted {
  /** HTTP status, or 0 when the connection failed. */
  status: number;
  /** performance.now() when the response had fully arrived (or the request failed). */
  at: number;
  error?: string;
}

/** POSTs a slash command to the app's /slack/events with node:http (so the socket pool is ours to size). */
export function postCommand(
  port: number,
  body: string,
  headers: Record<string, string>,
  agent: Agent,
  timeoutMs: number,
): Promise<Posted> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
        res.on('error', (e) => resolve({ status: 0, at: performance.now(), error: e.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, at: performance.now(), error: e.code ?? e.message }),
    );
    req.end(body);
  });
}

/** POSTs a JSON body and reads the JSON answer's `type` (Discord over HTTP: the answer is the response). */
export function postJson(
  port: number,
  path: string,
  body: string,
  headers: Record<string, string>,
  agent: Agent,
  timeoutMs: number,
): Promise<Posted & { type: number }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const at = performance.now();
        let type = 0;
        try {
          type = Number(JSON.parse(Buffer.concat(chunks).toString('utf8')).type);
        } catch {
          // not JSON: counted as failed by its status
        }
        resolve({ status: res.statusCode ?? 0, at, type });
      });
      res.on('error', (e) => resolve({ status: 0, at: performance.now(), error: e.message, type: 0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, at: performance.now(), error: e.code ?? e.message, type: 0 }),
    );
    req.end(body);
  });
}
