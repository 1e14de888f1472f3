// @ts-check
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The layering of DESIGN.md, one entry per folder: what that folder may never import. */
export const LAYERS = {
  shared: {
    paths: [...nodeBuiltins, 'better-sqlite3', 'electron', 'react', 'react-dom', 'fastify', 'socket.io'],
    patterns: ['**/server/**', '**/electron/**', '**/renderer/**'],
    why: 'shared/ runs in Node and in the browser: no Node, DOM or other-folder imports',
  },
  renderer: {
    paths: [...nodeBuiltins, 'better-sqlite3', 'electron', 'fastify', 'socket.io'],
    patterns: ['**/server/**', '**/electron/**'],
    why: 'renderer/ runs in a sandboxed page: it talks to the core through shared/client only',
  },
  server: {
    paths: ['electron', 'react', 'react-dom'],
    patterns: ['**/electron/**', '**/renderer/**'],
    why: 'server/ and electron/ never import each other',
  },
  electron: {
    paths: ['fastify', 'socket.io', 'react', 'react-dom'],
    patterns: ['**/server/**', '**/renderer/**'],
    why: 'electron/ is a shell over shared/client; it never imports the server or the UI',
  },
};

const layerRules = Object.entries(LAYERS).map(([folder, layer]) => ({
  files: [`${folder}/**/*.{ts,tsx,cts,mts}`],
  ignores: [`${folder}/**/*.test.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: layer.paths.map((name) => ({ name, message: layer.why })),
        patterns: [{ group: layer.patterns, message: layer.why }],
      },
    ],
  },
}));

const SKIPPED_MESSAGE = 'Focused or skipped tests silently stop the suite from checking something.';
/** What vitest and Playwright name a test or a group of tests. */
const TEST_OBJECTS = ['it', 'test', 'describe', 'suite'];
/**
 * Every modifier that runs a test only sometimes, never, alone, or as an expected failure
 * (vitest: skipIf, runIf, fails; Playwright: fixme, fail).
 */
const NOT_RUN = ['only', 'skip', 'todo', 'skipIf', 'runIf', 'fails', 'fixme', 'fail'];

const focusedOrSkipped = TEST_OBJECTS.flatMap((object) =>
  NOT_RUN.map((property) => ({ object, property, message: SKIPPED_MESSAGE })),
);

const testObject = `/^(${TEST_OBJECTS.join('|')})$/`;
const notRun = `/^(${NOT_RUN.join('|')})$/`;
/** Forms no-restricted-properties cannot see: chains and the test context's own skip(). */
const focusedOrSkippedSyntax = [
  // it.concurrent.skip, describe.sequential.todo, test.describe.only …
  `MemberExpression[property.name=${notRun}][object.type='MemberExpression'][object.object.name=${testObject}]`,
  // test.describe.parallel.only, it.concurrent.sequential.skip …
  `MemberExpression[property.name=${notRun}][object.type='MemberExpression'][object.object.type='MemberExpression'][object.object.object.name=${testObject}]`,
  // ctx.skip(), context.skip('reason'): vitest's test context skipping from inside the test.
  `CallExpression[callee.type='MemberExpression'][callee.property.name='skip'][callee.object.type!='Identifier']`,
  `CallExpression[callee.type='MemberExpression'][callee.property.name='skip'][callee.object.name!=${testObject}]`,
  // ({ skip }) => { skip(); }
  "CallExpression[callee.type='Identifier'][callee.name='skip']",
].map((selector) => ({ selector, message: SKIPPED_MESSAGE }));

export default tseslint.config(
  { ignores: ['node_modules/', '.build/', 'release/', 'data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  ...layerRules,
  {
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      'no-restricted-syntax': ['error', ...focusedOrSkippedSyntax],
    },
  },
  {
    // The project's `test` runs axe-core on every page a spec opens; Playwright's own would not.
    files: ['test/e2e/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Import `test` from './fixtures.js': it checks every page with axe-core.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
