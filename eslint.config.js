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

const focusedOrSkipped = ['it', 'test', 'describe'].flatMap((object) =>
  ['only', 'skip', 'todo'].map((property) => ({
    object,
    property,
    message: 'Focused or skipped tests silently stop the suite from checking something.',
  })),
);

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
    rules: { 'no-restricted-properties': ['error', ...focusedOrSkipped] },
  },
  {
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
