import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the layering rule of eslint.config.js bites: each folder's forbidden import is
 * reported, and an allowed one is not. (The rule itself then guards every real file.)
 */
const eslint = new ESLint();

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rule', () => {
  it.each([
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/x.ts', "import fs from 'fs';"],
    ['renderer/src/x.ts', "import { startServer } from '../../server/app.js';"],
    ['renderer/src/x.ts', "import '../../electron/main.js';"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';"],
    ['shared/client/x.ts', "import { join } from 'node:path';"],
    ['shared/domain/x.ts', "import { startServer } from '../../server/app.js';"],
    ['shared/protocol/x.ts', "import { App } from '../../renderer/src/App.js';"],
    ['shared/client/x.ts', "import { useState } from 'react';"],
    ['server/x.ts', "import { app } from 'electron';"],
    ['server/x.ts', "import '../electron/main.js';"],
    ['electron/x.ts', "import { startServer } from '../server/app.js';"],
  ])('refuses in %s: %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import { numberAgenda } from '../../shared/domain/index.js';"],
    ['shared/client/x.ts', "import { z } from 'zod';"],
    ['server/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/x.ts', "import { MeetingClient } from '../shared/client/index.js';"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });

  it("makes e2e specs take `test` from the project's fixtures (axe-core on every page), not from Playwright", async () => {
    expect(await importErrors('test/e2e/x.spec.ts', "import { test } from '@playwright/test';")).not.toEqual([]);
    expect(await importErrors('test/e2e/x.spec.ts', "import { type Page } from '@playwright/test';")).toEqual([]);
    expect(await importErrors('test/e2e/x.spec.ts', "import { expect, test } from './fixtures.js';")).toEqual([]);
  });

  it('refuses focused and skipped tests', async () => {
    const [result] = await eslint.lintText("import { it } from 'vitest';\nit.only('x', () => {});\n", {
      filePath: 'test/x.test.ts',
    });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-properties');
  });
});
