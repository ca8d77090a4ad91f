/**
 * A local fake of Slack for end-to-end tests, on 127.0.0.1 only: the Web API (`/api/<method>`), the
 * response_url endpoint (`/respond/<n>`) and a Socket Mode WebSocket (`/socket`). It records what the real
 * bolt App sends; tests also use it to sign and send requests to the App in HTTP mode.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { readForm } from './multipart.js';
import { Waiters } from './waiters.js';

export const TEAM_ID = 'T0000TEAM';
export const CHANNEL = 'C0000CHAN';
export const SIGNING_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export interface Recorded {
  path: string;
  body: any;
}

/** A file announced with files.getUploadURLExternal; `data` once its bytes arrived at the upload URL. */
export interface Upload {
  id: string;
  filename: string;
  length: number;
  alt?: string | undefined;
  data?: Buffer;
}

/** The uploaded file's bytes: the body itself, or the first file of a multipart/form-data body. */
async function uploadedBytes(body: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return body;
  return (await readForm(body, contentType)).files[0]?.data ?? Buffer.alloc(0);
}

export class FakeSlack {
  readonly api: Recorded[] = [];
  readonly responses: Recorded[] = [];
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket?: WebSocket;
  private readonly waiters = new Waiters<Recorded>();
  private n = 0;
  readonly socketOpen: Promise<void>;
  private opened!: () => void;
  /** Holds every response_url answer this long (the payload is already recorded). */
  slowResponsesMs = 0;
  /** Answer the next response_url post with this HTTP status (to test failures). */
  failNextResponse?: number;

