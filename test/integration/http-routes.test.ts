import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, HTTP_ROUTES, SOCKET_MAX_MESSAGE_BYTES, type ErrorCode } from '../../shared/protocol/index.js';
import { ROUTE_ERRORS } from '../../shared/protocol/reference/notes.js';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * Every HTTP route answers the success status the reference documents, with a body its
 * schema accepts, and each refusal the reference lists answers that code with the code's
 * status. RATE_LIMITED of the login takes many failed attempts: login-throttle.test.ts.
 */

type Path = (typeof HTTP_ROUTES)[number]['path'];

let h: Harness;
let adminToken: string;
let usernames = 0;

beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.login('admin')).token;
});
afterAll(async () => {
  await h?.cleanup();
});

function call(method: string, path: string, init: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${h.server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

const newAccount = () => ({
  username: `nguoi-dung-${(usernames += 1)}`,
  displayName: 'Người dùng mới',
  password: 'mot-mat-khau-dai',
});

/** A call that succeeds, per route. */
const SUCCESS: Record<Path, () => Promise<Response>> = {
  '/api/health': () => call('GET', '/api/health'),
  '/api/auth/login': () =>
    call('POST', '/api/auth/login', { body: { username: 'thuky', password: h.account('thuky').password } }),
  '/api/auth/logout': async () => call('POST', '/api/auth/logout', { token: (await h.login('daibieu1')).token }),
  '/api/auth/me': async () => call('GET', '/api/auth/me', { token: (await h.login('daibieu1')).token }),
  '/api/users': () => call('POST', '/api/users', { token: adminToken, body: newAccount() }),
};

/** A call that draws each documented refusal, per route. */
const REFUSALS: Record<Path, Partial<Record<ErrorCode, () => Promise<Response>>>> = {
  '/api/health': {},
  '/api/auth/login': {
    INVALID_CREDENTIALS: () =>
      call('POST', '/api/auth/login', { body: { username: 'thuky', password: 'sai-mat-khau' } }),
  },
  '/api/auth/logout': { UNAUTHENTICATED: () => call('POST', '/api/auth/logout', { token: 'not-a-token' }) },
  '/api/auth/me': { UNAUTHENTICATED: () => call('GET', '/api/auth/me') },
  '/api/users': {
    UNAUTHENTICATED: () => call('POST', '/api/users', { body: newAccount() }),
    FORBIDDEN: async () => call('POST', '/api/users', { token: (await h.login('thuky')).token, body: newAccount() }),
    CONFLICT: () => call('POST', '/api/users', { token: adminToken, body: { ...newAccount(), username: 'thuky' } }),
  },
};

/** Refusals the reference lists that this file leaves to another test. */
const ELSEWHERE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED']);

async function expectRefusal(res: Response, code: ErrorCode): Promise<void> {
  expect(res.status).toBe(ERROR_CATALOGUE[code].http);
  expect(await res.json()).toMatchObject({
    error: { code, message: { vi: expect.any(String), en: expect.any(String) } },
  });
}

describe('HTTP routes, as the protocol reference documents them', () => {
  it.each(HTTP_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers its documented success status and body',
    async (_name, route) => {
      const res = await SUCCESS[route.path]();
      expect(res.status).toBe(route.status);
      if (route.response) expect(route.response.safeParse(await res.json()).success).toBe(true);
      else expect(await res.text()).toBe('');
    },
  );

  it.each(HTTP_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses with each documented code and its status',
    async (_name, route) => {
      for (const code of ROUTE_ERRORS[route.path]) {
        if (ELSEWHERE.has(code)) continue;
        const draw = REFUSALS[route.path][code];
        if (!draw) throw new Error(`no call draws ${code} from ${route.path}`);
        await expectRefusal(await draw(), code);
      }
    },
  );

  it('answers a token that was signed out UNAUTHENTICATED', async () => {
    const { token } = await h.login('daibieu2');
    expect((await call('POST', '/api/auth/logout', { token })).status).toBe(204);
    await expectRefusal(await call('GET', '/api/auth/me', { token }), 'UNAUTHENTICATED');
  });

  it('answers a malformed body, an oversized one and an unknown path as the reference says', async () => {
    await expectRefusal(await call('POST', '/api/auth/login', { raw: '{"username":' }), 'VALIDATION_FAILED');
    const huge = { username: 'thuky', password: 'x'.repeat(SOCKET_MAX_MESSAGE_BYTES) };
    await expectRefusal(await call('POST', '/api/auth/login', { body: huge }), 'PAYLOAD_TOO_LARGE');
    await expectRefusal(await call('GET', '/api/no-such-route'), 'NOT_FOUND');
  });
});
