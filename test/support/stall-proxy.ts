import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between a tablet and the server, standing for the room's Wi-Fi. `stallNextSync`
 * makes the next connection pass the Socket.IO handshake, then hold everything the server
 * sends for `ms` (a radio hiccup without a dropped link): the data arrives late, in order.
 * `dropAll` cuts every link (the access point restarting). `cutOnNext` cuts every link as
 * the next chunk from the server holding a text arrives, and loses that chunk (a change in
 * the air when the link goes). `holdReplies` passes what tablets send and swallows what
 * the server answers (commands committed whose answers never arrive).
 */
export class StallProxy {
  private server: Server | null = null;
  private readonly links = new Set<Socket>();
  private stallMs = 0;
  private cutMarker: { text: string; done: () => void } | null = null;
  private holding = false;
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
      this.links.add(client);
      this.links.add(upstream);
      const stallFor = this.stallMs;
      let stalledUntil = 0;
      let armed = stallFor > 0;
      if (armed) this.stallMs = 0;
      const held: Buffer[] = [];
      let flushTimer: NodeJS.Timeout | null = null;
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d: Buffer) => {
        const cut = this.cutMarker;
        if (cut && d.includes(cut.text)) {
          this.cutMarker = null;
          this.dropAll();
          cut.done();
          return;
        }
        if (this.holding) return;
        if (armed && d.includes('40{"sid"')) {
          // the Socket.IO CONNECT packet: let it through, hold what follows
          client.write(d);
          armed = false;
          stalledUntil = Date.now() + stallFor;
          flushTimer = setTimeout(() => {
            for (const b of held.splice(0)) client.write(b);
          }, stallFor);
          return;
        }
        if (Date.now() < stalledUntil || held.length > 0) held.push(d);
        else client.write(d);
      });
      const close = () => {
        if (flushTimer) clearTimeout(flushTimer);
        client.destroy();
        upstream.destroy();
        this.links.delete(client);
        this.links.delete(upstream);
      };
      client.on('close', close);
      upstream.on('close', close);
      client.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  stallNextSync(ms: number): void {
    this.stallMs = ms;
  }

  /** Resolves once the cut has happened. */
  cutOnNext(text: string): Promise<void> {
    return new Promise((done) => (this.cutMarker = { text, done }));
  }

  holdReplies(hold: boolean): void {
    this.holding = hold;
  }

  dropAll(): void {
    for (const s of this.links) s.destroy();
  }

  async stop(): Promise<void> {
    this.dropAll();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
