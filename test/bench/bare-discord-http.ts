/**
 * The bare baseline for Discord over HTTP: a node:http server with nothing of talk in it and no library.
 * It verifies each request's Ed25519 signature with node:crypto (as Discord requires), answers a PING with
 * a PONG, an autocomplete with one fixed choice and anything else with a fixed message, in the HTTP
 * response. So `talk over HTTP / bare` shows what talk adds on top of the protocol itself.
 *
 * Compiled and run like the other bare bots (bare.ts). Signals, as talk gives them: JSON log lines on
 * stderr, `{"msg":"discord listening","port":…}` then `{"msg":"started"}`.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const key = createPublicKey({
  key: Buffer.concat([
    Buffer.from('302a300506032b6570032100', 'hex'),
    Buffer.from(process.env.DISCORD_PUBLIC_KEY!, 'hex'),
  ]),
  format: 'der',
  type: 'spki',
});

function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })}\n`,
  );
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (
      typeof signature !== 'string' ||
      typeof timestamp !== 'string' ||
      !verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'))
    ) {
      res.writeHead(401).end();
      return;
    }
    const type = (JSON.parse(body.toString('utf8')) as { type: number }).type;
    const answer =
      type === 1
        ? { type: 1 }
        : type === 4
          ? { type: 8, data: { choices: [{ name: 'a', value: 'a' }] } }
          : { type: 4, data: { content: 'fixed answer' } };
    const json = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  });
});

server.listen(Number(process.env.PORT ?? 0), '0.0.0.0', () => {
  log('discord listening', { mode: 'http', port: (server.address() as AddressInfo).port });
  log('started');
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
