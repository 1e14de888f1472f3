import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../app.js';

let dataDir: string;
let server: RunningServer;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-headers-'));
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', seedDemo: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(`${dataDir}.ca-key`, { force: true });
});

/** node:http, because fetch does not let a test choose the Host header. */
function rawGet(path: string, host: string): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.headers);
    });
    req.on('error', reject);
    req.end();
  });
}

function directives(policy: string | string[] | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of String(policy ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

function expectSecurityHeaders(res: Response, what: string): void {
  const csp = directives(res.headers.get('content-security-policy'));
  expect(Object.fromEntries(csp), what).toMatchObject({
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
  // Socket.IO's WebSocket goes to the page's own host: nothing else may be reached.
  expect(csp.get('connect-src')?.[0], what).toBe("'self'");
  for (const source of csp.get('connect-src')?.slice(1) ?? []) {
    expect(source, what).toBe(`ws://${new URL(server.url).host}`);
  }
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
}

describe('security headers on every HTTP response', () => {
  it('sends them with the web UI (or the page saying it is not built)', async () => {
    for (const path of ['/', '/meetings/abc']) {
      const res = await fetch(`${server.url}${path}`);
      expect([200, 503]).toContain(res.status);
      expectSecurityHeaders(res, path);
    }
  });

  it('sends them with API answers, errors and 404s', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expectSecurityHeaders(health, '/api/health');

    const unauthenticated = await fetch(`${server.url}/api/auth/me`);
    expect(unauthenticated.status).toBe(401);
    expectSecurityHeaders(unauthenticated, '/api/auth/me');

    const badJson = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(badJson.status).toBe(400);
    expectSecurityHeaders(badJson, 'bad JSON');

    const missing = await fetch(`${server.url}/assets/gone.js`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing, '/assets/gone.js');
  });

  it('adds the ws origin of a well-formed Host only', async () => {
    const policyFor = async (host: string) =>
      directives((await rawGet('/api/health', host))['content-security-policy'] ?? null).get('connect-src');
    expect(await policyFor('192.0.2.10:8080')).toEqual(["'self'", 'ws://192.0.2.10:8080']);
    expect(await policyFor('phong-hop.local')).toEqual(["'self'", 'ws://phong-hop.local']);
    // A Host that would end the directive and open another one is left out, not echoed.
    expect(await policyFor("evil; script-src 'unsafe-inline'")).toEqual(["'self'"]);
    expect(await policyFor('a b')).toEqual(["'self'"]);
  });
});
