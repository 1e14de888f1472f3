// The client side of the raw baselines (baseline-server.ts runs their servers).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { Ack } from '../../shared/protocol/index.js';
import { mapLimit } from '../simulator/pool.js';
import { timedBurst, type Burst } from '../simulator/crowd.js';

export interface BaselineServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts `baseline-server.ts <kind> [folder]` in its own process; resolves once it listens. */
export async function startBaseline(kind: 'echo' | 'broadcast' | 'static', folder?: string): Promise<BaselineServer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'baseline-server.ts'), kind, ...(folder ? [folder] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`baseline ${kind} exited with ${code}`)));
  });
  const { port } = JSON.parse(first) as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `count` Socket.IO clients of the echo server, connected as the delegates are (WebSocket). */
export class EchoCrowd {
  private constructor(private readonly sockets: Socket[]) {}

  static async open(url: string, count: number): Promise<EchoCrowd> {
    const sockets = await mapLimit(
      Array.from({ length: count }, (_, i) => i),
      25,
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(url, { transports: ['websocket'], reconnection: false });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        }),
    );
    return new EchoCrowd(sockets);
  }

  /** Every client emits `echo` with its payload in the same tick, as the delegates' burst. */
  burst(payloadOf: (i: number) => unknown): Promise<Burst> {
    return timedBurst(
      this.sockets.map((s, i) => ({ s, i })),
      ({ s, i }) => s.timeout(60_000).emitWithAck('echo', payloadOf(i)) as Promise<Ack<unknown>>,
    );
  }

  close(): void {
    for (const s of this.sockets) s.disconnect();
  }
}

/** `count` raw `ws` clients and one more that asks the server to broadcast to them. */
export class WsAudience {
  private constructor(
    private readonly sender: WebSocket,
    private readonly clients: WebSocket[],
  ) {}

  static async open(url: string, count: number): Promise<WsAudience> {
    const wsUrl = url.replace(/^http/, 'ws');
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(wsUrl);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const clients = await mapLimit(
      Array.from({ length: count }, (_, i) => i),
      25,
      open,
    );
    return new WsAudience(await open(), clients);
  }

  /** Milliseconds from the sender's request to each client's receipt of the `size`-byte message. */
  async round(size: number): Promise<number[]> {
    const arrived = this.clients.map(
      (ws) => new Promise<number>((resolve) => ws.once('message', () => resolve(performance.now()))),
    );
    const t0 = performance.now();
    this.sender.send(JSON.stringify({ size }));
    return (await Promise.all(arrived)).map((at) => at - t0);
  }

  close(): void {
    for (const ws of [this.sender, ...this.clients]) ws.terminate();
  }
}
