import { availableParallelism } from 'node:os';

/**
 * The end-to-end servers: one per Playwright worker, so that two specs running at once never
 * share a meeting, a sign-in throttle or a room. Worker i talks to the server on
 * E2E_PORT + i (E2E_PORT moves them all when 8765 is taken). E2E_WORKERS sets how many;
 * by default one per two cores: a browser and its server fill two (measured on 2 cores, two
 * workers took as long as one, 22 minutes, and made the one-second checks less sure).
 */
export const E2E_WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? Math.floor(availableParallelism() / 2)));
const FIRST_PORT = Number(process.env.E2E_PORT ?? 8765);

export function serverPort(workerSlot: number): number {
  return FIRST_PORT + workerSlot;
}

export function serverUrl(workerSlot: number): string {
  return `http://127.0.0.1:${serverPort(workerSlot)}`;
}

/**
 * This worker's slot: Playwright numbers the workers running at once 0..workers-1
 * (TEST_PARALLEL_INDEX) and keeps the number when it replaces a worker. Outside a worker
 * (the global setup) it is the first.
 */
export const WORKER_SLOT = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
export const E2E_PORT = serverPort(WORKER_SLOT);
export const E2E_BASE_URL = serverUrl(WORKER_SLOT);

/** How the global setup hands each server's demo accounts to the test workers (a JSON array per slot). */
export const DEMO_ACCOUNTS_ENV = 'E2E_DEMO_ACCOUNTS';

export interface DemoAccount {
  username: string;
  password: string;
  role: 'admin' | 'secretary' | 'chair' | 'delegate';
  displayName: string;
}
