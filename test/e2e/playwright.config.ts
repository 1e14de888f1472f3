import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_WORKERS } from './server-env.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Each worker has a server of its own (global-setup.ts); a spec file runs whole in one worker.
  workers: E2E_WORKERS,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  globalSetup: './global-setup.ts',
  outputDir: `${repoRoot}test-results/e2e`,
  reporter: [['list'], ['json', { outputFile: `${repoRoot}test-results/e2e-results.json` }]],
  use: {
    baseURL: E2E_BASE_URL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    // Installing the app's service worker precaches the whole build (6 MB) in every new
    // context: only the specs about the installed app (pwa, offline-browser) allow it.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
