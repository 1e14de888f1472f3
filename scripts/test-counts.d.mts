// Types for test-counts.mjs: scripts/ stay plain JavaScript run by Node, and the test that
// checks the counting is TypeScript.

export interface RunnerCounts {
  passed: number;
  failed: number;
  /** One line per kind of failure counted, for the summary. */
  breakdown: string[];
}

/** The part of vitest's JSON report (`--reporter=json`) that is counted. */
export interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success?: boolean;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { status: string; fullName?: string; title?: string; failureMessages?: string[] }[];
  }[];
}

/** The part of Playwright's JSON reporter output that is counted. */
export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: { message?: string }[];
}

export function countVitest(report: VitestReport, root?: string): RunnerCounts;
export function countPlaywright(report: PlaywrightReport): RunnerCounts;
