import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { ERROR_CATALOGUE, HTTP_ROUTES, SOCKET_MAX_MESSAGE_BYTES, type ErrorCode } from '../../shared/protocol/index.js';
import { ROUTE_ERRORS } from '../../shared/protocol/reference/notes.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { MAX_EXPORTED_ANNOTATIONS } from '../../server/annotations/pdf-export/index.js';
import { startHarness, type Harness } from '../support/server-harness.js';
import { enrollDevice, enrollmentCode, makeDeviceKey, requestFor } from '../support/signing-device.js';
import { outsideIdentityRequest, trustedOutsideCa } from '../support/outside-identity.js';

/**
 * Every HTTP route answers the success status the reference documents, with a body its
 * schema accepts, and each refusal the reference lists answers that code with the code's
 * status. RATE_LIMITED of the login takes many failed attempts: login-throttle.test.ts.
 */

type Route = (typeof HTTP_ROUTES)[number];
type RouteKey = keyof typeof ROUTE_ERRORS;
const keyOf = (r: Route) => `${r.method} ${r.path}` as RouteKey;

let h: Harness;
let adminToken: string;
let secretaryToken: string;
let meetingId: string;
let documentId: string;
let paper: Uint8Array;
let usernames = 0;

beforeAll(async () => {
  h = await startHarness({ maxDocumentBytes: 256 * 1024, trustedCaPems: [(await trustedOutsideCa()).pem] });
  adminToken = (await h.login('admin')).token;
  secretaryToken = (await h.login('thuky')).token;
  meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
  paper = await makePdf({ pages: ['Báo cáo tổng kết'] });
  documentId = (await mustUpload(h.server.url, secretaryToken, meetingId, paper)).id;
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

/** A CSV of people posted to the import route as its body. */
function importCsv(token: string | undefined, csv: string) {
  return fetch(`${h.server.url}/api/users/import`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'text/csv' },
    body: csv,
  });
}
const oneNewPerson = () => `username,displayName\nnhap-${(usernames += 1)},Trần Quốc Đạt\n`;

/** An upload as an outside system sends it: multipart, the fields, then the file. */
function upload(token: string | undefined, bytes: Uint8Array, into = meetingId, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('title', 'Tờ trình');
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([bytes], { type: 'application/pdf' }), 'to-trinh.pdf');
  return fetch(`${h.server.url}/api/meetings/${into}/documents`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
}
const get = (path: string, token?: string) => call('GET', path, token ? { token } : {});
const post = (path: string, token: string | undefined, body: unknown) =>
  call('POST', path, { ...(token ? { token } : {}), body });
/** A signed-in delegate and a fresh code and certificate request for their device. */
async function enrolment() {
  const login = await h.login('daibieu1');
  const code = await enrollmentCode(h.server.url, secretaryToken, login.user.id);
  return { login, code: code.code, csr: await requestFor(await makeDeviceKey(), login.user.id) };
}
/** Bytes (the CA's PEM, the CRL's DER) checked here, then handed on as an empty body. */
async function bytesOf(res: Response, check: (bytes: Buffer) => void): Promise<Response> {
  check(Buffer.from(await res.arrayBuffer()));
  return new Response(null, { status: res.status });
}
async function enrolledFingerprint(): Promise<string> {
  const login = await h.login('daibieu2');
  return (await enrollDevice(h.server.url, adminToken, { id: login.user.id, token: login.token })).fingerprint;
}
const NO_SUCH_ID = '0190d0a0-0000-7000-8000-000000000000';
/** Minutes frozen for signing, awaiting the chair (a round made here, not by `minutes:finalize`: its PDF is the paper). */
async function minutesAwaitingChair(): Promise<void> {
  const db = h.server.store.db;
  const open = await db
    .selectFrom('minutes_signings')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'awaiting-chair')
    .executeTakeFirst();
  if (open) return;
  const at = new Date().toISOString();
  const by = (await h.login('thuky')).user.id;
  await db
    .insertInto('minutes_signings')
    .values({
      id: uuidv7(),
      meeting_id: meetingId,
      draft_version: 1,
      state: 'awaiting-chair',
      pdf: paper,
      created_by: by,
      created_at: at,
      updated_at: at,
    })
    .execute();
}
const signingPath = () => `/api/meetings/${meetingId}/minutes/signing`;
/** The chair asks for the revision to sign. */
async function chairStartsSigning(): Promise<{ token: string; signingId: string }> {
  await minutesAwaitingChair();
  const { token } = await h.login('chutoa');
  const res = await post(signingPath(), token, undefined);
  expect(res.status).toBe(200);
  return { token, signingId: ((await res.json()) as { signingId: string }).signingId };
}
/** A document on which the secretary keeps more annotations than one export writes. */
async function crowdedDocument(): Promise<string> {
  const doc = (await mustUpload(h.server.url, secretaryToken, meetingId, paper)).id;
  const authorId = (await h.login('thuky')).user.id;
  const at = new Date().toISOString();
  const geometry = JSON.stringify({ shape: 'box', rect: [10, 10, 100, 40], fontSize: 12 });
  const rows = Array.from({ length: MAX_EXPORTED_ANNOTATIONS + 1 }, (_, i) => ({
    ...{ id: uuidv7(), author_id: authorId, meeting_id: meetingId, document_id: doc, version: 1, page: 1 },
    ...{ kind: 'note' as const, geometry, color: '#ffcc00', opacity: 1, body: 'x', quote: '', folded: 'x' },
    ...{ shared: 0, carried_from: null, created_at: at, updated_at: at, rev: 1_000_000 + i, edits: 1, deleted: 0 },
  }));
  for (let i = 0; i < rows.length; i += 500)
    await h.server.store.db
      .insertInto('annotations')
      .values(rows.slice(i, i + 500))
      .execute();
  return doc;
}

