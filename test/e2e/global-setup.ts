import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS_ENV, E2E_BASE_URL, E2E_PORT, type DemoAccount } from './server-env.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverMain = join(repoRoot, '.build', 'server', 'main.js');
const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Starts the real meeting server on a fresh data folder, the way an operator would, and
 * answers the teardown that stops it and removes the folder.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(serverMain)) {
    throw new Error(`${serverMain} is missing: build first with \`npm run build\` (server and web UI).`);
  }
  if (!existsSync(join(repoRoot, '.build', 'renderer', 'index.html'))) {
    throw new Error('.build/renderer/index.html is missing: build the web UI first with `npm run build`.');
  }
  if (await isUp()) {
    throw new Error(`Something already answers on ${E2E_BASE_URL}; stop it or set E2E_PORT to a free port.`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-e2e-'));
  const output: string[] = [];
  const server = spawn(process.execPath, [serverMain, '--data', dataDir, '--port', String(E2E_PORT)], {
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
    await waitForHealth(server, output);
    const accountsFile = join(dataDir, 'demo-accounts.json');
    if (!existsSync(accountsFile)) throw new Error(`the server did not write ${accountsFile}`);
    const accounts = JSON.parse(readFileSync(accountsFile, 'utf8')) as DemoAccount[];
    process.env[DEMO_ACCOUNTS_ENV] = JSON.stringify(accounts);
  } catch (error) {
    await teardown();
    throw new Error(
      `The meeting server did not start: ${(error as Error).message}\n--- server output ---\n${output.join('')}`,
    );
  }
  return teardown;
}

async function isUp(): Promise<boolean> {
  try {
    const res = await fetch(`${E2E_BASE_URL}/api/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitForHealth(server: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`it exited with code ${server.exitCode}`);
    if (await isUp()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `no answer from ${E2E_BASE_URL}/api/health within ${STARTUP_TIMEOUT_MS / 1000} s (${output.length} output chunks)`,
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
