import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { DemoAccount } from '../../server/app.js';
import type { LoginResponse } from '../../shared/protocol/index.js';
import type { ServerAccess } from './crowd.js';
import { connectSocket, type TestSocket } from './server-harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The arguments that run the server's main on `dataDir` and `port` (PostgreSQL's URL: else SQLite). */
function mainArgs(dataDir: string, port: number, databaseUrl?: string): string[] {
  const where = ['--data', dataDir, '--port', String(port), '--host', '127.0.0.1'];
  return [
    '--import',
    'tsx',
    join(ROOT, 'server', 'main.ts'),
    ...where,
    ...(databaseUrl ? ['--database', databaseUrl] : []),
  ];
}

/** The meeting server as its own process, so a test can kill it the hard way (SIGKILL). */
export class ServerProcess {
  private child: ChildProcess | null = null;
  constructor(
    readonly dataDir: string,
    readonly port: number,
    /** PostgreSQL's URL (several processes may share it); undefined: the SQLite file in dataDir. */
    readonly databaseUrl?: string,
    /** More of the process's environment (a proxy pointing nowhere, a preloaded module). */
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(
      process.execPath,
      [
        // A profile of the server under load: CABINET_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
        ...(process.env.CABINET_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...mainArgs(this.dataDir, this.port, this.databaseUrl),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, CABINET_LOG_LEVEL: 'error', ...this.extraEnv },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    // A cold start under tsx on a loaded 2-core machine (CI runs the test files side by side) takes seconds.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server process did not start');
  }

  accounts(): DemoAccount[] {
    return JSON.parse(readFileSync(join(this.dataDir, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      // A profiled server must stop by itself to write its profile.
      child.kill(process.env.CABINET_SERVER_NODE_ARGS ? 'SIGTERM' : 'SIGKILL');
    });
    this.child = null;
  }
}

/**
 * The server's main as a child process on its own SQLite file, logging at `logLevel` into
 * `output`: what someone who reads the logs gets. `stop()` is the orderly stop (SIGTERM).
 */
export class LoggingServer {
  output = '';
  readonly child: ChildProcess;
  constructor(dataDir: string, port: number, logLevel: string) {
    this.child = spawn(process.execPath, mainArgs(dataDir, port), {
      cwd: ROOT,
      env: { ...process.env, CABINET_LOG_LEVEL: logLevel },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => (this.output += c.toString('utf8'));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await gone;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * A server process seen through the same small interface as the in-process harness. `url`
 * may be another address of it (a load balancer in front of several processes).
 */
export function access(server: ServerProcess, sockets: TestSocket[], url = server.url): ServerAccess {
  const login = async (username: string): Promise<LoginResponse> => {
    const password = server.accounts().find((a) => a.username === username)?.password;
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    return (await res.json()) as LoginResponse;
  };
  return {
    server: { url },
    login,
    async connect(username: string) {
      const answer = await login(username);
      const socket = await connectSocket(url, answer.token);
      sockets.push(socket);
      return { socket, login: answer };
    },
  };
}
