import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the lint rule against focused and skipped tests bites for every way vitest and
 * Playwright offer to not run (or not check) a test, and leaves ordinary tests alone.
 */
const eslint = new ESLint();
const RULES = ['no-restricted-properties', 'no-restricted-syntax'];

async function reported(source: string, filePath = 'test/x.test.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(`import { describe, it, test } from 'vitest';\n${source}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && RULES.includes(m.ruleId)).map((m) => m.message);
}

describe('the focused-or-skipped lint rule', () => {
  it.each([
    "it.only('x', () => {});",
    "it.skip('x', () => {});",
    "it.todo('x');",
    "describe.skip('x', () => {});",
    "it.skipIf(process.env.CI)('x', () => {});",
    "it.runIf(process.platform === 'linux')('x', () => {});",
    "it.fails('x', () => { throw new Error('x'); });",
    "test.skipIf(true)('x', () => {});",
    "test.runIf(false)('x', () => {});",
    "test.fails('x', () => {});",
    "describe.skipIf(true)('x', () => {});",
    "describe.runIf(false)('x', () => {});",
    "it('x', (ctx) => { ctx.skip(); });",
    "it('x', (context) => { context.skip(); });",
    "it('x', async (ctx) => { if (!process.env.DB) ctx.skip('no database'); });",
    "it('x', ({ skip }) => { skip(); });",
    "it.concurrent.skip('x', async () => {});",
    "test.concurrent.only('x', async () => {});",
    "describe.concurrent.skip('x', () => {});",
    "describe.sequential.todo('x');",
    "it.concurrent.skipIf(true)('x', async () => {});",
    "test.describe.skip('x', () => {});",
    "test.describe.only('x', () => {});",
    "test.describe.parallel.only('x', () => {});",
    "test.fixme('x', async () => {});",
    "test.fail('x', async () => {});",
    "test('x', async () => { test.skip(process.platform === 'win32', 'linux only'); });",
    "suite.skip('x', () => {});",
  ])('refuses %s', async (source) => {
    expect(await reported(source)).not.toEqual([]);
  });

  it('applies to the end-to-end specs too', async () => {
    expect(await reported("test.fixme('x', async () => {});", 'test/e2e/x.spec.ts')).not.toEqual([]);
    expect(await reported("test.describe.skip('x', () => {});", 'test/e2e/x.spec.ts')).not.toEqual([]);
  });

  it.each([
    "it('x', () => {});",
    "test('x', async () => {});",
    "describe('x', () => { it('y', () => {}); });",
    "it.each([1, 2])('x %s', (n) => { void n; });",
    "describe.each([1])('x %s', () => {});",
    "it.concurrent('x', async () => {});",
    "describe.sequential('x', () => {});",
    "it('x', ({ expect }) => { expect(1).toBe(1); });",
    "it('x', (ctx) => { ctx.onTestFinished(() => {}); });",
    "test.describe('x', () => {});",
    'test.slow();',
  ])('allows %s', async (source) => {
    expect(await reported(source)).toEqual([]);
  });
});
