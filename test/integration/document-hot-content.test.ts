import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRoomForFile, type Person } from '../support/document-attack-room.js';
import { getContent, mustUpload } from '../support/document-http.js';
import { makeLongPdf } from '../support/pdf-fixtures.js';
import type { Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * The papers in demand are answered from memory (server/documents/hot-blobs.ts): the answers
 * must be those of the store, byte for byte and header for header, and every request must
 * still be authenticated and allowed on its own.
 */

let h: Harness;
let secretary: Person;
let delegate: Person;
let observer: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ secretary, delegate, observer, meetingId } = room);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each kind of request a reader makes, and what it must be answered, from the bytes themselves. */
function requests(bytes: Uint8Array, etag: string) {
  const n = bytes.length;
  const slice = (a: number, b: number) => bytes.subarray(a, b + 1);
  return [
    { headers: {}, status: 200, body: bytes, range: null },
    { headers: { range: 'bytes=100-199' }, status: 206, body: slice(100, 199), range: `bytes 100-199/${n}` },
    {
      headers: { range: 'bytes=-1024' },
      status: 206,
      body: slice(n - 1024, n - 1),
      range: `bytes ${n - 1024}-${n - 1}/${n}`,
    },
    {
      headers: { range: `bytes=${n - 10}-` },
      status: 206,
      body: slice(n - 10, n - 1),
      range: `bytes ${n - 10}-${n - 1}/${n}`,
    },
    { headers: { range: `bytes=5-${n + 100}` }, status: 206, body: slice(5, n - 1), range: `bytes 5-${n - 1}/${n}` },
    { headers: { range: `bytes=${n}-` }, status: 416, body: new Uint8Array(0), range: `bytes */${n}` },
    { headers: { range: 'bytes=0-9', 'if-range': etag }, status: 206, body: slice(0, 9), range: `bytes 0-9/${n}` },
    { headers: { range: 'bytes=0-9', 'if-range': '"other"' }, status: 200, body: bytes, range: null },
    { headers: { range: 'bytes=0-9,20-29' }, status: 200, body: bytes, range: null },
    { headers: { 'if-none-match': etag }, status: 304, body: new Uint8Array(0), range: null },
  ] as const;
}

async function expectAnswers(person: Person, id: string, bytes: Uint8Array, etag: string, when: string) {
  for (const r of requests(bytes, etag)) {
    const what = `${when}: ${JSON.stringify(r.headers)}`;
    const got = await getContent(h.server.url, person.token, id, r.headers);
    expect(got.status, what).toBe(r.status);
    expect(Buffer.from(got.bytes).equals(Buffer.from(r.body)), what).toBe(true);
    expect(got.headers.get('content-range'), what).toBe(r.range);
    expect(got.headers.get('etag'), what).toBe(etag);
    if (r.status !== 304 && r.status !== 416) {
      expect(got.headers.get('content-length'), what).toBe(String(r.body.length));
      expect(got.headers.get('content-type'), what).toBe('application/pdf');
      expect(got.headers.get('accept-ranges'), what).toBe('bytes');
      expect(got.headers.get('cache-control'), what).toBe('private, no-store');
      expect(got.headers.get('content-encoding'), what).toBeNull();
    }
  }
}

/**
 * With files, moves the blob's file away: what is answered then came from memory. (On
 * PostgreSQL the bytes are rows, and the answers are compared alone.)
 */
function hideFile(sha256: string): () => void {
  if (h.server.store.dialect !== 'sqlite') return () => undefined;
  const path = join(h.dataDir, 'documents', sha256.slice(0, 2), sha256);
  renameSync(path, `${path}.away`);
  return () => renameSync(`${path}.away`, path);
}

describe('papers in demand, answered from memory', () => {
  it('answers every kind of request as the store does, byte for byte and header for header', async () => {
    const bytes = await makeLongPdf(40);
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'Tờ trình dài' });
    const etag = `"${doc.sha256}"`;
    await expectAnswers(delegate, doc.id, bytes, etag, 'from the store');
    // The second request asked for it: held once loaded in the background.
    await sleep(300);
    const restore = hideFile(doc.sha256);
    try {
      await expectAnswers(delegate, doc.id, bytes, etag, 'from memory');
      const head = await fetch(`${h.server.url}/api/documents/${doc.id}/content`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${delegate.token}` },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(bytes.length));
    } finally {
      restore();
    }
  });

  it('decides access on every request: a role change and a sign-out refuse a held paper at once', async () => {
    const bytes = await makeLongPdf(5);
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes, {
      title: 'Chỉ khách mời',
      visibleTo: { users: [], roles: ['observer'] },
    });
    for (let i = 0; i < 3; i++) expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(200);
    await sleep(300);
    const restore = hideFile(doc.sha256);
    try {
      expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(200);
      // Never allowed: not there, as for any other paper.
      expect((await getContent(h.server.url, delegate.token, doc.id)).status).toBe(404);
      await must(secretary.socket, 'participant:set', { meetingId, userId: observer.userId, role: 'delegate' });
      expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(404);
      await must(secretary.socket, 'participant:set', { meetingId, userId: observer.userId, role: 'observer' });
      expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(200);
      const out = await fetch(`${h.server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${observer.token}` },
      });
      expect(out.status).toBe(204);
      expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(401);
    } finally {
      restore();
    }
  });
});
