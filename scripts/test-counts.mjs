// @ts-check
// What scripts/test.mjs counts from each test runner's JSON report. A check that did not run is
// not a pass: skipped and todo tests, and test files that failed outside any test (an import or
// syntax error stops a whole file before its first test), all count as failures.
import { relative } from 'node:path';

/**
 * @typedef {import('./test-counts.d.mts').RunnerCounts} RunnerCounts
 * @typedef {import('./test-counts.d.mts').VitestReport} VitestReport
 * @typedef {import('./test-counts.d.mts').PlaywrightReport} PlaywrightReport
 */

/**
 * @param {number} n
 * @param {string} one
 * @param {string} many
 */
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** @param {string} message */
const firstLine = (message) => message.split('\n').find((line) => line.trim() !== '') ?? '';

/**
 * @param {VitestReport} report
 * @param {string} [root] paths in the breakdown are shown relative to it
 * @returns {RunnerCounts}
 */
export function countVitest(report, root = process.cwd()) {
  /** @type {string[]} */
  const breakdown = [];
  let failed = 0;
  /**
   * @param {number} n
   * @param {string} label
   */
  const add = (n, label) => {
    if (n <= 0) return;
    failed += n;
    breakdown.push(label);
  };
  add(report.numFailedTests, plural(report.numFailedTests, 'failed test', 'failed tests'));
  add(report.numPendingTests, `${plural(report.numPendingTests, 'skipped test', 'skipped tests')} (counted as failed)`);
  add(report.numTodoTests, `${plural(report.numTodoTests, 'todo test', 'todo tests')} (counted as failed)`);
  const unaccounted =
    report.numTotalTests - report.numPassedTests - report.numFailedTests - report.numPendingTests - report.numTodoTests;
  add(unaccounted, `${plural(unaccounted, 'test', 'tests')} in no known state (counted as failed)`);

  // A failed file none of whose tests failed broke outside them: it did not load, or a hook threw.
  const broken = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  add(
    broken.length,
    `${plural(broken.length, 'test file', 'test files')} failed outside a test (did not load, or a hook failed): ` +
      broken
        .map((file) => {
          const why = firstLine(file.message ?? '');
          return `${relative(root, file.name)}${why ? `: ${why}` : ''}`;
        })
        .join('; '),
  );

  // Vitest also fails a run for an error no test owns (an unhandled rejection after a test).
  if (failed === 0 && report.success === false) add(1, 'the run failed without a failing test (an unhandled error?)');
  // Each failed test by name, with the first line of why: CI keeps only the end of the log.
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status !== 'failed') continue;
      const why = firstLine(test.failureMessages?.[0] ?? '');
      breakdown.push(
        `FAILED ${relative(root, file.name)} > ${test.fullName ?? test.title ?? '?'}${why ? `: ${why}` : ''}`,
      );
    }
  }
  return { passed: report.numPassedTests, failed, breakdown };
}

/**
 * @param {PlaywrightReport} report
 * @returns {RunnerCounts}
 */
export function countPlaywright(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  /** @type {string[]} */
  const breakdown = [];
  let failed = 0;
  /**
   * @param {number} n
   * @param {string} label
   */
  const add = (n, label) => {
    if (n <= 0) return;
    failed += n;
    breakdown.push(label);
  };
  add(unexpected, plural(unexpected, 'failed test', 'failed tests'));
  // Passing only on a retry still means it failed once.
  add(flaky, `${plural(flaky, 'flaky test', 'flaky tests')} (counted as failed)`);
  add(skipped, `${plural(skipped, 'skipped test', 'skipped tests')} (counted as failed)`);
  const errors = report.errors ?? [];
  add(
    errors.length,
    `${plural(errors.length, 'error', 'errors')} outside a test (a spec that did not load, global setup): ` +
      errors.map((e) => firstLine(e.message ?? '')).join('; '),
  );
  return { passed: expected, failed, breakdown };
}
