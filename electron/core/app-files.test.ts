import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppFile } from './app-files.js';
import { APP_ORIGIN } from './app-origin.js';

const CSP = "default-src 'self'";
let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cabinet-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Cabinet</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.json'), '{"token":"x"}');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('serveAppFile', () => {
  it('serves the entry page with the CSP and the right type', async () => {
    const res = await serveAppFile(root, `${APP_ORIGIN}/`, CSP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Cabinet</title>');
  });

  it('serves a script as JavaScript', async () => {
    const res = await serveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js`, CSP);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for a missing file, still with the CSP', async () => {
    const res = await serveAppFile(root, `${APP_ORIGIN}/assets/missing.js`, CSP);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('refuses to read outside the renderer folder', async () => {
    const res = await serveAppFile(root, `${APP_ORIGIN}/..%2fsecret.json`, CSP);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('token');
  });
});
