/**
 * A local fake of Discord for end-to-end tests: the REST routes discord.js uses and a gateway WebSocket
 * on the same port, listening on 127.0.0.1 only. Tests dispatch INTERACTION_CREATE events and read the
 * requests the real client sends back.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FormFile, readForm } from './multipart.js';
import { Waiters } from './waiters.js';

export const APP_ID = '100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '200000000000000002';
export const CHANNEL_ID = '300000000000000003';
export const USER_ID = '400000000000000004';
/** A channel where @everyone (and so the bot) may not send messages. */
export const LOCKED_CHANNEL_ID = '300000000000000009';
export const SECOND_CHANNEL_ID = '300000000000000005';
/** A guild on shard 1 of 2 (GUILD_ID is on shard 0), with a channel of its own. */
export const SECOND_GUILD_ID = '210000000000000002';
export const SECOND_GUILD_CHANNEL_ID = '310000000000000003';
export const DM_CHANNEL_ID = '700000000000000007';
/** A role anyone may mention, and one that nobody but holders of Mention @everyone may. */
export const ROLE_ID = '800000000000000008';
export const QUIET_ROLE_ID = '800000000000000009';
/** Member permissions: everything but Manage Server, and everything including it. */
export const MEMBER_PERMISSIONS = String(2248473465835073n & ~32n);
export const ADMIN_PERMISSIONS = String(2248473465835073n | 32n);

export interface RecordedRequest {
  method: string;
  /** The API path; a leading `/pN` (a per-client REST base, to tell clients apart) is moved to `client`. */
  path: string;
  client?: string;
  headers: IncomingMessage['headers'];
  /** JSON, or for multipart/form-data the `payload_json` part. */
  body: any;
  /** The files of a multipart/form-data request (`files[n]` parts), as Discord would store them. */
  files?: RecordedFile[];
}

export type RecordedFile = FormFile;

