import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest, type VitestReport } from '../../scripts/test-counts.mjs';

/**
 * Shaped like what `vitest run --reporter=json` wrote for four small files: one with a passing
 * and a failing test, one with skip/todo/describe.skip/ctx.skip, one whose import fails (so no
 * test runs at all), and one whose afterAll throws after its only test passed.
 */
const vitestReport: VitestReport = {
  numTotalTests: 7,
  numPassedTests: 2,
  numFailedTests: 1,
  numPendingTests: 3,
  numTodoTests: 1,
  success: false,
  testResults: [
    { name: '/repo/test/hooks.test.ts', status: 'failed', message: '', assertionResults: [{ status: 'passed' }] },
    {
      name: '/repo/test/importfail.test.ts',
      status: 'failed',
      message: "Cannot find module './does-not-exist.js' imported from /repo/test/importfail.test.ts",
      assertionResults: [],
    },
    {
      name: '/repo/test/pass.test.ts',
      status: 'failed',
      message: '',
      assertionResults: [
        { status: 'passed' },
        {
          status: 'failed',
          fullName: 'votes count each ballot once',
          failureMessages: ['AssertionError: expected 99 to be 100\n    at pass.test.ts:12:5'],
        },
      ],
    },
    {
      name: '/repo/test/skip.test.ts',
      status: 'passed',
      message: '',
      assertionResults: [{ status: 'skipped' }, { status: 'todo' }, { status: 'skipped' }, { status: 'skipped' }],
    },
  ],
};

const allGreen: VitestReport = {
  numTotalTests: 3,
  numPassedTests: 3,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  success: true,
  testResults: [
    {
      name: '/repo/a.test.ts',
      status: 'passed',
      message: '',
      assertionResults: [{ status: 'passed' }, { status: 'passed' }, { status: 'passed' }],
    },
  ],
};

describe('counting vitest reports', () => {
  it('counts skipped and todo tests, and files that failed outside a test, as failures', () => {
    const counts = countVitest(vitestReport, '/repo');
    expect(counts.passed).toBe(2);
    // 1 failed + 3 skipped + 1 todo + 2 files (import error, afterAll) = 7.
    expect(counts.failed).toBe(7);
    const text = counts.breakdown.join('\n');
    expect(text).toMatch(/1 failed test\b/);
    expect(text).toMatch(/3 skipped tests \(counted as failed\)/);
    expect(text).toMatch(/1 todo test \(counted as failed\)/);
    expect(text).toMatch(/2 test files failed outside a test/);
    expect(text).toContain('test/importfail.test.ts');
    expect(text).toContain("Cannot find module './does-not-exist.js'");
    expect(text).toContain('test/hooks.test.ts');
    // The file whose failure is already a failed test is not counted twice, but the test is
    // named, with the first line of why (CI keeps only the end of the log).
    expect(text.match(/pass\.test\.ts/g)).toHaveLength(1);
    expect(text).toContain(
      'FAILED test/pass.test.ts > votes count each ballot once: AssertionError: expected 99 to be 100',
    );
  });

  it('a syntax error alone (no test ran anywhere) is still a failure', () => {
    const counts = countVitest({
      numTotalTests: 0,
      numPassedTests: 0,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      success: false,
      testResults: [
        {
          name: '/repo/broken.test.ts',
          status: 'failed',
          message: 'Transform failed with 1 error:\n[PARSE_ERROR] Unexpected token',
          assertionResults: [],
        },
      ],
    });
    expect(counts).toMatchObject({ passed: 0, failed: 1 });
  });

  it('an unsuccessful run with nothing else to blame counts once', () => {
    expect(countVitest({ ...allGreen, success: false }).failed).toBe(1);
  });

  it('an all-green report counts every test as passed and nothing as failed', () => {
    expect(countVitest(allGreen)).toEqual({ passed: 3, failed: 0, breakdown: [] });
  });
});

describe('counting Playwright reports', () => {
  it('counts skipped, flaky and unexpected tests as failures', () => {
    const counts = countPlaywright({
      stats: { expected: 2, unexpected: 2, flaky: 1, skipped: 3 },
      errors: [],
    });
    expect(counts.passed).toBe(2);
    expect(counts.failed).toBe(6);
    expect(counts.breakdown.join('\n')).toMatch(/3 skipped tests \(counted as failed\)/);
  });

  it('counts errors outside tests (a spec that does not load, no tests found) as failures', () => {
    const counts = countPlaywright({
      stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 },
      errors: [{ message: 'SyntaxError: /repo/test/e2e/b.spec.ts: Unexpected token (2:19)' }],
    });
    expect(counts.failed).toBe(1);
    expect(counts.breakdown.join('\n')).toContain('b.spec.ts: Unexpected token');
  });

  it('an all-green report has nothing counted as failed', () => {
    expect(countPlaywright({ stats: { expected: 5, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] })).toEqual({
      passed: 5,
      failed: 0,
      breakdown: [],
    });
  });
});
