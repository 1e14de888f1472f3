import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/protocol/index.js';
import { startServer, type RunningServer } from '../app.js';

let dataDir: string;
let server: RunningServer;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-client-errors-'));
  server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', seedDemo: false });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** fetch refuses to send a NUL byte or a broken request line: the bytes go over a plain socket. */
function sendRaw(bytes: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(all.toString('latin1'))}`));
      const [statusLine = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(split + 4) });
    });
    socket.end(bytes);
  });
}

function expectDocumentedError(answer: RawAnswer, status: number, code: ErrorCode, what: string): void {
  expect(answer.status, what).toBe(status);
  expect(answer.headers['content-type'], what).toMatch(/^application\/json; charset=utf-8$/);
  // Counted in bytes: the Vietnamese message is longer in UTF-8 than in characters.
  expect(Number(answer.headers['content-length']), what).toBe(answer.body.length);
  expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
  expect(answer.headers['content-security-policy'], what).toContain("default-src 'self'");
  const body = JSON.parse(answer.body.toString('utf8')) as unknown;
  const entry = ERROR_CATALOGUE[code];
  expect(body, what).toEqual({ error: { code, message: { vi: entry.vi, en: entry.en } } });
}

async function expectStillServing(): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
}

describe('malformed HTTP requests get the documented error shape', () => {
  it.each([
    ['a NUL byte in Authorization', 'GET /api/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ab\0cd\r\n\r\n'],
    ['a DEL byte in Authorization', 'GET /api/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ab\x7fcd\r\n\r\n'],
    ['a bare CR in a header value', 'GET /api/health HTTP/1.1\r\nHost: x\r\nX-Note: a\rb\r\n\r\n'],
    ['a space in a header name', 'GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a body length that is not a number', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
  ])('answers %s with 400 VALIDATION_FAILED, and keeps serving', async (what, bytes) => {
    expectDocumentedError(await sendRaw(bytes), 400, 'VALIDATION_FAILED', what);
    await expectStillServing();
  });

  it('answers oversized headers with 431 PAYLOAD_TOO_LARGE', async () => {
    const bytes = `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`;
    expectDocumentedError(await sendRaw(bytes), 431, 'PAYLOAD_TOO_LARGE', 'oversized headers');
    await expectStillServing();
  });

  it('keeps the answers of Fastify itself in the documented shape', async () => {
    const post = (contentType: string, body: string) =>
      fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const answers: [string, Response][] = [
      ['bad JSON', await post('application/json', '{"username":')],
      ['wrong content type', await post('application/x-unknown', 'username=a')],
      ['a bad percent escape in the path', await fetch(`${server.url}/api/auth/%zz`)],
      ['a bad percent escape in a client route', await fetch(`${server.url}/meetings/%E0%A4%A`)],
    ];
    for (const [what, res] of answers) {
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      const body = (await res.json()) as { error?: { code?: string; message?: { vi?: string; en?: string } } };
      expect(body.error?.code, what).toMatch(/^(VALIDATION_FAILED|NOT_FOUND)$/);
      expect(typeof body.error?.message?.vi, what).toBe('string');
      expect(typeof body.error?.message?.en, what).toBe('string');
    }
    await expectStillServing();
  });
});
