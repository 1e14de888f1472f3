import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const everything = [
  'shared/**/*.test.ts',
  'server/**/*.test.ts',
  'electron/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'test/integration/**/*.test.ts',
  'test/desktop/**/*.test.ts',
  'test/lint/**/*.test.ts',
  'test/assistant/**/*.test.ts',
];

/**
 * A fresh process for each of these files: they watch what a first load does (vntk's model
 * read with every way out of the machine spied on), or measure the process's memory and
 * event-loop delay, which another file's leftover heap would blur.
 */
const alone = [
  'server/assistant/vntk-offline.test.ts',
  'test/integration/attack-people-import.test.ts',
  'test/integration/attack-assistant-brief-load.test.ts',
  'test/integration/attack-assistant-pathological.test.ts',
  'test/integration/attack-import-amplify.test.ts',
];

const postgresFiles = [
  'test/integration/**/*.test.ts',
  'server/db/migrations/*.test.ts',
  'server/**/*.postgres.test.ts',
  'test/multinode/**/*.test.ts',
];

/**
 * Every test on the default engine (SQLite: projects `sqlite*`), and everything that touches
 * the server's database again on PostgreSQL (`postgres*`: the integration suite, the
 * migrations, the tests only PostgreSQL has: `*.postgres.test.ts`, and the several-node
 * tests). `npm test` runs the second only where a PostgreSQL answers (scripts/test.mjs says so
 * when it does not). Each engine's files of `alone` run in a project of their own, isolated.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // better-sqlite3 and real servers: separate processes keep native handles apart.
    pool: 'forks',
    // A test here mostly waits (on sockets, PostgreSQL, the disk, scrypt's threads): vitest's
    // default of one worker per core but one left 1 worker on a 2-core machine, and the suite
    // took an hour. Two at least, and each worker keeps its modules from one file to the next
    // (the server's import alone took 5 s a file), so the seeded template of server-harness.ts
    // is made once per worker. Nothing here mocks modules or leaves globals changed.
    maxWorkers: Math.max(2, availableParallelism()),
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: everything,
          exclude: ['**/node_modules/**', '**/*.postgres.test.ts', ...alone],
          env: { CABINET_TEST_ENGINE: 'sqlite' },
        },
      },
      {
        extends: true,
        test: { name: 'sqlite-alone', include: alone, isolate: true, env: { CABINET_TEST_ENGINE: 'sqlite' } },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: postgresFiles,
          // Signatures, PDFs and the offline CLI touch no database: once is enough.
          exclude: ['**/node_modules/**', 'test/integration/signatures-*.test.ts', ...alone],
          env: { CABINET_TEST_ENGINE: 'postgres' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres-alone',
          include: alone.filter((file) => file.startsWith('test/integration/')),
          isolate: true,
          env: { CABINET_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
