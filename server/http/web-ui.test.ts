import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebUi } from './web-ui.js';

const dir = mkdtempSync(join(tmpdir(), 'cabinet-ui-'));
const app = Fastify();
beforeAll(async () => {
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  // The installable web app's files (renderer/vite.config.ts).
  writeFileSync(join(dir, 'sw.js'), 'self.skipWaiting');
  writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"ui"}');
  await registerWebUi(app, dir);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web UI serving', () => {
  it('serves files, and index.html for client routes', async () => {
    expect((await app.inject('/assets/app-1.js')).headers['content-type']).toMatch(/javascript/);
    const route = await app.inject('/meetings/abc');
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<title>ui</title>');
  });

  it('answers 404 for a missing asset or API path instead of index.html', async () => {
    expect((await app.inject('/assets/gone.js')).statusCode).toBe(404);
    expect((await app.inject('/favicon.ico')).statusCode).toBe(404);
    expect((await app.inject('/api/nothing')).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('serves a file added after start (a rebuilt UI) without a restart', async () => {
    writeFileSync(join(dir, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await app.inject('/assets/app-2.js')).statusCode).toBe(200);
  });

  it('serves the service worker as script and the manifest as a web app manifest', async () => {
    expect((await app.inject('/sw.js')).headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect((await app.inject('/manifest.webmanifest')).headers['content-type']).toMatch(/^application\/manifest\+json/);
  });

  it('has the browser ask again for the files that name the current build, wherever index.html comes from', async () => {
    for (const url of ['/', '/index.html', '/meetings/abc', '/sw.js', '/manifest.webmanifest']) {
      const reply = await app.inject(url);
      expect(reply.statusCode, url).toBe(200);
      expect(reply.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await app.inject('/assets/app-1.js')).headers['cache-control']).toBe('public, max-age=0');
  });
});
