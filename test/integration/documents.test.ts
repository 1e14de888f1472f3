import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentChanged, MeetingSummary } from '../../shared/protocol/index.js';
import { getContent, listDocuments, mustUpload, searchMeeting, uploadPdf } from '../support/document-http.js';
import { VIETNAMESE_PAGES, makePdf } from '../support/pdf-fixtures.js';
import { ask, collect, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { joinMeeting, type Member } from '../support/vote-fixtures.js';

let h: Harness;
let secretary: Member & { token: string; meeting: MeetingSummary };
let delegate: Member & { token: string };
let meetingId: string;

async function member(username: string) {
  const m = await joinMeeting(h, username);
  const login = await h.login(username);
  return { ...m, token: login.token };
}

beforeEach(async () => {
  h = await startHarness();
  secretary = await member('thuky');
  delegate = await member('daibieu1');
  meetingId = secretary.meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

describe('documents', () => {
  it('uploads a PDF, serves it byte-identical with ranges, and finds its Vietnamese words', async () => {
    const bytes = await makePdf({ pages: [...VIETNAMESE_PAGES, null] });
    const seen = collect<DocumentChanged>(delegate.socket, 'document:changed');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'Nghị quyết' });
    expect(doc).toMatchObject({ version: 1, pages: 6, textlessPages: [6], size: bytes.length });
    expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await waitFor(() => seen.length === 1);
    const whole = await getContent(h.server.url, delegate.token, doc.id);
    expect(whole.status).toBe(200);
    expect(Buffer.from(whole.bytes).equals(Buffer.from(bytes))).toBe(true);
    const part = await getContent(h.server.url, delegate.token, doc.id, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(part.bytes).equals(Buffer.from(bytes.subarray(100, 200)))).toBe(true);
    const cached = await getContent(h.server.url, delegate.token, doc.id, { 'if-none-match': `"${doc.sha256}"` });
    expect(cached.status).toBe(304);
    for (const [q, page] of [
      ['bieu quyet', 2],
      ['dai hoi', 1],
      ['ĐẠI HỘI', 1],
      ['phan phoi loi nhuan', 3],
    ] as const) {
      const { hits } = await searchMeeting(h.server.url, delegate.token, meetingId, q);
      expect(
        hits.map((x) => x.page),
        q,
      ).toEqual([page]);
    }
    const { hits } = await searchMeeting(h.server.url, delegate.token, meetingId, 'dai hoi');
    expect(hits[0]?.snippet).toContain('Đại hội');
    const viaSocket = await ask<{ hits: unknown[] }>(delegate.socket, 'document:search', {
      meetingId,
      q: 'bieu quyet',
    });
    expect(viaSocket.ok && viaSocket.data.hits.length).toBe(1);
  });

  it('keeps a restricted document from everyone outside its list', async () => {
    const bytes = await makePdf({ pages: ['Tài liệu mật: phương án nhân sự'] });
    const other = await member('daibieu2');
    const seenByOther = collect<DocumentChanged>(other.socket, 'document:changed');
    const seenByAllowed = collect<DocumentChanged>(delegate.socket, 'document:changed');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes, {
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    await waitFor(() => seenByAllowed.length === 1);
    expect((await getContent(h.server.url, other.token, doc.id)).status).toBe(404);
    expect((await listDocuments(h.server.url, other.token, meetingId)).documents).toEqual([]);
    expect((await searchMeeting(h.server.url, other.token, meetingId, 'nhan su')).hits).toEqual([]);
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'nhan su')).hits).toHaveLength(1);
    expect(seenByOther).toEqual([]);
  });

  it('refuses what is not a PDF, leaving no row and no file', async () => {
    const { status, body } = await uploadPdf(
      h.server.url,
      secretary.token,
      meetingId,
      new TextEncoder().encode('not a pdf'),
    );
    expect(status).toBe(422);
    expect(body.error?.code).toBe('NOT_A_PDF');
    expect(await h.server.store.db.selectFrom('documents').selectAll().execute()).toEqual([]);
  });
});