/** A call that succeeds, per route. */
const SUCCESS: Record<RouteKey, () => Promise<Response>> = {
  'GET /api/health': () => call('GET', '/api/health'),
  'POST /api/auth/login': () =>
    call('POST', '/api/auth/login', { body: { username: 'thuky', password: h.account('thuky').password } }),
  'POST /api/auth/logout': async () => call('POST', '/api/auth/logout', { token: (await h.login('daibieu1')).token }),
  'GET /api/auth/me': async () => call('GET', '/api/auth/me', { token: (await h.login('daibieu1')).token }),
  'POST /api/users': () => call('POST', '/api/users', { token: adminToken, body: newAccount() }),
  'POST /api/users/import': () => importCsv(adminToken, oneNewPerson()),
  'POST /api/meetings/{meetingId}/documents': () => upload(secretaryToken, paper),
  'GET /api/meetings/{meetingId}/documents': () => get(`/api/meetings/${meetingId}/documents`, secretaryToken),
  'GET /api/documents/{documentId}/content': async () => {
    const res = await get(`/api/documents/${documentId}/content`, secretaryToken);
    // The route answers bytes, not JSON: checked here, then handed on as an empty body.
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(paper))).toBe(true);
    return new Response(null, { status: res.status });
  },
  'GET /api/meetings/{meetingId}/search': () =>
    get(`/api/meetings/${meetingId}/search?q=${encodeURIComponent('bao cao')}`, secretaryToken),
  'GET /api/meetings/{meetingId}/assistant/ask': () =>
    get(`/api/meetings/${meetingId}/assistant/ask?q=${encodeURIComponent('báo cáo tổng kết')}`, secretaryToken),
  'GET /api/meetings/{meetingId}/assistant/brief': () =>
    get(`/api/meetings/${meetingId}/assistant/brief`, secretaryToken),
  'GET /api/meetings/{meetingId}/assistant/action-items': () =>
    get(`/api/meetings/${meetingId}/assistant/action-items`, secretaryToken),
  'GET /api/meetings/{meetingId}/annotations': () => get(`/api/meetings/${meetingId}/annotations`, secretaryToken),
  'GET /api/meetings/{meetingId}/minutes.pdf': async () => {
    const res = await get(`/api/meetings/${meetingId}/minutes.pdf`, secretaryToken);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return bytesOf(res, (b) => expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-'));
  },
  'GET /api/meetings/{meetingId}/minutes.docx': async () => {
    const res = await get(`/api/meetings/${meetingId}/minutes.docx`, secretaryToken);
    // A .docx is a zip: its local file header.
    return bytesOf(res, (b) => expect(b.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04'));
  },
  'POST /api/meetings/{meetingId}/minutes/signing': async () => {
    await minutesAwaitingChair();
    return post(signingPath(), (await h.login('chutoa')).token, undefined);
  },
  'GET /api/meetings/{meetingId}/minutes/signing/{signingId}.pdf': async () => {
    const { token, signingId } = await chairStartsSigning();
    const res = await get(`${signingPath()}/${signingId}.pdf`, token);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    // The paper with a signature field appended, /Contents still empty.
    return bytesOf(res, (b) =>
      expect(b.toString('latin1')).toMatch(/\/ByteRange \[0 \d+ \d+ \d+\][\s\S]*\/Contents <0+>/),
    );
  },
  'GET /api/documents/{documentId}/annotated': async () => {
    const res = await get(`/api/documents/${documentId}/annotated?language=en`, secretaryToken);
    expect(res.headers.get('x-cabinet-export')).toBe('incremental');
    return bytesOf(res, (b) => expect(b.subarray(0, paper.length).equals(Buffer.from(paper))).toBe(true));
  },
  'GET /api/pki/ca': async () =>
    bytesOf(await get('/api/pki/ca'), (b) => expect(b.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/)),
  'GET /api/pki/ca.mobileconfig': async () =>
    bytesOf(await get('/api/pki/ca.mobileconfig'), (b) => expect(b.toString()).toMatch(/^<\?xml[\s\S]*<plist/)),
  'GET /api/pki/ca.crt': async () => bytesOf(await get('/api/pki/ca.crt'), (b) => expect(b[0]).toBe(0x30)),
  'GET /api/pki/crl': async () => bytesOf(await get('/api/pki/crl'), (b) => expect(b[0]).toBe(0x30)),
  'POST /api/pki/enrollment-codes': async () =>
    post('/api/pki/enrollment-codes', secretaryToken, { userId: (await h.login('daibieu1')).user.id }),
  'POST /api/pki/enroll': async () => {
    const e = await enrolment();
    return post('/api/pki/enroll', e.login.token, { code: e.code, deviceName: 'Máy tính bảng', csr: e.csr });
  },
  'GET /api/pki/certificates': () => get('/api/pki/certificates', adminToken),
  'POST /api/pki/certificates/{fingerprint}/revoke': async () =>
    post(`/api/pki/certificates/${await enrolledFingerprint()}/revoke`, adminToken, { reason: 'Mất máy' }),
  'POST /api/pki/outside-certificates': async () => {
    const login = await h.login('daibieu3');
    return post('/api/pki/outside-certificates', login.token, await outsideIdentityRequest(login.user.id));
  },
  'GET /api/meetings/{meetingId}/approvals/export': () =>
    get(`/api/meetings/${meetingId}/approvals/export`, secretaryToken),
};

/** A device an admin revoked (as `device:revoke` leaves it), named as a client names it. */
async function revokedDevice(): Promise<{ id: string; name: string; platform: 'desktop' }> {
  const admin = (await h.login('admin')).user.id;
  const id = uuidv7();
  const at = new Date().toISOString();
  await h.server.store.db
    .insertInto('devices')
    .values({
      id,
      user_id: admin,
      name: 'Máy đã thu hồi',
      platform: 'desktop',
      first_seen_at: at,
      last_seen_at: at,
      revoked_at: at,
      revoked_by: admin,
    })
    .execute();
  return { id, name: 'Máy đã thu hồi', platform: 'desktop' };
}

/** A call that draws each documented refusal, per route. */
const REFUSALS: Record<RouteKey, Partial<Record<ErrorCode, () => Promise<Response>>>> = {
  'GET /api/health': {},
  'POST /api/auth/login': {
    INVALID_CREDENTIALS: () =>
      call('POST', '/api/auth/login', { body: { username: 'thuky', password: 'sai-mat-khau' } }),
    DEVICE_REVOKED: async () =>
      call('POST', '/api/auth/login', {
        body: { username: 'thuky', password: h.account('thuky').password, device: await revokedDevice() },
      }),
  },
  'POST /api/auth/logout': { UNAUTHENTICATED: () => call('POST', '/api/auth/logout', { token: 'not-a-token' }) },
  'GET /api/auth/me': { UNAUTHENTICATED: () => call('GET', '/api/auth/me') },
  'POST /api/users': {
    UNAUTHENTICATED: () => call('POST', '/api/users', { body: newAccount() }),
    FORBIDDEN: async () => call('POST', '/api/users', { token: (await h.login('thuky')).token, body: newAccount() }),
    CONFLICT: () => call('POST', '/api/users', { token: adminToken, body: { ...newAccount(), username: 'thuky' } }),
  },
  'POST /api/users/import': {
    UNAUTHENTICATED: () => importCsv(undefined, oneNewPerson()),
    // The room display's account: daibieu1 signs in often here, and one name may sign in ten times a minute.
    FORBIDDEN: async () => importCsv((await h.login('phonghop')).token, oneNewPerson()),
    IMPORT_REFUSED: () => importCsv(adminToken, 'username,displayName\nthuky,Nguyễn Thị Thu\n'),
  },
  'POST /api/meetings/{meetingId}/documents': {
    UNAUTHENTICATED: () => upload(undefined, paper),
    NOT_FOUND: () => upload(secretaryToken, paper, NO_SUCH_ID),
    FORBIDDEN: async () => upload((await h.login('daibieu1')).token, paper),
    NOT_A_PDF: () => upload(secretaryToken, new TextEncoder().encode('Không phải PDF')),
    DOCUMENT_TOO_LARGE: () => upload(secretaryToken, new Uint8Array(300 * 1024)),
    UPLOAD_INCOMPLETE: () =>
      fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretaryToken}` },
        body: (() => {
          const f = new FormData();
          f.set('title', 'Không có tệp');
          return f;
        })(),
      }),
  },
  'GET /api/meetings/{meetingId}/documents': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/documents`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/documents`, secretaryToken),
  },
  'GET /api/documents/{documentId}/content': {
    UNAUTHENTICATED: () => get(`/api/documents/${documentId}/content`),
    NOT_FOUND: () => get(`/api/documents/${NO_SUCH_ID}/content`, secretaryToken),
  },
  'GET /api/pki/ca': {},
  'GET /api/pki/ca.mobileconfig': {},
  'GET /api/pki/ca.crt': {},
  'GET /api/pki/crl': {},
  'POST /api/pki/enrollment-codes': {
    UNAUTHENTICATED: () => post('/api/pki/enrollment-codes', undefined, { userId: NO_SUCH_ID }),
    FORBIDDEN: async () => post('/api/pki/enrollment-codes', (await h.login('daibieu1')).token, { userId: NO_SUCH_ID }),
    NOT_FOUND: () => post('/api/pki/enrollment-codes', adminToken, { userId: NO_SUCH_ID }),
  },
  'POST /api/pki/enroll': {
    UNAUTHENTICATED: async () => {
      const e = await enrolment();
      return post('/api/pki/enroll', undefined, { code: e.code, deviceName: 'Máy', csr: e.csr });
    },
    ENROLLMENT_CODE_INVALID: async () => {
      const e = await enrolment();
      return post('/api/pki/enroll', secretaryToken, { code: e.code, deviceName: 'Máy', csr: e.csr });
    },
    CSR_INVALID: async () => {
      const e = await enrolment();
      const csr = Buffer.from(e.csr, 'base64');
      csr.writeUInt8(csr.readUInt8(csr.length - 3) ^ 0xff, csr.length - 3);
      return post('/api/pki/enroll', e.login.token, { code: e.code, deviceName: 'Máy', csr: csr.toString('base64') });
    },
  },
  'GET /api/pki/certificates': { UNAUTHENTICATED: () => get('/api/pki/certificates') },
  'POST /api/pki/certificates/{fingerprint}/revoke': {
    UNAUTHENTICATED: () => post(`/api/pki/certificates/${'a'.repeat(64)}/revoke`, undefined, { reason: 'x' }),
    FORBIDDEN: () => post(`/api/pki/certificates/${'a'.repeat(64)}/revoke`, secretaryToken, { reason: 'x' }),
    NOT_FOUND: () => post(`/api/pki/certificates/${'a'.repeat(64)}/revoke`, adminToken, { reason: 'x' }),
    CONFLICT: async () => {
      const fingerprint = await enrolledFingerprint();
      await post(`/api/pki/certificates/${fingerprint}/revoke`, adminToken, { reason: 'Lần đầu' });
      return post(`/api/pki/certificates/${fingerprint}/revoke`, adminToken, { reason: 'Lần hai' });
    },
  },
  'POST /api/pki/outside-certificates': {
    UNAUTHENTICATED: async () =>
      post('/api/pki/outside-certificates', undefined, await outsideIdentityRequest(NO_SUCH_ID)),
  },
  'GET /api/meetings/{meetingId}/approvals/export': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/approvals/export`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/approvals/export`, secretaryToken),
    FORBIDDEN: async () => get(`/api/meetings/${meetingId}/approvals/export`, (await h.login('daibieu1')).token),
  },
  'GET /api/meetings/{meetingId}/search': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/search?q=x`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/search?q=x`, secretaryToken),
    VALIDATION_FAILED: () => get(`/api/meetings/${meetingId}/search?q=`, secretaryToken),
  },
  'GET /api/meetings/{meetingId}/assistant/ask': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/assistant/ask?q=x`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/assistant/ask?q=x`, secretaryToken),
    VALIDATION_FAILED: () => get(`/api/meetings/${meetingId}/assistant/ask?q=${'x'.repeat(301)}`, secretaryToken),
  },
  'GET /api/meetings/{meetingId}/assistant/brief': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/assistant/brief`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/assistant/brief`, secretaryToken),
  },
  'GET /api/meetings/{meetingId}/assistant/action-items': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/assistant/action-items`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/assistant/action-items`, secretaryToken),
  },
  'GET /api/meetings/{meetingId}/minutes.pdf': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/minutes.pdf`),
    // A delegate reads no minutes before they are distributed: as for a meeting that does not exist.
    NOT_FOUND: async () => get(`/api/meetings/${meetingId}/minutes.pdf`, (await h.login('daibieu3')).token),
  },
  'GET /api/meetings/{meetingId}/minutes.docx': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/minutes.docx`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/minutes.docx`, secretaryToken),
  },
  'POST /api/meetings/{meetingId}/minutes/signing': {
    UNAUTHENTICATED: () => post(signingPath(), undefined, undefined),
    // An admin reads the minutes but signs none.
    FORBIDDEN: async () => {
      await minutesAwaitingChair();
      return post(signingPath(), adminToken, undefined);
    },
    NOT_FOUND: async () => post(signingPath(), (await h.login('daibieu3')).token, undefined),
    // The chair signs first.
    CONFLICT: async () => {
      await minutesAwaitingChair();
      return post(signingPath(), secretaryToken, undefined);
    },
  },
  'GET /api/meetings/{meetingId}/minutes/signing/{signingId}.pdf': {
    UNAUTHENTICATED: () => get(`${signingPath()}/${NO_SUCH_ID}.pdf`),
    // Prepared for the chair: nobody else downloads it.
    NOT_FOUND: async () => get(`${signingPath()}/${(await chairStartsSigning()).signingId}.pdf`, secretaryToken),
  },
  'GET /api/documents/{documentId}/annotated': {
    UNAUTHENTICATED: () => get(`/api/documents/${documentId}/annotated`),
    NOT_FOUND: () => get(`/api/documents/${NO_SUCH_ID}/annotated`, secretaryToken),
    VALIDATION_FAILED: () => get(`/api/documents/${documentId}/annotated?language=fr`, secretaryToken),
    CONFLICT: async () => {
      const crowded = await crowdedDocument();
      return get(`/api/documents/${crowded}/annotated`, secretaryToken);
    },
  },
  'GET /api/meetings/{meetingId}/annotations': {
    UNAUTHENTICATED: () => get(`/api/meetings/${meetingId}/annotations`),
    NOT_FOUND: () => get(`/api/meetings/${NO_SUCH_ID}/annotations`, secretaryToken),
  },
};