/** A body as Discord reads it: JSON, or multipart/form-data with `payload_json` and `files[n]`. */
async function parseBody(
  raw: Buffer,
  contentType: string,
): Promise<{ body: unknown; files?: RecordedFile[] }> {
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, files } = await readForm(raw, contentType);
    const payload = fields.get('payload_json');
    return { body: payload === undefined ? undefined : JSON.parse(payload), files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: text ? JSON.parse(text) : undefined };
  } catch {
    // plain text: keep it
    return { body: text };
  }
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private socket?: WebSocket;
  private seq = 0;
  private nextId = 500000000000000000n;
  private readonly waiters = new Waiters<RecordedRequest>();
  readonly identified: Promise<void>;
  private markIdentified!: () => void;
  /** Messages the bot posted, per channel, oldest first. */
  readonly channels = new Map<string, Record<string, unknown>[]>();
  /** Threads opened on messages. */
  readonly threads: Record<string, unknown>[] = [];
  /** How many shards /gateway/bot recommends. */
  shardCount = 1;
  readonly shardSockets = new Map<number, WebSocket>();
  readonly identifiedShards = new Set<number>();
  /** Holds the answer to every channel-message post this long (the message is already stored). */
  slowPostsMs = 0;
  /** Overrides for a route: return [status, body] to answer differently (e.g. 403 or 429). */
  respond?: (r: RecordedRequest) => [number, unknown] | undefined;
  /** Holds the answer to a request this many ms (the request is already recorded). */
  hold?: (r: RecordedRequest) => number;
  /** Gateway sessions resumed (op 6) rather than identified anew. */
  resumed = 0;
  /** WebSocket connections opened to the gateway, ever. */
  gatewayConnections = 0;
  /** Interactions already acknowledged: Discord refuses a second acknowledgement (40060). */
  private readonly acknowledged = new Set<string>();
  /** The bot token the fake accepts on authenticated routes (any `Bot …` token when unset). */
  token?: string;
  /** The application's public key (hex) that `GET /applications/@me` reports as `verify_key`. */
  verifyKey?: string;
  /** The Interactions Endpoint URL the Developer Portal would show. */
  interactionsEndpointUrl?: string;

  constructor() {
    this.identified = new Promise((resolve) => {
      this.markIdentified = resolve;
    });
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const { body, files } = await parseBody(
          Buffer.concat(chunks),
          String(req.headers['content-type'] ?? ''),
        );
        const url = decodeURIComponent(req.url ?? '');
        const client = /^\/(p\d+)\//.exec(url)?.[1];
        const recorded: RecordedRequest = {
          method: req.method ?? '',
          path: client ? url.slice(client.length + 1) : url,
          ...(client ? { client } : {}),
          headers: req.headers,
          body,
          ...(files ? { files } : {}),
        };
        const [status, answer] = this.respond?.(recorded) ?? this.route(recorded);
        this.requests.push(recorded);
        this.waiters.notify(recorded);
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(status, status === 204 ? {} : { 'content-type': 'application/json' });
          res.end(status === 204 ? undefined : JSON.stringify(answer));
        };
        const slow =
          this.slowPostsMs > 0 &&
          recorded.method === 'POST' &&
          /\/channels\/\d+\/messages$/.test(recorded.path);
        const held = slow ? this.slowPostsMs : (this.hold?.(recorded) ?? 0);
        if (held > 0) setTimeout(reply, held).unref();
        else reply();
      });
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The REST base for the client: `new Client({ rest: { api } })`. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  snowflake(): string {
    this.nextId += 1n;
    return String(this.nextId);
  }

  /** Resolves with the next request matching `match` (already-recorded requests are not considered). */
  waitFor(match: (r: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waiters.waitFor(match, timeoutMs);
  }

  /** Sends a gateway event to the most recently identified client (or to `to`). */
  dispatch(t: string, d: unknown, to: WebSocket | undefined = this.socket): void {
    to?.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  private route(r: RecordedRequest): [number, unknown] {
    const p = r.path.replace(/^\/api\/v10/, '').replace(/\?.*$/, '');
    // Discord: interaction callbacks and webhooks are authorised by the interaction token in the path; every
    // other route needs `Authorization: Bot <token>`.
    const tokenRoute = /^\/(interactions|webhooks)\//.test(p);
    const auth = String(r.headers.authorization ?? '');
    if (!tokenRoute && !(this.token ? auth === `Bot ${this.token}` : /^Bot \S+/.test(auth)))
      return [401, { message: '401: Unauthorized', code: 0 }];
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(p);
    if (callback) {
      if (this.acknowledged.has(callback[1]!))
        return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      this.acknowledged.add(callback[1]!);
      return [204, undefined];
    }
    if (r.method === 'GET' && p === '/gateway/bot') {
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}`,
          shards: this.shardCount,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (r.method === 'GET' && p === '/users/@me')
      return [200, { id: BOT_ID, username: 'talk', discriminator: '0', bot: true }];
    const channel = /^\/channels\/(\d+)$/.exec(p);
    if (channel && r.method === 'GET') {
      const found = channelById(channel[1]!);
      return found
        ? [200, { ...found.channel, guild_id: found.guild.id }]
        : [404, { message: 'Unknown Channel', code: 10003 }];
    }
    const roles = /^\/guilds\/(\d+)\/roles$/.exec(p);
    if (roles && r.method === 'GET') {
      const guild = GUILDS.find((g) => g.id === roles[1]);
      return guild ? [200, guildRoles(guild)] : [404, { message: 'Unknown Guild', code: 10004 }];
    }
    const member = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(p);
    if (member && r.method === 'GET') {
      const guild = GUILDS.find((g) => g.id === member[1]);
      return guild && member[2] === BOT_ID
        ? [200, botMember()]
        : [404, { message: 'Unknown Member', code: 10007 }];
    }
    if (r.method === 'GET' && p === '/applications/@me')
      return [
        200,
        {
          id: APP_ID,
          name: 'talk',
          flags: 0,
          ...(this.verifyKey ? { verify_key: this.verifyKey } : {}),
          ...(this.interactionsEndpointUrl
            ? { interactions_endpoint_url: this.interactionsEndpointUrl }
            : {}),
        },
      ];
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p) && r.method === 'PUT') {
      return [
        200,
        (r.body as any[]).map((c) => ({ ...c, id: this.snowflake(), application_id: APP_ID, version: '1' })),
      ];
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(p);
    if (channelMessages && r.method === 'GET') {
      if (!channelById(channelMessages[1]!) && channelMessages[1] !== DM_CHANNEL_ID)
        return [404, { message: 'Unknown Channel', code: 10003 }];
      return [200, (this.channels.get(channelMessages[1]!) ?? []).slice().reverse()];
    }
    if (channelMessages && r.method === 'POST') {
      const where = channelById(channelMessages[1]!) ?? this.threads.find((t) => t.id === channelMessages[1]);
      if (!where && channelMessages[1] !== DM_CHANNEL_ID)
        return [404, { message: 'Unknown Channel', code: 10003 }];
      // The locked channel denies Send Messages to @everyone, the bot included.
      if (channelMessages[1] === LOCKED_CHANNEL_ID)
        return [403, { message: 'Missing Permissions', code: 50013 }];
      const message = { ...this.message(r.body), channel_id: channelMessages[1] };
      this.channels.set(channelMessages[1]!, [...(this.channels.get(channelMessages[1]!) ?? []), message]);
      return [200, message];
    }
    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p);
    if (thread && r.method === 'POST') {
      const parent = this.channels.get(thread[1]!) ?? [];
      if (!parent.some((m) => m.id === thread[2])) return [404, { message: 'Unknown Message', code: 10008 }];
      if (this.threads.some((t) => t.id === thread[2]))
        return [400, { message: 'A thread has already been created for this message', code: 160004 }];
      // Discord: a thread started from a message has the message's id.
      const started = {
        id: thread[2],
        type: 11,
        parent_id: thread[1],
        name: r.body?.name,
        guild_id: guildOfChannel(thread[1]!),
      };
      this.threads.push(started);
      return [201, started];
    }
    if (p === '/users/@me/channels' && r.method === 'POST')
      return [200, { id: DM_CHANNEL_ID, type: 1, recipients: [] }];
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/.+)?$/.test(p)) {
      const message = this.message(r.body);
      // Discord: new files are named by `attachments[].id`, the index of their `files[n]` part.
      message.attachments = (r.files ?? []).map((f, i) => ({
        id: this.snowflake(),
        filename: f.name,
        size: f.data.length,
        content_type: f.contentType,
        description: r.body?.attachments?.find((a: any) => Number(a.id) === i)?.description,
      }));
      return [200, message];
    }
    return [404, { message: 'Unknown route in fake Discord', code: 0 }];
  }

  message(body: any = {}): Record<string, unknown> {
    return {
      id: this.snowflake(),
      channel_id: CHANNEL_ID,
      type: 0,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      author: { id: BOT_ID, username: 'talk', discriminator: '0', bot: true, avatar: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: body?.flags ?? 0,
      ...(body?.nonce ? { nonce: body.nonce } : {}),
    };
  }

  private onConnection(ws: WebSocket): void {
    this.gatewayConnections++;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op === 6) {
        // A resumed session: replay nothing, say it is resumed.
        this.socket = ws;
        this.resumed++;
        this.dispatch('RESUMED', {}, ws);
        this.waiters.notify({ method: 'RESUME', path: 'gateway', headers: {}, body: msg.d });
      }
      if (msg.op === 2) {
        // Several clients may connect (shards, instances): each gets its own READY on its own socket,
        // listing the guilds of its shard (Discord: shard = (guild_id >> 22) % shard count).
        const [shard, count] = (msg.d.shard as [number, number] | undefined) ?? [0, 1];
        const guilds = GUILDS.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(count)) === shard);
        this.socket = ws;
        this.shardSockets.set(shard, ws);
        this.dispatch('READY', {
          v: 10,
          user: { id: BOT_ID, username: 'talk', discriminator: '0', bot: true, avatar: null },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `fake-session-${shard}`,
          resume_gateway_url: `ws://127.0.0.1:${this.port}`,
          application: { id: APP_ID, flags: 0 },
          shard: [shard, count],
        });
        for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreate(guild));
        this.identifiedShards.add(shard);
        this.markIdentified();
        this.waiters.notify({ method: 'IDENTIFY', path: `shard:${shard}`, headers: {}, body: msg.d });
      }
    });
  }

  /** Asks the client to reconnect (op 7), as Discord does when it moves a session; it should resume. */
  requestReconnect(): void {
    this.socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Sends a gateway event to the shard whose guilds include `guildId`. */
  dispatchToGuild(t: string, d: unknown, guildId: string): void {
    const shard = Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
    this.dispatch(t, d, this.shardSockets.get(shard));
  }
}

