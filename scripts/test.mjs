#!/usr/bin/env node
// Runs every check the project has, in order, and ends with one line `N passed, N failed`
// that CI reads. Every step runs even after a failure, so one run shows everything broken.
// `--with-faults` (what .ci/run passes) adds the fault tests of test/faults (a server killed
// mid-vote, a flapping link, a full disk, a fuzzer: minutes more) to the same total.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { countPlaywright, countVitest } from './test-counts.mjs';

const withFaults = process.argv.includes('--with-faults');
const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n=== ${label}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false, env: process.env });
  process.stdout.write(
    `=== ${label}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return status === 0;
}

/** A step that is not a test runner counts as one check. */
function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

/**
 * A test runner's counts come from its JSON report (see test-counts.mjs: a skipped test counts
 * as failed); a crash with no report, or a failing exit with nothing counted, is one failure.
 */
function tests(label, command, args, report, count) {
  const ok = run(label, command, args);
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${label} (no report)`);
    return;
  }
  const counts = count(JSON.parse(readFileSync(report, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
  process.stdout.write(`=== ${label}: ${counts.passed} passed, ${counts.failed} counted as failed\n`);
  for (const line of counts.breakdown) process.stdout.write(`===   ${line}\n`);
  if (counts.failed > 0 || !ok) failures.push([label, ...counts.breakdown.map((line) => `  ${line}`)].join('\n'));
  if (!ok && counts.failed === 0) failed += 1;
}

const npx = 'npx';
check('typecheck', npx, ['tsc', '-b', 'server', 'electron', 'test']);
check('typecheck renderer', npx, ['tsc', '-p', 'renderer', '--noEmit']);
check('typecheck vite config and e2e tests', 'sh', [
  '-c',
  'npx tsc -p renderer/tsconfig.vite.json && npx tsc -p test/e2e/tsconfig.json',
]);
check('lint', npx, ['eslint', '.']);
check('formatting', npx, ['prettier', '--check', '.']);
// The integration suite runs on SQLite, and again on PostgreSQL where one answers.
const postgresUrl =
  process.env.CABINET_TEST_POSTGRES_URL ?? 'postgres://cabinet_test:cabinet_test@127.0.0.1:5432/postgres';
const postgres = spawnSync(
  'node',
  [
    '-e',
    `new (require('pg').Client)(${JSON.stringify(postgresUrl)}).connect().then(() => process.exit(0), () => process.exit(1))`,
  ],
  { stdio: 'ignore', timeout: 10_000 },
);
// `sqlite*`: the SQLite projects (vitest.config.ts), the isolated one included.
const projects = postgres.status === 0 ? [] : ['--project', 'sqlite*'];
process.stdout.write(
  postgres.status === 0
    ? `\n=== PostgreSQL answers at ${postgresUrl.replace(/:[^:@/]*@/, ':***@')}: the integration suite runs on SQLite and on PostgreSQL\n`
    : `\n=== PostgreSQL is NOT available at ${postgresUrl.replace(/:[^:@/]*@/, ':***@')}: the integration suite runs on SQLite ONLY ` +
        '(.ci/run installs and starts PostgreSQL; see the README)\n',
);
tests(
  'unit and integration (vitest)',
  npx,
  ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`],
  `${results}/vitest.json`,
  countVitest,
);
if (withFaults) {
  tests(
    'fault tests (vitest, test/faults)',
    npx,
    [
      'vitest',
      'run',
      '--config',
      'test/faults/vitest.config.ts',
      ...projects,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/faults.json`,
    ],
    `${results}/faults.json`,
    countVitest,
  );
} else process.stdout.write('\n=== fault tests not run (npm test -- --with-faults, or npm run test:faults)\n');
const built = run('build (server, desktop shell, web UI)', 'npm', ['run', '--silent', 'build']);
if (built) {
  passed += 1;
  tests(
    'end to end (Playwright, chromium)',
    npx,
    ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts'],
    `${results}/e2e-results.json`,
    countPlaywright,
  );
} else {
  failed += 1;
  failures.push('build (end-to-end tests not run)');
}

if (failures.length > 0) process.stdout.write(`\nFailed:\n${failures.join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
