import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  Change,
  ChangeBatch,
  ClientToServerEvents,
  LoginResponse,
  MeetingSummary,
  ServerToClientEvents,
} from '../../shared/protocol/index.js';
import { startServer, type DemoAccount, type RunningServer, type StartServerOptions } from '../../server/app.js';
import { createDatabase, dropDatabase, TEST_ENGINE } from './postgres.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A real server on an ephemeral port with a fresh database: a SQLite file in a temp folder,
 * or (in the `postgres` test project) a PostgreSQL database of its own.
 */
export interface Harness {
  server: RunningServer;
  dataDir: string;
  /** The PostgreSQL database's URL, or undefined on SQLite. */
  databaseUrl: string | undefined;
  account(username: string): DemoAccount;
  login(username: string): Promise<LoginResponse>;
  connect(username: string): Promise<{ socket: TestSocket; login: LoginResponse }>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** After `stop`: the server again on the same port, data and database (it was down a while). */
  start(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * A data folder the server has seeded once per test worker (the demo meeting and its
 * accounts: seven password hashes at the production cost). Each harness starts from a copy,
 * so the tests pay for the hashing once, and every server still opens, migrates and serves a
 * real file of its own.
 */
interface Template {
  dataDir: string;
  /** On PostgreSQL: the seeded database that each harness's database is copied from. */
  database?: string;
}

let template: Promise<Template> | null = null;
function seededTemplate(): Promise<Template> {
  template ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-template-'));
    const database = TEST_ENGINE === 'postgres' ? await createDatabase() : undefined;
    const server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      databaseUrl: database?.url,
    });
    await server.close();
    process.once('exit', () => {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.ca-key`, { force: true });
    });
    if (database) process.once('beforeExit', () => void dropDatabase(database.name));
    return { dataDir, database: database?.name };
  })();
  return template;
}

export async function startHarness(
  options: { dataDir?: string; port?: number } & Pick<
    StartServerOptions,
    'socketLimits' | 'sessionSweepMs' | 'trustProxy' | 'maxDocumentBytes' | 'trustedCaPems' | 'assistantAsksPerMinute'
  > = {},
): Promise<Harness> {
  let dataDir = options.dataDir;
  let database: { name: string; url: string } | undefined;
  if (!dataDir) {
    dataDir = mkdtempSync(join(tmpdir(), 'cabinet-test-'));
    const seeded = await seededTemplate();
    cpSync(seeded.dataDir, dataDir, { recursive: true });
    // The meeting CA's key-encryption key lives beside the data folder, not in it.
    cpSync(`${seeded.dataDir}.ca-key`, `${dataDir}.ca-key`);
    if (seeded.database) database = await createDatabase(seeded.database);
  } else if (TEST_ENGINE === 'postgres') database = await createDatabase();
  const sockets: TestSocket[] = [];
  const extra = {
    socketLimits: options.socketLimits,
    sessionSweepMs: options.sessionSweepMs,
    trustProxy: options.trustProxy,
    maxDocumentBytes: options.maxDocumentBytes,
    trustedCaPems: options.trustedCaPems,
    assistantAsksPerMinute: options.assistantAsksPerMinute,
    databaseUrl: database?.url,
  };
  let server = await startServer({ dataDir, port: options.port ?? 0, host: '127.0.0.1', logLevel: 'silent', ...extra });
  const accounts = server.demoAccounts ?? [];
  const harness: Harness = {
    get server() {
      return server;
    },
    dataDir,
    databaseUrl: database?.url,
    account(username) {
      const a = accounts.find((x) => x.username === username);
      if (!a) throw new Error(`no demo account ${username}`);
      return a;
    },
    async login(username) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: harness.account(username).password }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return (await res.json()) as LoginResponse;
    },
    async connect(username) {
      const login = await harness.login(username);
      const socket = await connectSocket(server.url, login.token);
      sockets.push(socket);
      return { socket, login };
    },
    async restart() {
      const port = server.port;
      await server.close();
      server = await startServer({ dataDir, port, host: '127.0.0.1', logLevel: 'silent', ...extra });
    },
    async stop() {
      await server.close();
    },
    async start() {
      server = await startServer({ dataDir, port: server.port, host: '127.0.0.1', logLevel: 'silent', ...extra });
    },
    async cleanup() {
      for (const s of sockets) s.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.ca-key`, { force: true });
      if (database) await dropDatabase(database.name);
    },
  };
  return harness;
}

export function connectSocket(url: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

/** Emits by name and waits for the acknowledgement (a bounded wait). */
export function ask<T = unknown>(
  socket: TestSocket,
  event: string,
  payload: unknown,
  timeoutMs = 5000,
): Promise<Ack<T>> {
  const loose = socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<T>> } };
  return loose.timeout(timeoutMs).emitWithAck(event, payload);
}

export async function syncAll(socket: TestSocket): Promise<{ meetings: MeetingSummary[] }> {
  const answer = await ask<{ meetings: MeetingSummary[] }>(socket, 'session:sync', { cursors: {} });
  if (!answer.ok) throw new Error(`sync failed: ${answer.error.code}`);
  return answer.data;
}

/** Resolves with the next event of that name, or rejects after the timeout. */
export function nextEvent<T>(socket: TestSocket, event: string, timeoutMs = 2000): Promise<T> {
  const loose = socket as unknown as {
    once(e: string, f: (v: T) => void): void;
    off(e: string, f: (v: T) => void): void;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      loose.off(event, on);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = (value: T) => {
      clearTimeout(timer);
      resolve(value);
    };
    loose.once(event, on);
  });
}

/** Collects every event of that name from now on. */
export function collect<T>(socket: TestSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, f: (v: T) => void): void }).on(event, (v: T) => seen.push(v));
  return seen;
}

/** Every change the socket receives, taken out of its `meeting:changes` batches, in order. */
export function collectChanges(socket: TestSocket): Change[] {
  const seen: Change[] = [];
  (socket as unknown as { on(e: string, f: (b: ChangeBatch) => void): void }).on('meeting:changes', (batch) =>
    seen.push(...batch.changes),
  );
  return seen;
}

/** The first change of the next `meeting:changes` batch the socket receives. */
export async function nextChange(socket: TestSocket, timeoutMs = 2000): Promise<Change> {
  const batch = await nextEvent<ChangeBatch>(socket, 'meeting:changes', timeoutMs);
  return batch.changes[0] as Change;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function health(url: string): Promise<number> {
  const res = await fetch(`${url}/api/health`);
  return res.status;
}
