/**
 * Network faults for tests, on 127.0.0.1: a black hole (accepts connections, never answers) and a proxy
 * that forwards to a real server until told to stop forwarding, keeping every connection open (a
 * partition: the peer is there, nothing comes back).
 */
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

export class BlackHole {
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((socket) => {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  });
  port = 0;

  async start(): Promise<this> {
    this.port = await listen(this.server);
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export class PartitionProxy {
  private readonly pairs = new Set<[Socket, Socket]>();
  private partitioned = false;
  private readonly server: Server;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {
    this.server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const s of pair) {
        s.on('error', () => undefined);
        s.on('close', () => this.pairs.delete(pair));
      }
      client.on('data', (d) => {
        if (!this.partitioned) upstream.write(d);
      });
      upstream.on('data', (d) => {
        if (!this.partitioned) client.write(d);
      });
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
  }

  async start(): Promise<this> {
    this.port = await listen(this.server);
    return this;
  }

  /** From now on nothing is forwarded either way; connections stay open. */
  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
  }

  async stop(): Promise<void> {
    for (const pair of this.pairs) for (const s of pair) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