interface FakeGuild {
  id: string;
  name: string;
  channels: Record<string, unknown>[];
}

const GUILDS: FakeGuild[] = [
  {
    id: GUILD_ID,
    name: 'Test server',
    channels: [
      { id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [] },
      {
        id: LOCKED_CHANNEL_ID,
        type: 0,
        name: 'announcements',
        position: 1,
        permission_overwrites: [{ id: GUILD_ID, type: 0, allow: '0', deny: '2048' }],
      },
      { id: SECOND_CHANNEL_ID, type: 0, name: 'ai-news', position: 2, permission_overwrites: [] },
    ],
  },
  {
    id: SECOND_GUILD_ID,
    name: 'Second server',
    channels: [
      { id: SECOND_GUILD_CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [] },
    ],
  },
];

export function guildOfChannel(channel: string): string | undefined {
  return channelById(channel)?.guild.id;
}

function channelById(id: string): { guild: FakeGuild; channel: Record<string, unknown> } | undefined {
  for (const guild of GUILDS) {
    const channel = guild.channels.find((c) => c.id === id);
    if (channel) return { guild, channel };
  }
  return undefined;
}

/**
 * @everyone's permissions: Discord's defaults with Create Public Threads and Send Messages in Threads, and
 * without Mention @everyone (as many servers set it), so a role that is not mentionable cannot be pinged.
 */
