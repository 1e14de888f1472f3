import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * The load balancer in front of a city's nodes, as HAProxy or nginx would be configured for
 * them (plain TCP, WebSocket transport): each new connection goes to the next node in turn,
 * and a node that refuses connections (killed) is passed over. `byBackend` counts the
 * connections each node was given.
 */
export class TcpBalancer {
  private server: Server | null = null;
  private readonly links = new Set<Socket>();
  private next = 0;
  readonly byBackend = new Map<number, number>();
  port = 0;

  constructor(private readonly backends: readonly number[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      this.links.add(client);
      client.on('close', () => this.links.delete(client));
      client.on('error', () => client.destroy());
      client.pause();
      this.connect(client, 0);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  private connect(client: Socket, tried: number): void {
    if (tried >= this.backends.length) {
      client.destroy();
      return;
    }
    const port = this.backends[this.next++ % this.backends.length] ?? 0;
    const upstream = createConnection({ host: '127.0.0.1', port });
    upstream.once('error', () => {
      upstream.destroy();
      if (!client.destroyed) this.connect(client, tried + 1);
    });
    upstream.once('connect', () => {
      this.byBackend.set(port, (this.byBackend.get(port) ?? 0) + 1);
      this.links.add(upstream);
      upstream.on('close', () => {
        this.links.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => upstream.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  async stop(): Promise<void> {
    for (const s of this.links) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