  constructor() {
    this.socketOpen = new Promise((resolve) => {
      this.opened = resolve;
    });
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const bytes = Buffer.concat(chunks);
        const raw = bytes.toString('utf8');
        // A leading `/sN` is a per-client API base, to tell several bot processes apart.
        const path = (req.url ?? '').replace(/^\/s\d+\//, '/');
        let reply: unknown = { ok: true };
        let recorded: Recorded;
        if (path.startsWith('/upload/')) {
          // Slack's upload URL takes the bytes raw or as multipart/form-data, and answers 200 with text.
          const id = path.slice('/upload/'.length);
          const data = await uploadedBytes(bytes, String(req.headers['content-type'] ?? ''));
          const pending = this.uploads.get(id);
          if (pending) pending.data = data;
          recorded = { path: 'upload', body: { id, bytes: data.length } };
          this.responses.push(recorded);
          reply = pending ? `OK - ${data.length}` : 'unknown upload';
        } else if (path.startsWith('/api/')) {
          const form = Object.fromEntries(new URLSearchParams(raw));
          const method = path.slice('/api/'.length).split('?')[0]!;
          recorded = { path: method, body: form };
          this.api.push(recorded);
          reply = this.answer(method, form, String(req.headers.authorization ?? ''));
        } else {
          recorded = { path, body: raw ? JSON.parse(raw) : undefined };
          this.responses.push(recorded);
          reply = 'ok';
        }
        const failWith = path.startsWith('/respond/') ? this.failNextResponse : undefined;
        if (failWith) this.failNextResponse = undefined;
        const send = () => {
          res.writeHead(failWith ?? 200, {
            'content-type': typeof reply === 'string' ? 'text/plain' : 'application/json',
          });
          res.end(failWith ? 'failed' : typeof reply === 'string' ? reply : JSON.stringify(reply));
        };
        const slowApi = path.startsWith('/api/') ? this.slowMethods.get(recorded.path) : undefined;
        if (path.startsWith('/respond/') && this.slowResponsesMs > 0)
          setTimeout(send, this.slowResponsesMs).unref();
        else if (slowApi) setTimeout(send, slowApi).unref();
        else send();
        this.waiters.notify(recorded);
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        const recorded = { path: 'socket-ack', body: msg };
        this.waiters.notify(recorded);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
      this.opened();
    });
  }

  /** Users who are workspace admins, channels the bot is a member of, and what the bot posted where. */
  readonly admins = new Set<string>();
  readonly memberOf = new Set<string>([CHANNEL]);
  readonly posted = new Map<string, Record<string, unknown>[]>();
  /** Thread replies by `channel:thread_ts` (Slack keeps them out of the channel's history). */
  readonly replies = new Map<string, Record<string, unknown>[]>();
  /** The workspace's user groups, for usergroups.list. */
  readonly userGroups: { id: string; handle: string; name: string }[] = [];
  /** Home tabs published, by user, last one last. */
  readonly homes = new Map<string, any>();
  /** Modals opened, in order. */
  readonly modals: any[] = [];
  /** Scripted Web API errors per method, consumed one per call (e.g. `not_in_channel`). */
  readonly apiErrors = new Map<string, string[]>();
  /** Files being uploaded (files.getUploadURLExternal, then the bytes), by file id. */
  readonly uploads = new Map<string, Upload>();
  /** Files shared in a conversation by files.completeUploadExternal, in order. */
  readonly shared: (Upload & { channel: string; title?: string; comment?: string })[] = [];
  /** Ephemeral messages posted with chat.postEphemeral, in order. */
  readonly ephemerals: { channel: string; user: string; text?: string; blocks?: any[] }[] = [];
  /** Holds the answer to every call of a Web API method this long (the call is already recorded). */
  readonly slowMethods = new Map<string, number>();
  private ts = 1_700_000_000;

  private answer(method: string, form: Record<string, string>, auth: string): unknown {
    // Slack: the Web API wants a token (the bot's xoxb-, or the app-level xapp- for Socket Mode).
    if (!/^Bearer xox[bpa]-|^Bearer xapp-/.test(auth) && !form.token)
      return { ok: false, error: 'not_authed' };
    const scripted = this.apiErrors.get(method)?.shift();
    if (scripted) return { ok: false, error: scripted };
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: TEAM_ID, user: 'talk' };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/socket` };
      case 'users.info':
        return { ok: true, user: { id: form.user, is_admin: this.admins.has(form.user!), is_owner: false } };
      case 'conversations.info':
        return form.channel?.startsWith('C')
          ? {
              ok: true,
              channel: { id: form.channel, is_member: this.memberOf.has(form.channel), is_archived: false },
            }
          : { ok: false, error: 'channel_not_found' };
      case 'chat.postMessage': {
        // Slack: a bot posts only in channels it has joined (a user id is its direct message with them).
        const channel = form.channel ?? '';
        if (/^[CG]/.test(channel) && !this.memberOf.has(channel))
          return { ok: false, error: 'not_in_channel' };
        if (!/^[CGDUW]/.test(channel)) return { ok: false, error: 'channel_not_found' };
        const ts = `${++this.ts}.000100`;
        const message = {
          type: 'message',
          ts,
          bot_id: 'BBOT',
          text: form.text,
          blocks: form.blocks ? JSON.parse(form.blocks) : undefined,
          metadata: form.metadata ? JSON.parse(form.metadata) : undefined,
        };
        if (form.thread_ts) {
          const key = `${channel}:${form.thread_ts}`;
          if (!(this.posted.get(channel) ?? []).some((m) => m.ts === form.thread_ts))
            return { ok: false, error: 'thread_not_found' };
          this.replies.set(key, [...(this.replies.get(key) ?? []), message]);
          return { ok: true, channel, ts, message };
        }
        this.posted.set(form.channel!, [...(this.posted.get(form.channel!) ?? []), message]);
        return { ok: true, channel: form.channel, ts, message };
      }
      case 'conversations.open': {
        // The app's direct message conversation with a user.
        const user = form.users ?? '';
        if (!/^[UW][A-Z0-9]+$/.test(user)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D${user.slice(1)}` } };
      }
      case 'views.publish': {
        const view = JSON.parse(form.view ?? '{}');
        if (!form.user_id || view.type !== 'home') return { ok: false, error: 'invalid_arguments' };
        if ((view.blocks ?? []).length > 100) return { ok: false, error: 'invalid_blocks' };
        this.homes.set(form.user_id, view);
        return { ok: true, view: { id: `V${++this.ts}`, ...view } };
      }
      case 'views.open': {
        const view = JSON.parse(form.view ?? '{}');
        // Slack: a modal needs a live trigger_id and a title of at most 24 characters.
        if (!form.trigger_id) return { ok: false, error: 'invalid_trigger_id' };
        if (view.type !== 'modal' || !view.title || view.title.text.length > 24)
          return { ok: false, error: 'invalid_arguments' };
        if ((view.blocks ?? []).length > 100) return { ok: false, error: 'invalid_blocks' };
        this.modals.push(view);
        return { ok: true, view: { id: `V${++this.ts}`, ...view } };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(form.length);
        if (!form.filename || !Number.isInteger(length) || length <= 0)
          return { ok: false, error: 'missing_argument' };
        if ((form.alt_txt ?? '').length > 1000) return { ok: false, error: 'alt_txt_too_large' };
        const id = `F${++this.ts}`;
        this.uploads.set(id, { id, filename: form.filename, length, alt: form.alt_txt });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = JSON.parse(form.files ?? '[]') as { id: string; title?: string }[];
        const channel = form.channel_id ?? '';
        const uploads = files.map((f) => this.uploads.get(f.id));
        // Slack: only files whose bytes arrived, with the length announced, can be completed.
        if (files.length === 0 || uploads.some((u) => !u?.data || u.data.length !== u.length))
          return { ok: false, error: 'invalid_arguments' };
        if (/^[CG]/.test(channel) && !this.memberOf.has(channel))
          return { ok: false, error: 'not_in_channel' };
        if (channel && !/^[CGD]/.test(channel)) return { ok: false, error: 'channel_not_found' };
        for (const [i, upload] of uploads.entries())
          this.shared.push({ ...upload!, channel, title: files[i]!.title, comment: form.initial_comment });
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'chat.postEphemeral': {
        const channel = form.channel ?? '';
        if (/^[CG]/.test(channel) && !this.memberOf.has(channel))
          return { ok: false, error: 'not_in_channel' };
        // A DM between other people: the bot is not in it.
        if (!/^[CG]/.test(channel)) return { ok: false, error: 'channel_not_found' };
        this.ephemerals.push({
          channel,
          user: form.user ?? '',
          text: form.text,
          blocks: form.blocks ? JSON.parse(form.blocks) : undefined,
        });
        return { ok: true, message_ts: `${++this.ts}.000200` };
      }
      case 'usergroups.list':
        return { ok: true, usergroups: this.userGroups.map((g) => ({ ...g, date_delete: 0 })) };
      case 'conversations.replies': {
        const parent = (this.posted.get(form.channel!) ?? []).find((m) => m.ts === form.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        return { ok: true, messages: [parent, ...(this.replies.get(`${form.channel}:${form.ts}`) ?? [])] };
      }
      case 'conversations.history':
        return {
          ok: true,
          messages: (this.posted.get(form.channel!) ?? [])
            .slice()
            .reverse()
            .map((m) => (form.include_all_metadata === 'true' ? m : { ...m, metadata: undefined })),
          has_more: false,
        };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url; whatever the App posts there is recorded under this path. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/respond/${++this.n}`;
  }

  waitFor(match: (r: Recorded) => boolean, timeoutMs = 5000): Promise<Recorded> {
    return this.waiters.waitFor(match, timeoutMs);
  }

  /** Socket Mode: asks the app to reconnect, as Slack does before rotating its servers. */
  requestReconnect(): void {
    this.socket?.send(
      JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }),
    );
  }

  /** Socket Mode: sends an envelope and resolves with the App's acknowledgement. */
  sendEnvelope(type: string, payload: unknown): Promise<Recorded> {
    const envelopeId = `env-${++this.n}`;
    const ack = this.waitFor((r) => r.path === 'socket-ack' && r.body.envelope_id === envelopeId);
    this.socket?.send(
      JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: true, payload }),
    );
    return ack;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function commandBody(fake: FakeSlack, text: string, user = 'U0000USER'): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: CHANNEL,
    channel_name: 'general',
    user_id: user,
    user_name: 'reader',
    command: '/talk',
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(),
    trigger_id: '1.2.3',
  }).toString();
}

export function buttonPayload(
  fake: FakeSlack,
  actionId: string,
  value: string,
  user = 'U0000USER',
): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: TEAM_ID, domain: 'test' },
    user: { id: user, username: 'reader', team_id: TEAM_ID },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1.1', channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: '1.2.3',
    channel: { id: CHANNEL, name: 'general' },
    response_url: fake.responseUrl(),
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'x' },
        value,
        action_ts: '1.2',
      },
    ],
  };
}

/** Posts a form body to the app's `/slack/events` as Slack would: signed, or with the given timestamp and signature. */
export async function sendToApp(
  port: number,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  signature = sign(body, timestamp),
): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** The port the bot's Slack HTTP mode reports in its "slack listening" log line, once it has. */
export function slackPortFromLog(log: string): number | undefined {
  const line = log.split('\n').find((l) => l.includes('"msg":"slack listening"'));
  return line ? (JSON.parse(line).port as number) : undefined;
}

/** An Events API delivery, as Slack posts it (JSON, signed like everything else). */
export async function sendEventToApp(
  port: number,
  event: Record<string, unknown>,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A1',
    event: { event_ts: '1.1', ...event },
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM_ID, user_id: 'UBOT', is_bot: true }],
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp),
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** An interaction payload from a view (the Home tab or a modal): a button, a search box, a form. */
export function viewPayload(type: string, user: string, fields: Record<string, unknown>): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      type,
      team: { id: TEAM_ID, domain: 'test' },
      user: { id: user, username: 'reader', name: 'reader', team_id: TEAM_ID },
      api_app_id: 'A1',
      token: 'legacy-verification-token',
      trigger_id: `trigger-${Math.random().toString(36).slice(2, 8)}`,
      ...fields,
    }),
  }).toString();
}

/** A message shortcut's payload (a message's ⋯ menu), as Slack posts it. */
export function messageShortcutPayload(
  fake: FakeSlack,
  message: Record<string, unknown>,
  options: { user?: string; channel?: string; callbackId?: string } = {},
): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: 'message_action',
      token: 'legacy-verification-token',
      action_ts: '1.3',
      team: { id: TEAM_ID, domain: 'test' },
      user: { id: options.user ?? 'U0000USER', name: 'reader', username: 'reader', team_id: TEAM_ID },
      channel: { id: options.channel ?? CHANNEL, name: 'general' },
      callback_id: options.callbackId ?? 'find_in_talk',
      trigger_id: '1.2.3',
      message_ts: '1700000000.000100',
      response_url: fake.responseUrl(),
      message: { type: 'message', user: 'U0000OTHER', ts: '1700000000.000100', ...message },
    }),
  }).toString();
}