const EVERYONE_PERMISSIONS = String((104324673n & ~(1n << 17n)) | (1n << 35n) | (1n << 38n));

function guildRoles(guild: FakeGuild): Record<string, unknown>[] {
  const role = (id: string, name: string, mentionable: boolean, permissions = '0') => ({
    id,
    name,
    permissions,
    position: id === guild.id ? 0 : 1,
    color: 0,
    hoist: false,
    managed: false,
    mentionable,
  });
  return [
    role(guild.id, '@everyone', false, EVERYONE_PERMISSIONS),
    ...(guild.id === GUILD_ID
      ? [role(ROLE_ID, 'ai-readers', true), role(QUIET_ROLE_ID, 'staff', false)]
      : []),
  ];
}

function botMember(): Record<string, unknown> {
  return {
    user: { id: BOT_ID, username: 'talk', discriminator: '0', bot: true, avatar: null },
    roles: [],
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
  };
}

function guildCreate(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    unavailable: false,
    owner_id: USER_ID,
    member_count: 2,
    joined_at: new Date().toISOString(),
    roles: guildRoles(guild),
    channels: guild.channels,
    members: [botMember()],
    emojis: [],
    stickers: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    presences: [],
    voice_states: [],
    features: [],
  };
}

export interface InteractionInput {
  type: 2 | 3 | 4;
  data: Record<string, unknown>;
  locale?: string;
  userId?: string;
  permissions?: string;
  message?: Record<string, unknown>;
  guildId?: string;
  channelId?: string;
  /** Where it was used: a server (default), a DM with the bot, or a group DM (the app installed to the user). */
  context?: 'guild' | 'dm' | 'group-dm';
  /** The app's permissions where it was used (Discord's `app_permissions`). */
  appPermissions?: string;
}

