import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS_ENV, E2E_WORKERS, serverPort, serverUrl, type DemoAccount } from './server-env.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverMain = join(repoRoot, '.build', 'server', 'main.js');
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts the real meeting server, the way an operator would, on a fresh data folder: one for
 * each Playwright worker (see server-env.ts), all at once. Answers the teardown that stops
 * them and removes their folders.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(serverMain)) {
    throw new Error(`${serverMain} is missing: build first with \`npm run build\` (server and web UI).`);
  }
  if (!existsSync(join(repoRoot, '.build', 'renderer', 'index.html'))) {
    throw new Error('.build/renderer/index.html is missing: build the web UI first with `npm run build`.');
  }
  const slots = Array.from({ length: E2E_WORKERS }, (_, slot) => slot);
  for (const slot of slots) {
    if (await isUp(serverUrl(slot))) {
      throw new Error(`Something already answers on ${serverUrl(slot)}; stop it or set E2E_PORT to a free port.`);
    }
  }
  const started = await Promise.allSettled(slots.map((slot) => startOne(slot)));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.teardown()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await teardown();
    throw failure.reason;
  }
  process.env[DEMO_ACCOUNTS_ENV] = JSON.stringify(servers.map((server) => server.accounts));
  return teardown;
}

interface StartedServer {
  accounts: DemoAccount[];
  teardown(): Promise<void>;
}

async function startOne(slot: number): Promise<StartedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-e2e-'));
  const output: string[] = [];
  const server = spawn(process.execPath, [serverMain, '--data', dataDir, '--port', String(serverPort(slot))], {
    cwd: repoRoot,
    env: { ...process.env, CABINET_LOG_LEVEL: process.env.CABINET_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);

  const teardown = async () => {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    // The meeting CA's key-encryption key, kept beside the data folder.
    rmSync(`${dataDir}.ca-key`, { force: true });
  };

  try {
    await waitForHealth(serverUrl(slot), server, output);
    const accountsFile = join(dataDir, 'demo-accounts.json');
    if (!existsSync(accountsFile)) throw new Error(`the server did not write ${accountsFile}`);
    return { accounts: JSON.parse(readFileSync(accountsFile, 'utf8')) as DemoAccount[], teardown };
  } catch (error) {
    await teardown();
    throw new Error(
      `The meeting server for worker ${slot} did not start: ${(error as Error).message}\n--- server output ---\n${output.join('')}`,
    );
  }
}

async function isUp(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitForHealth(baseUrl: string, server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`it exited with code ${server.exitCode}`);
    if (await isUp(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `no answer from ${baseUrl}/api/health within ${STARTUP_TIMEOUT_MS / 1000} s (${output.length} output chunks)`,
  );
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
