import { ERROR_CATALOGUE, SOCKET_MAX_MESSAGE_BYTES } from '../../shared/protocol/index.js';
import { brief, rawHttp, type Tally } from './fuzz-lanes.js';
import { bodyTemplates, UPLOAD_FIELDS } from './fuzz-templates.js';
import { mutate, refusedBy, sampleMutations } from './fuzz-payloads.js';
import { seeded } from './seeded.js';

/**
 * One HTTP request of the fuzzer. `open`: a route that takes no input (health, the CA, the
 * CRL), where a 2xx or 3xx answer to a junk query or header is right; every other case is
 * malformed and must be refused with a 4xx in the protocol's shape.
 */
export interface HttpCase {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  open?: boolean;
  /** The one code the refusal must carry, where only one is right. */
  expectCode?: string;
}

export interface Tokens {
  admin: string;
  secretary: string;
  delegate: string;
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  '',
];

export function httpCases(seed: number, count: number, meetingId: string, userId: string, tokens: Tokens): HttpCase[] {
  const random = seeded(seed);
  const mutations = sampleMutations(seed + 1, count);
  const templates = bodyTemplates(userId);
  const someToken = () => random.pick([tokens.admin, tokens.secretary, tokens.delegate]);
  const badAuth = () =>
    random.pick([
      undefined,
      'Bearer',
      'Bearer x',
      `Bearer ${'A'.repeat(4000)}`,
      `bearer ${tokens.admin}`,
      `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      `Bearer ${tokens.admin.slice(0, -2)}`,
      `Bearer ${tokens.admin}x`,
      `Bearer ${tokens.admin},Bearer ${tokens.admin}`,
    ]);
  const auth = (header: string | undefined): Record<string, string> => (header ? { authorization: header } : {});
  const junkId = () =>
    random.pick([
      'x',
      '00000000-0000-0000-0000-000000000000',
      '01939b3e-1c2d-7e4f-8a9b-0c1d2e3f4a5b',
      '%ff',
      '%00',
      '..%2f..%2fetc%2fpasswd',
      'ệ'.repeat(30),
      'a'.repeat(2000),
      '{}',
      "1'%20OR%20'1'='1",
      meetingId.toUpperCase(),
      `${meetingId}%20`,
    ]);
  const makers: Array<(i: number) => HttpCase> = [
    // A JSON body of a route, bent: refused by its schema (checked here before it goes).
    (i) => {
      const t = random.pick(templates);
      let body = mutate(t.body, mutations[i] ?? []);
      let text = JSON.stringify(body);
      if (text !== undefined && !refusedBy(t.schema, JSON.parse(text))) {
        body = { ...(body as object), fuzz: true };
        text = JSON.stringify(body);
      }
      return {
        name: `POST ${t.path} ${brief(body)}`,
        method: 'POST',
        path: t.path,
        headers: { 'content-type': random.pick(JSON_TYPES.slice(0, 3)), ...auth(`Bearer ${someToken()}`) },
        body: text ?? '',
      };
    },
    // Bytes that are no JSON, or JSON no parser should take, under a JSON content type.
    () => {
      const t = random.pick(templates);
      const good = JSON.stringify(t.body);
      const cut = random.int(good.length);
      const depth = 1000 + random.int(30_000);
      const raw = random.pick<string | Uint8Array>([
        good.slice(0, cut),
        `${good}garbage`,
        Buffer.concat([
          Buffer.from(good.slice(0, cut)),
          Buffer.from([0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
          Buffer.from(good.slice(cut)),
        ]),
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
        `{"__proto__":{"isAdmin":true},${good.slice(1)}`,
        `{"constructor":{"prototype":{"isAdmin":true}},${good.slice(1)}`,
        JSON.stringify({ ...t.body, password: 'p'.repeat(SOCKET_MAX_MESSAGE_BYTES + 10) }),
        '',
        'null',
        '[]',
        '"x"',
        '1e999',
        '\u0000',
      ]);
      return {
        name: `POST ${t.path} raw ${brief(typeof raw === 'string' ? raw : Buffer.from(raw).toString('latin1'))}`,
        method: 'POST',
        path: t.path,
        headers: { 'content-type': random.pick(JSON_TYPES), ...auth(`Bearer ${someToken()}`) },
        body: raw,
      };
    },
    // Bytes that are no UTF-8 inside a JSON string: JSON is UTF-8 (RFC 8259), so this is no
    // JSON text, whatever a lenient decoder would make of it (U+FFFD, stored).
    () => {
      const t = random.pick(templates);
      const good = JSON.stringify(t.body);
      const strings = [...good.matchAll(/":"[^"]{2,}/g)].map((m) => (m.index ?? 0) + 4);
      const at = strings.length > 0 ? random.pick(strings) : 2;
      const bad = Buffer.from([random.pick([0xff, 0xfe, 0xc0, 0xc1, 0xf8]), random.pick([0x80, 0xaf, 0x41])]);
      return {
        name: `POST ${t.path} with bytes that are no UTF-8 in a string: ${good.slice(0, at)}<${bad.toString('hex')}>…`,
        method: 'POST',
        path: t.path,
        headers: { 'content-type': 'application/json', ...auth(`Bearer ${tokens.admin}`) },
        body: Buffer.concat([Buffer.from(good.slice(0, at)), bad, Buffer.from(good.slice(at))]),
        expectCode: 'VALIDATION_FAILED',
      };
    },
    // The upload, malformed in its fields, its parts or its file.
    (i) => {
      const form = new FormData();
      const fields = mutate(UPLOAD_FIELDS.fields, mutations[i] ?? []);
      const bytes = new Uint8Array(Array.from({ length: random.int(3000) }, () => random.int(256)));
      const file = new Blob([bytes], { type: random.pick(['application/pdf', 'text/plain', '']) });
      const variant = random.int(4);
      if (variant === 0) form.set('file', file, 'to-trinh.pdf');
      if (fields && typeof fields === 'object' && variant !== 3) {
        for (const [k, v] of Object.entries(fields)) form.set(k, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
      }
      // Fields that pass (or none at all) with a file that is no PDF, or no file part.
      if (variant !== 0 && variant !== 2) form.set('file', file, 'to-trinh.pdf');
      return {
        name: `upload ${variant} ${brief(fields)} (${bytes.length} bytes of noise)`,
        method: 'POST',
        path: `/api/meetings/${random.chance(0.8) ? meetingId : junkId()}/documents`,
        headers: auth(`Bearer ${random.pick([tokens.secretary, tokens.admin, tokens.delegate])}`),
        body: form,
      };
    },
    () => {
      const bytes = Buffer.from(Array.from({ length: random.int(4000) }, () => random.int(256)));
      const type = random.pick([
        'multipart/form-data; boundary=----x',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/mixed; boundary=x',
        'application/pdf',
        'application/json',
      ]);
      return {
        name: `upload as ${type}`,
        method: 'POST',
        path: `/api/meetings/${meetingId}/documents`,
        headers: { 'content-type': type, ...auth(`Bearer ${tokens.secretary}`) },
        body: random.chance(0.5)
          ? bytes
          : Buffer.concat([Buffer.from('------x\r\nContent-Disposition: form-data; name="title"\r\n\r\n'), bytes]),
      };
    },
    // The reading routes with ids that are no ids, or name nothing, and searches that ask nothing.
    () => {
      const path = random.pick([
        () => `/api/meetings/${junkId()}/documents`,
        () =>
          `/api/documents/${junkId()}/content${random.pick(['', '?version=0', '?version=-1', '?version=x', '?version=1e9'])}`,
        () => `/api/meetings/${junkId()}/search?q=ngan%20sach`,
        () =>
          `/api/meetings/${meetingId}/search${random.pick(['', '?q=', '?q=%20%20', `?q=${'a'.repeat(300)}`, '?x=1'])}`,
        () => `/api/meetings/${junkId()}/approvals/export`,
      ])();
      return { name: `GET ${path.slice(0, 120)}`, method: 'GET', path, headers: auth(`Bearer ${someToken()}`) };
    },
    // Routes that need a session, without a valid one.
    () => {
      const [method, path, body] = random.pick<[string, string, string | undefined]>([
        ['GET', '/api/auth/me', undefined],
        ['GET', '/api/pki/certificates', undefined],
        ['POST', '/api/auth/logout', undefined],
        [
          'POST',
          '/api/users',
          JSON.stringify({ username: 'ke-gian', displayName: 'Kẻ gian', password: 'mat-khau-dai-lam' }),
        ],
        ['POST', '/api/pki/enrollment-codes', JSON.stringify({ userId })],
        ['GET', `/api/meetings/${meetingId}/documents`, undefined],
        ['GET', `/api/meetings/${meetingId}/approvals/export`, undefined],
      ]);
      const header = badAuth();
      return {
        name: `${method} ${path} with authorization ${brief(header?.slice(0, 40))}`,
        method,
        path,
        headers: { ...auth(header), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body } : {}),
      };
    },
    // The routes that take no input: any junk in the query or headers is ignored.
    () => {
      const path = random.pick(['/api/health', '/api/pki/ca', '/api/pki/crl']);
      const query = random.pick(['', '?', '?a=%ff', '?__proto__[x]=1', `?q=${'x'.repeat(3000)}`, '?a&a&a=1&a[]=2']);
      return {
        name: `GET ${path}${query.slice(0, 40)}`,
        method: 'GET',
        path: `${path}${query}`,
        headers: random.pick<Record<string, string>>([
          {},
          { range: 'bytes=9-1' },
          { 'if-none-match': '"x"' },
          { 'accept-encoding': 'x;q=2' },
        ]),
        open: true,
      };
    },
    // Methods a real route does not take, and paths that are no route (Engine.IO answers its
    // own with its own 400).
    () => {
      const real = random.chance(0.4);
      const method = real ? random.pick(['PUT', 'DELETE', 'PATCH']) : random.pick(['GET', 'POST', 'PUT', 'DELETE']);
      const path = real
        ? random.pick(['/api/health', '/api/users', '/api/auth/login', `/api/meetings/${meetingId}/documents`])
        : random.pick([
            `/api/meetings/${meetingId}`,
            `/api/${junkId()}`,
            '/api/%ff',
            '/api/..%2f..%2fpackage.json',
            '/api//users',
            '/socket.io/?EIO=9&transport=polling',
            '/socket.io/?EIO=4&transport=carrier-pigeon',
            '/socket.io/?EIO=4&transport=polling&sid=nope',
          ]);
      const post = method !== 'GET' && random.chance(0.5);
      return {
        name: `${method} ${path}`,
        method,
        path,
        headers: { ...auth(`Bearer ${someToken()}`), ...(post ? { 'content-type': 'application/json' } : {}) },
        ...(post ? { body: '{"x":1}' } : {}),
      };
    },
  ];
  return Array.from({ length: count }, (_, i) => (makers[random.int(makers.length)] as (i: number) => HttpCase)(i));
}

/** Sends the cases, `concurrency` at a time, and checks every answer. */
export async function httpLane(url: string, cases: readonly HttpCase[], tally: Tally, concurrency = 12): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as HttpCase;
      tally.sent += 1;
      let res: Response;
      try {
        res = await fetch(`${url}${c.path}`, {
          method: c.method,
          headers: c.headers,
          ...(c.body === undefined ? {} : { body: c.body }),
        });
      } catch (error) {
        tally.wrong(`${c.name}: no answer (${(error as Error).message})`);
        continue;
      }
      const text = await res.text();
      if (res.status >= 500) {
        tally.wrong(`${c.name}: ${res.status} ${text.slice(0, 200)}`);
        continue;
      }
      if (c.open && res.status < 400) {
        tally.count('http: open route answered');
        continue;
      }
      if (res.status < 400) {
        tally.wrong(`${c.name}: ${res.status}, a malformed request accepted`);
        continue;
      }
      if (c.path.startsWith('/socket.io')) {
        tally.count(`http: Engine.IO ${res.status}`);
        continue;
      }
      let code: string | undefined;
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: { vi?: string; en?: string } } };
        code = body.error?.code;
        if (!code || !Object.hasOwn(ERROR_CATALOGUE, code) || !body.error?.message?.vi || !body.error.message.en)
          code = undefined;
      } catch {
        code = undefined;
      }
      if (!code) tally.wrong(`${c.name}: ${res.status} without a protocol error: ${text.slice(0, 200)}`);
      else if (ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].http !== res.status)
        tally.wrong(`${c.name}: ${code} with status ${res.status}`);
      else if (c.expectCode && code !== c.expectCode)
        tally.wrong(`${c.name}: ${res.status} ${code}, not ${c.expectCode}`);
      else tally.count(`http: ${code}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Requests broken below HTTP's grammar, written straight onto TCP. */
export function rawHttpRequests(seed: number, count: number): Buffer[] {
  const random = seeded(seed);
  const login = '/api/auth/login';
  const body = '{"username":"daibieu1","password":"x"}';
  const makers: Array<() => Buffer> = [
    () => Buffer.from(`GET /api/health HTTP/9.9\r\n\r\n`),
    () => Buffer.from(`G\u0000T /api/health HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'),
    () => Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n`, 'latin1'),
    () => Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    () =>
      Buffer.from(
        `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${body}\r\n0\r\n\r\n`,
      ),
    () =>
      Buffer.from(
        `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${body}`,
      ),
    () =>
      Buffer.from(
        `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n${body}`,
      ),
    () =>
      Buffer.from(
        `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\nContent-Length: 40\r\n\r\n${body}`,
      ),
    () =>
      Buffer.from(
        `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\n\r\n${body}`,
      ),
    () =>
      Buffer.concat([
        Buffer.from(
          `POST ${login} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 44\r\n\r\n`,
        ),
        Buffer.from('{"username":"daibieu1","password":"'),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
        Buffer.from('"}'),
      ]),
    () => Buffer.from(Array.from({ length: 1 + random.int(2000) }, () => random.int(256))),
    () => Buffer.from(`GET /${'%'.repeat(1 + random.int(50))} HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`GET /api/health HTTP/1.1\r\nHost: x\r\nHost: y\r\nContent-Length: abc\r\n\r\n`),
  ];
  return Array.from({ length: count }, (_, i) => (makers[i % makers.length] as () => Buffer)());
}

export async function rawHttpLane(port: number, requests: readonly Buffer[], tally: Tally): Promise<void> {
  for (const request of requests) {
    tally.sent += 1;
    const status = await rawHttp(port, request);
    const code = Number(/^HTTP\/1\.[01] (\d{3})/.exec(status)?.[1] ?? 0);
    if (status === 'closed' || (code >= 400 && code < 500)) tally.count('raw http: refused');
    else tally.wrong(`raw HTTP ${brief(request.toString('latin1').slice(0, 100))}: ${status}`);
  }
}
