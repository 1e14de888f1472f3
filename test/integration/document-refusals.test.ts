import type { ClientRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentTraces } from '../support/document-storage.js';
import { handWrittenPost, mustUpload, uploadPdf } from '../support/document-http.js';
import { fakePdfs, makePdf } from '../support/pdf-fixtures.js';
import { startHarness, type Harness } from '../support/server-harness.js';

const LIMIT = 1024 * 1024;
let h: Harness;
let secretaryToken: string;
let meetingId: string;

beforeEach(async () => {
  h = await startHarness({ maxDocumentBytes: LIMIT });
  secretaryToken = (await h.login('thuky')).token;
  const res = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${secretaryToken}` } });
  expect(res.status).toBe(200);
  const row = await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow();
  meetingId = row.id;
});
afterEach(async () => {
  await h.cleanup();
});

/** A multipart body by hand, so a test can cut it or lie about its length. */
function multipartHead(boundary: string, title = 'Tờ trình'): string {
  return (
    `--${boundary}\r\ncontent-disposition: form-data; name="title"\r\n\r\n${title}\r\n` +
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\ncontent-type: application/pdf\r\n\r\n`
  );
}

function rawUpload(
  headers: Record<string, string>,
  send: (req: ClientRequest) => void,
): Promise<{ status: number; body: string } | 'cut'> {
  return handWrittenPost(h.server.url, `/api/meetings/${meetingId}/documents`, secretaryToken, headers, send);
}

describe('document uploads that must leave nothing behind', () => {
  it('refuses a renamed text file, an empty file, a truncated PDF and a bare header, in both languages', async () => {
    const fakes = await fakePdfs();
    for (const [kind, bytes] of Object.entries(fakes)) {
      const { status, body } = await uploadPdf(h.server.url, secretaryToken, meetingId, bytes, {
        fileName: `${kind}.pdf`,
      });
      expect(status, kind).toBe(422);
      expect(body.error?.code, kind).toBe('NOT_A_PDF');
      expect(body.error?.message.vi, kind).toMatch(/không phải là PDF/);
      expect(body.error?.message.en, kind).toMatch(/not a valid PDF/);
    }
    expect(await documentTraces(h)).toEqual({ rows: 0, files: [] });
  });

  it('refuses an upload announced past the limit before reading it, and one that grows past it while streaming', async () => {
    const started = Date.now();
    const announced = await rawUpload(
      { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(10 * 1024 ** 3) },
      (req) => req.flushHeaders(),
    );
    expect(announced).not.toBe('cut');
    if (announced === 'cut') return;
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.body).error.code).toBe('DOCUMENT_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(5000);

    // No length announced (chunked): the server counts and stops at the limit.
    const streamed = await rawUpload({ 'content-type': 'multipart/form-data; boundary=b' }, (req) => {
      req.write(multipartHead('b'));
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * LIMIT) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('\r\n--b--\r\n');
      };
      pump();
    });
    if (streamed !== 'cut') {
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body).error.code).toBe('DOCUMENT_TOO_LARGE');
    }
    await expectNothingLeft();
  });

  it('leaves nothing when the client is cut off in the middle of the file', async () => {
    const bytes = await makePdf({ pages: ['Trang một', 'Trang hai'] });
    const outcome = await rawUpload({ 'content-type': 'multipart/form-data; boundary=b' }, (req) => {
      req.write(multipartHead('b'));
      req.write(Buffer.from(bytes.subarray(0, bytes.length / 2)));
      setTimeout(() => req.destroy(), 200);
    });
    expect(outcome).toBe('cut');
    await expectNothingLeft();
    // The server still works, and a whole upload then succeeds.
    await mustUpload(h.server.url, secretaryToken, meetingId, bytes);
  });

  it('answers who may not upload, and what is malformed, with a clear code', async () => {
    const bytes = await makePdf({ pages: ['Trang một'] });
    const delegateToken = (await h.login('daibieu1')).token;
    expect((await uploadPdf(h.server.url, delegateToken, meetingId, bytes)).status).toBe(403);
    expect((await uploadPdf(h.server.url, 'nope', meetingId, bytes)).status).toBe(401);
    const unknownMeeting = await uploadPdf(h.server.url, secretaryToken, '0190d0a0-0000-7000-8000-000000000000', bytes);
    expect(unknownMeeting.status).toBe(404);
    const badList = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretaryToken}` },
      body: (() => {
        const f = new FormData();
        f.set('title', 'x');
        f.set('visibleTo', '{"users": [');
        f.set('file', new Blob([bytes]), 'a.pdf');
        return f;
      })(),
    });
    expect(badList.status).toBe(400);
    const noFile = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretaryToken}` },
      body: (() => {
        const f = new FormData();
        f.set('title', 'x');
        return f;
      })(),
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { code: string } }).error.code).toBe('UPLOAD_INCOMPLETE');
    const json = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretaryToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    await expectNothingLeft();
  });
});

async function expectNothingLeft(): Promise<void> {
  // The server removes a cut upload's file when it notices the cut.
  const deadline = Date.now() + 5000;
  let traces = await documentTraces(h);
  while ((traces.rows > 0 || traces.files.length > 0) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    traces = await documentTraces(h);
  }
  expect(traces).toEqual({ rows: 0, files: [] });
}
