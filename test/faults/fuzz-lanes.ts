import { connect } from 'node:net';
import { ERROR_CATALOGUE, type Ack } from '../../shared/protocol/index.js';
import { connectSocket, type TestSocket } from '../support/server-harness.js';

/**
 * What the fuzzer saw, by outcome, and the answers that broke the rules: one example of each
 * kind (told apart by the start of the case's name), with how often it came.
 */
export class Tally {
  readonly outcomes = new Map<string, number>();
  private readonly kinds = new Map<string, { example: string; times: number }>();
  sent = 0;

  count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  wrong(what: string): void {
    this.count('BROKEN');
    const kind = what.slice(0, 24);
    const seen = this.kinds.get(kind);
    if (seen) seen.times += 1;
    else if (this.kinds.size < 40)
      this.kinds.set(kind, { example: what.length > 600 ? `${what.slice(0, 600)}…` : what, times: 1 });
  }

  get broken(): string[] {
    return [...this.kinds.values()].map((k) => `${k.times}× ${k.example}`);
  }

  of(outcome: string): number {
    return this.outcomes.get(outcome) ?? 0;
  }

  summary(): string {
    return [...this.outcomes].map(([k, n]) => `${k} ${n}`).join(', ');
  }
}

/** A refusal in the protocol's shape: a known code and both messages. */
export function isRefusal(answer: unknown): answer is Ack<never> & { ok: false } {
  const a = answer as { ok?: unknown; error?: { code?: unknown; message?: { vi?: unknown; en?: unknown } } } | null;
  return (
    a?.ok === false &&
    typeof a.error?.code === 'string' &&
    Object.hasOwn(ERROR_CATALOGUE, a.error.code) &&
    typeof a.error.message?.vi === 'string' &&
    a.error.message.vi.length > 0 &&
    typeof a.error.message.en === 'string' &&
    a.error.message.en.length > 0
  );
}

/** A short, printable description of a payload for a failure message. */
export function brief(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
    );
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return '(not printable)';
  }
}

export interface SocketJob {
  event: string;
  payload: unknown;
  /** The code a refusal must carry (RATE_LIMITED aside). */
  expected: string;
  withAck: boolean;
}

/**
 * Sends jobs over Socket.IO sockets of several people, `window` at a time per socket, and
 * checks each answer. A job without an acknowledgement is answered by `server:error`,
 * counted per socket. A socket that closes is counted and replaced.
 */
export async function socketLane(
  url: string,
  tokens: readonly string[],
  jobs: Iterator<SocketJob>,
  tally: Tally,
  window = 32,
): Promise<void> {
  const worker = async (token: string) => {
    let socket: TestSocket = await connectSocket(url, token);
    let notices = 0;
    let unacked = 0;
    const listen = (s: TestSocket) =>
      (s as unknown as { on(e: string, f: (n: { code?: string }) => void): void }).on('server:error', () => {
        notices += 1;
      });
    listen(socket);
    const inFlight = new Set<Promise<void>>();
    const send = async (job: SocketJob, s: TestSocket) => {
      if (!job.withAck) {
        (s as unknown as { emit(e: string, p: unknown): void }).emit(job.event, job.payload);
        unacked += 1;
        return;
      }
      try {
        const answer = await (
          s as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<unknown> } }
        )
          .timeout(20_000)
          .emitWithAck(job.event, job.payload);
        if (!isRefusal(answer)) tally.wrong(`${job.event} ${brief(job.payload)} answered ${brief(answer)}`);
        else if (answer.error.code === job.expected || answer.error.code === 'RATE_LIMITED')
          tally.count(answer.error.code);
        else tally.wrong(`${job.event} ${brief(job.payload)} answered ${answer.error.code}, not ${job.expected}`);
      } catch (error) {
        if (s.connected) tally.wrong(`${job.event} ${brief(job.payload)}: no answer (${(error as Error).message})`);
        else tally.count('socket closed');
      }
    };
    for (let next = jobs.next(); !next.done; next = jobs.next()) {
      if (!socket.connected) {
        tally.count('socket replaced');
        socket = await connectSocket(url, token);
        listen(socket);
      }
      tally.sent += 1;
      const p = send(next.value, socket).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= window) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    // Every emit without an acknowledgement was refused: each has its server:error.
    const deadline = Date.now() + 20_000;
    while (notices < unacked && socket.connected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (notices !== unacked) tally.wrong(`${unacked} emits without acknowledgement, ${notices} server:error notices`);
    else tally.outcomes.set('server:error', tally.of('server:error') + notices);
    socket.disconnect();
  };
  await Promise.all(tokens.map(worker));
}

/**
 * Bytes straight onto a TCP connection to the server, as an HTTP request no client library
 * would send; resolves with the status line answered (or "closed" when the server just closed).
 */
export function rawHttp(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, 15_000);
    socket.on('data', (d: Buffer) => {
      answer = Buffer.concat([answer, d]);
    });
    const done = () => {
      clearTimeout(timer);
      const line = answer.toString('latin1').split('\r\n')[0] ?? '';
      resolve(line === '' ? 'closed' : line);
    };
    socket.on('close', done);
    socket.on('error', () => socket.destroy());
    socket.on('connect', () => {
      socket.write(request);
      // Half-close: a request that declares more body than it sends ends here.
      socket.end();
    });
  });
}
