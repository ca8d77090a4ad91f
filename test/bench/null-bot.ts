/**
 * The harness floor: a "bot" with no chat library at all, to show what the fakes, the load generator and
 * the machine cost by themselves. `node null-bot.mjs discord` speaks the gateway with a bare WebSocket
 * (IDENTIFY, then answers every INTERACTION_CREATE with one raw HTTP POST to its callback route);
 * `node null-bot.mjs slack` is a raw HTTP server on /slack/events that acknowledges with 200 and POSTs a
 * fixed answer to the response_url (no signature check). Compiled and run like the bare bots (bare.ts).
 *
 * If talk's or a bare bot's figures come close to these, the harness, not the bot, is what is measured.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })}\n`,
  );
}

function post(url: string, body: unknown): void {
  const data = JSON.stringify(body);
  const req = request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
  });
  req.on('response', (res) => res.resume());
  req.on('error', (error) => log('post failed', { level: 'error', error: String(error) }));
  req.end(data);
}

async function discord(): Promise<void> {
  const api = `${process.env.DISCORD_API_URL}/v10`;
  const gateway = (await (
    await fetch(`${api}/gateway/bot`, { headers: { authorization: `Bot ${process.env.DISCORD_TOKEN}` } })
  ).json()) as { url: string };
  const ws = new WebSocket(gateway.url);
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw));
    if (msg.op === 10) {
      ws.send(JSON.stringify({ op: 2, d: { token: process.env.DISCORD_TOKEN, intents: 1, properties: {} } }));
    } else if (msg.op === 0 && msg.t === 'READY') {
      log('started');
    } else if (msg.op === 0 && msg.t === 'INTERACTION_CREATE') {
      const i = msg.d;
      const answer =
        i.type === 4
          ? { type: 8, data: { choices: [{ name: 'a', value: 'a' }] } }
          : { type: 4, data: { content: 'fixed answer' } };
      post(`${api}/interactions/${i.id}/${i.token}/callback`, answer);
    }
  });
}

async function slack(): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200).end();
      const responseUrl = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('response_url');
      if (responseUrl) post(responseUrl, { text: 'fixed answer' });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    log('slack listening', { mode: 'http', port: (server.address() as AddressInfo).port });
    log('started');
  });
}

await (process.argv[2] === 'slack' ? slack() : discord());