/** A group DM the user is in, where the app is present because the user installed it. */
export const GROUP_DM_CHANNEL_ID = '710000000000000007';
/** Everything but Attach Files: a channel where the bot may post but not attach an image. */
export const NO_ATTACH_PERMISSIONS = String(2248473465835073n & ~(1n << 15n));
/** Discord: app_permissions in a (group) DM: Attach Files, Embed Links, Mention Everyone, External Emojis. */
const DM_APP_PERMISSIONS = String((1n << 15n) | (1n << 14n) | (1n << 17n) | (1n << 18n));

/**
 * A complete INTERACTION_CREATE payload as Discord sends it (fields discord.js requires included). Outside a
 * server there is no guild and no member: the user is `user`, and the channel a DM (type 1) or group DM (3).
 */
export function interaction(fake: FakeDiscord, input: InteractionInput): Record<string, any> {
  const user = {
    id: input.userId ?? USER_ID,
    username: 'reader',
    discriminator: '0',
    global_name: 'Reader',
    avatar: null,
  };
  const common = {
    id: fake.snowflake(),
    application_id: APP_ID,
    type: input.type,
    token: `token-${fake.snowflake()}`,
    version: 1,
    locale: input.locale ?? 'en-US',
    data: input.data,
    entitlements: [],
    ...(input.message ? { message: input.message } : {}),
  };
  if (input.context === 'dm' || input.context === 'group-dm') {
    const group = input.context === 'group-dm';
    const channel = group ? GROUP_DM_CHANNEL_ID : DM_CHANNEL_ID;
    return {
      ...common,
      channel_id: channel,
      channel: group
        ? { id: channel, type: 3, name: null, owner_id: USER_ID, recipients: [user], icon: null }
        : { id: channel, type: 1, recipients: [user], last_message_id: null, flags: 0 },
      user,
      app_permissions: input.appPermissions ?? DM_APP_PERMISSIONS,
      // A bot DM works through the server install ("0" → "0") or the user's; a group DM only through the user's.
      authorizing_integration_owners: group ? { '1': user.id } : { '0': '0', '1': user.id },
      context: group ? 2 : 1,
    };
  }
  return {
    ...common,
    guild_locale: 'en-US',
    guild_id: input.guildId ?? GUILD_ID,
    channel_id: input.channelId ?? CHANNEL_ID,
    channel: {
      id: input.channelId ?? CHANNEL_ID,
      type: 0,
      guild_id: input.guildId ?? GUILD_ID,
      name: 'general',
    },
    member: {
      user,
      roles: [],
      permissions: input.permissions ?? '2248473465835073',
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: input.appPermissions ?? '2248473465835073',
    authorizing_integration_owners: { '0': input.guildId ?? GUILD_ID },
    context: 0,
  };
}

/** The buttons of a message, row by row flattened. */
export function buttonsOf(data: any): { label: string; custom_id: string }[] {
  return (data?.components ?? []).flatMap((r: any) => r.components);
}

/** Fresh user ids from `start` on, so each test's cooldown starts empty (each file takes its own range). */
export function userIds(start: bigint): () => string {
  let n = start;
  return () => String(++n);
}

/** The `data` of `/talk daily <action>` with its options, as Discord sends it. */
export function dailyCommandData(
  action: string,
  options: Record<string, unknown>[] = [],
): Record<string, any> {
  return {
    id: '900',
    name: 'talk',
    type: 1,
    options: [{ type: 2, name: 'daily', options: [{ type: 1, name: action, options }] }],
  };
}