/**
 * Refusals the reference lists that this file leaves to another test: throttles
 * (login-throttle.test.ts, document-lifecycle.test.ts, approval-refusals.test.ts,
 * assistant-ask.test.ts), the closed
 * meeting (document-lifecycle.test.ts), restricting the presented paper
 * (document-attacks-access.test.ts), the signature and certificate checks of an outside
 * identity (outside-identities.test.ts).
 */
const ELSEWHERE: ReadonlySet<ErrorCode> = new Set([
  'RATE_LIMITED',
  'MEETING_CLOSED',
  'RESTRICTED_DOCUMENT',
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_NOT_YOURS',
  'SIGNING_TIME_SKEW',
]);

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
      const res = await SUCCESS[keyOf(route)]();
      expect(res.status).toBe(route.status);
      if (route.response) expect(route.response.safeParse(await res.json()).success).toBe(true);
      else expect(await res.text()).toBe('');
    },
  );

  it.each(HTTP_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s refuses with each documented code and its status',
    async (_name, route) => {
      for (const code of ROUTE_ERRORS[keyOf(route)]) {
        if (ELSEWHERE.has(code)) continue;
        const draw = REFUSALS[keyOf(route)][code];
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

  it('refuses a JSON body that is not UTF-8, an upload with no multipart boundary, and a path id that is no id', async () => {
    const users = async () => (await h.server.store.db.selectFrom('users').select('id').execute()).length;
    const before = await users();
    // 0xC0 0xAF is an overlong '/': no UTF-8 decoder may accept it (it used to become U+FFFD).
    const body = Buffer.concat([
      Buffer.from('{"username":"nguoi-la","displayName":"N'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('","password":"mot-mat-khau-dai"}'),
    ]);
    const notUtf8 = await fetch(`${h.server.url}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body,
    });
    await expectRefusal(notUtf8, 'VALIDATION_FAILED');
    expect(await users()).toBe(before);
    const noBoundary = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretaryToken}`, 'content-type': 'multipart/form-data' },
      body: 'title=T',
    });
    await expectRefusal(noBoundary, 'VALIDATION_FAILED');
    await expectRefusal(
      await call('GET', '/api/meetings/%00/approvals/export', { token: secretaryToken }),
      'NOT_FOUND',
    );
  });
});
