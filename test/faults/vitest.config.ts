import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The fault tests (`npm run test:faults`; `npm test -- --with-faults` adds them to the one
 * total): a server killed mid-vote, a link that drops twenty times, a full disk, a fuzzer.
 * They take minutes, so they stay out of the normal suite. Like the root config: every file
 * on SQLite, and again on PostgreSQL, except the full disk, which fills the SQLite file's folder.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Each file loads the 2-core machine fully (hundreds of clients, a flood): one at a time.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/faults/**/*.test.ts'],
          env: { CABINET_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/faults/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/faults/disk-full.test.ts'],
          env: { CABINET_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
