import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../shared/protocol/index.js';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * Attacks on the people import's form body (`multipart/form-data`, the people screen's
 * transport): each refused form must leave the connection it came on able to carry the next
 * request (or closed), and the server with no stray rejection.
 */
let h: Harness;
let admin: string;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startHarness();
  admin = (await h.login('admin')).token;
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await h?.cleanup();
});

const B = 'XyZbOuNdArY';
const part = (headers: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${B}\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
const filePart = (name: string, filename: string, body: string | Buffer, type = 'text/csv') =>
  part(`Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}`, body);
const fieldPart = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, value);
const form = (...parts: Buffer[]) => Buffer.concat([...parts, Buffer.from(`--${B}--\r\n`)]);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One keep-alive connection on which requests go one after another, answers read by their length. */
class Connection {
  private readonly socket: Socket;
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;
  closed = false;
  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.waiting?.();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    this.socket.on('error', () => undefined);
  }
  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }
  head(path: string, headers: Record<string, string | number>): string {
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
    return [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
  }
  post(path: string, headers: Record<string, string | number>, body: Buffer): void {
    this.write(this.head(path, { 'content-length': body.length, ...headers }));
    this.write(body);
  }
  async answer(timeoutMs = 5000): Promise<Answer | 'closed' | 'timeout'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = this.buffer.subarray(0, end).toString().split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const length = Number(headers['content-length'] ?? 0);
        if (this.buffer.length >= end + 4 + length) {
          const body = this.buffer.subarray(end + 4, end + 4 + length).toString();
          this.buffer = this.buffer.subarray(end + 4 + length);
          return { status: Number(statusLine?.split(' ')[1]), headers, body };
        }
      }
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiting = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.waiting = null;
    }
  }
  end(): void {
    this.socket.destroy();
  }
}

const csv = (name: string) => `username,displayName\n${name},Nguyễn Văn A\n`;
let n = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${(n += 1)}`;

/** After a refused form: the same connection answers a well-formed dry run (or was closed). */
async function connectionStillGood(c: Connection): Promise<void> {
  const body = form(filePart('file', 'a.csv', csv(unique('ok'))));
  // A connection the server closed after its answer is as good: the client opens another.
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (c.closed) return;
  c.post(
    '/api/users/import?dryRun=1',
    { authorization: `Bearer ${admin}`, 'content-type': `multipart/form-data; boundary=${B}` },
    body,
  );
  const next = await c.answer();
  if (next === 'closed') return;
  expect(next, 'the next request on the connection').not.toBe('timeout');
  expect((next as Answer).status, (next as Answer).body).toBe(200);
}

describe('POST /api/users/import: hostile forms', () => {
  const big = 'a'.repeat(300_000);
  type Case = { what: string; body: Buffer; type?: string; as?: 'admin' | 'daibieu1' | null; status: number };
  const cases: Case[] = [
    { what: 'a part named otherwise', body: form(filePart('upload', 'a.csv', csv('x1'))), status: 400 },
    { what: 'a field only', body: form(fieldPart('note', 'x')), status: 400 },
    {
      what: 'a field before the file',
      body: form(fieldPart('note', 'x'), filePart('file', 'a.csv', csv(unique('fb')))),
      status: 200,
    },
    {
      what: 'two file parts',
      body: form(filePart('file', 'a.csv', csv(unique('t1'))), filePart('file', 'b.csv', csv(unique('t2')))),
      status: 200,
    },
    {
      what: 'many fields',
      body: form(...Array.from({ length: 50 }, (_, i) => fieldPart(`f${i}`, 'x')), filePart('file', 'a.csv', csv('m'))),
      status: 400,
    },
    { what: 'no boundary', body: form(filePart('file', 'a.csv', csv('nb'))), type: 'multipart/form-data', status: 400 },
    { what: 'a truncated form', body: filePart('file', 'a.csv', csv('tr')), status: 400 },
    {
      what: 'a non-UTF-8 filename',
      body: form(filePart('file', Buffer.from([0xff, 0xfe, 0x2e, 0x78]).toString('latin1'), csv(unique('nu')))),
      status: 200,
    },
    { what: 'an .xlsx name with CSV content', body: form(filePart('file', 'a.xlsx', csv('xc'))), status: 422 },
    // Past what the socket's buffers hold: the part nobody reads stops the request there.
    {
      what: 'a large part named otherwise',
      body: form(filePart('other', 'a.csv', big), filePart('file', 'a.csv', csv('bo'))),
      status: 400,
    },
    {
      what: 'a large field before the file',
      body: form(fieldPart('note', big), filePart('file', 'a.csv', csv(unique('lf')))),
      status: 200,
    },
    { what: 'a large form from a delegate', body: form(filePart('file', 'a.csv', big)), as: 'daibieu1', status: 403 },
    { what: 'a large form from nobody signed in', body: form(filePart('file', 'a.csv', big)), as: null, status: 401 },
  ];
  for (const c of cases)
    it(`answers ${c.what} (${c.status}) and the connection carries the next request or is closed`, async () => {
      const token = c.as === undefined || c.as === 'admin' ? admin : c.as ? (await h.login(c.as)).token : null;
      const conn = new Connection(h.server.port);
      try {
        conn.post(
          '/api/users/import?dryRun=1',
          {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            'content-type': c.type ?? `multipart/form-data; boundary=${B}`,
          },
          c.body,
        );
        const first = await conn.answer();
        expect(first, c.what).not.toBe('timeout');
        expect(first, c.what).not.toBe('closed');
        expect((first as Answer).status, (first as Answer).body).toBe(c.status);
        await connectionStillGood(conn);
      } finally {
        conn.end();
      }
      expect(rejections).toEqual([]);
    });

  it('refuses a file part past 1 MiB sent slowly, and closes the connection', async () => {
    const conn = new Connection(h.server.port);
    const body = form(filePart('file', 'a.csv', 'a'.repeat(MAX_IMPORT_BYTES + 64 * 1024)));
    conn.write(
      conn.head('/api/users/import', {
        authorization: `Bearer ${admin}`,
        'content-type': `multipart/form-data; boundary=${B}`,
        'content-length': body.length,
      }),
    );
    for (let at = 0; at < body.length && !conn.closed; at += 128 * 1024) {
      conn.write(body.subarray(at, at + 128 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const first = await conn.answer();
    expect(first).not.toBe('timeout');
    if (first !== 'closed' && first !== 'timeout') expect(first.status).toBe(413);
    await waitClosed(conn);
    conn.end();
    expect(rejections).toEqual([]);
  });

  it('answers a Content-Length shorter than the form, and the server goes on', async () => {
    const conn = new Connection(h.server.port);
    const body = form(filePart('file', 'a.csv', 'a'.repeat(MAX_IMPORT_BYTES + 10)));
    conn.write(
      conn.head('/api/users/import', {
        authorization: `Bearer ${admin}`,
        'content-type': `multipart/form-data; boundary=${B}`,
        'content-length': 1000,
      }),
    );
    conn.write(body);
    const first = await conn.answer();
    expect(first).not.toBe('timeout');
    if (first !== 'closed' && first !== 'timeout') expect(first.status).toBe(400);
    conn.end();
    const fresh = new Connection(h.server.port);
    await connectionStillGood(fresh);
    fresh.end();
    expect(rejections).toEqual([]);
  });
});

async function waitClosed(conn: Connection): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!conn.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(conn.closed, 'the connection is closed').toBe(true);
}
