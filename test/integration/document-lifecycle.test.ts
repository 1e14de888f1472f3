import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentChanged, DocumentList, MeetingSummary } from '../../shared/protocol/index.js';
import { getContent, listDocuments, mustUpload, searchMeeting, uploadPdf } from '../support/document-http.js';
import { makeLongPdf, makePdf } from '../support/pdf-fixtures.js';
import { ask, collect, collectChanges, startHarness, waitFor, type Harness } from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

let h: Harness;
type Person = Member & { token: string; meeting: MeetingSummary };
let secretary: Person;
let chair: Person;
let delegate: Person;
let other: Person;
let meetingId: string;

async function person(username: string): Promise<Person> {
  const m = await joinMeeting(h, username);
  return { ...m, token: (await h.login(username)).token };
}

beforeEach(async () => {
  h = await startHarness();
  secretary = await person('thuky');
  chair = await person('chutoa');
  delegate = await person('daibieu1');
  other = await person('daibieu2');
  meetingId = secretary.meeting.id;
});
afterEach(async () => {
  await h.cleanup();
});

const list = async (p: Person) => {
  const answer = await ask<DocumentList>(p.socket, 'document:list', { meetingId });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
};

describe('document versions', () => {
  it('keeps the history: a new version is current, the old one still readable, who and when shown', async () => {
    const v1 = await makePdf({ pages: ['Dự thảo lần một'] });
    const v2 = await makePdf({ pages: ['Dự thảo lần hai', 'Phụ lục'] });
    // Collected from the start: with several nodes a notice travels through the database, and may come late.
    const seen = collect<DocumentChanged>(delegate.socket, 'document:changed');
    const first = await mustUpload(h.server.url, secretary.token, meetingId, v1, { title: 'Dự thảo' });
    await waitFor(() => seen.length === 1);
    const second = await mustUpload(h.server.url, secretary.token, meetingId, v2, {
      title: 'Dự thảo (sửa)',
      replaces: first.id,
    });
    expect(second).toMatchObject({ id: first.id, version: 2, pages: 2, title: 'Dự thảo (sửa)' });
    expect(second.versionBy.id).toBe(secretary.userId);
    await waitFor(() => seen.length === 2);
    expect(seen[1]?.upserted[0]).toMatchObject({ id: first.id, version: 2 });
    const versions = await ask<{ versions: Array<{ version: number }> }>(delegate.socket, 'document:versions', {
      meetingId,
      documentId: first.id,
    });
    expect(versions.ok && versions.data.versions.map((v) => v.version)).toEqual([2, 1]);
    const old = await getContent(h.server.url, delegate.token, first.id, {}, '?version=1');
    expect(Buffer.from(old.bytes).equals(Buffer.from(v1))).toBe(true);
    const current = await getContent(h.server.url, delegate.token, first.id);
    expect(Buffer.from(current.bytes).equals(Buffer.from(v2))).toBe(true);
    // Search looks at the current version only.
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'lan mot')).hits).toEqual([]);
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'lan hai')).hits).toHaveLength(1);
  });

  it('finds a word on the last page of a 300-page document and serves its first bytes by range', async () => {
    const bytes = await makeLongPdf(300);
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'Báo cáo 300 trang' });
    expect(doc.pages).toBe(300);
    const { hits } = await searchMeeting(h.server.url, delegate.token, meetingId, 'dieu khoan thi hanh');
    expect(hits).toEqual([expect.objectContaining({ documentId: doc.id, page: 300 })]);
    const tail = await getContent(h.server.url, delegate.token, doc.id, { range: 'bytes=-1024' });
    expect(tail.status).toBe(206);
    expect(Buffer.from(tail.bytes).equals(Buffer.from(bytes.subarray(bytes.length - 1024)))).toBe(true);
    const resumed = await getContent(h.server.url, delegate.token, doc.id, { range: `bytes=${bytes.length - 10}-` });
    expect(resumed.bytes).toHaveLength(10);
    const beyond = await getContent(h.server.url, delegate.token, doc.id, { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
  }, 60_000);
});

describe('document access', () => {
  it('a changed list takes effect at once: who loses access is told to delete, who gains it receives it', async () => {
    const toDelegate = collect<DocumentChanged>(delegate.socket, 'document:changed');
    const toOther = collect<DocumentChanged>(other.socket, 'document:changed');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Phương án'] }));
    await waitFor(() => toDelegate.length === 1 && toOther.length === 1);
    await must(secretary.socket, 'document:update', {
      meetingId,
      documentId: doc.id,
      visibleTo: { users: [other.userId], roles: [] },
    });
    await waitFor(() => toDelegate.length === 2 && toOther.length === 2);
    expect(toDelegate[1]).toEqual({ meetingId, upserted: [], removed: [{ id: doc.id, reason: 'access' }] });
    expect(toOther[1]?.upserted[0]).toMatchObject({ id: doc.id, visibleTo: { users: [other.userId] } });
    expect((await getContent(h.server.url, delegate.token, doc.id)).status).toBe(404);
    expect((await list(delegate)).documents).toEqual([]);
    expect((await list(other)).documents).toHaveLength(1);
    // Secretaries keep every paper they manage; a role opens it to its holders.
    expect((await list(secretary)).documents).toHaveLength(1);
    await must(secretary.socket, 'document:update', {
      meetingId,
      documentId: doc.id,
      visibleTo: { users: [], roles: ['chair'] },
    });
    expect((await list(chair)).documents).toHaveLength(1);
    expect((await list(other)).documents).toEqual([]);
  });

  it('a restricted document is never in the meeting room: not in its changes, nor in a snapshot', async () => {
    const roomChanges = collectChanges(other.socket);
    const docEvents = collect<DocumentChanged>(other.socket, 'document:changed');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Hồ sơ cán bộ'] }), {
      title: 'Hồ sơ nhân sự mật',
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    await must(secretary.socket, 'document:update', { meetingId, documentId: doc.id, title: 'Hồ sơ nhân sự mật (2)' });
    const sync = await ask(other.socket, 'session:sync', { cursors: {} });
    await new Promise((r) => setTimeout(r, 200));
    const wire = JSON.stringify([roomChanges, docEvents, sync]);
    expect(wire).not.toContain(doc.id);
    expect(wire).not.toContain('nhân sự mật');
  });

  it('presents only papers everyone may see, and moves followers to the page', async () => {
    const open = await mustUpload(h.server.url, secretary.token, meetingId, await makeLongPdf(6));
    const secret = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Mật'] }), {
      visibleTo: { users: [], roles: ['chair'] },
    });
    const seen = collectChanges(delegate.socket);
    await must(chair.socket, 'presenter:show', { meetingId, documentId: open.id, page: 5 });
    await waitFor(() => seen.some((c) => c.type === 'presentation:changed'));
    expect(seen.at(-1)).toMatchObject({
      type: 'presentation:changed',
      data: { presentation: { documentId: open.id, page: 5 } },
    });
    const refused = await ask(chair.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId,
      documentId: secret.id,
      page: 1,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RESTRICTED_DOCUMENT' } });
    const noPage = await ask(chair.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId,
      documentId: open.id,
      page: 7,
    });
    expect(noPage).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const byDelegate = await ask(delegate.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId,
      documentId: open.id,
      page: 1,
    });
    expect(byDelegate).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Restricting what the room is shown is refused; removing it ends the presentation.
    const restrict = await ask(secretary.socket, 'document:update', {
      commandId: uuidv7(),
      meetingId,
      documentId: open.id,
      visibleTo: { users: [], roles: ['chair'] },
    });
    expect(restrict).toMatchObject({ ok: false, error: { code: 'RESTRICTED_DOCUMENT' } });
    await must(secretary.socket, 'document:remove', { meetingId, documentId: open.id });
    await waitFor(() => seen.some((c) => c.type === 'presentation:changed' && c.data.presentation === null));
  });
});

describe('after the meeting', () => {
  it('recalls the papers after the close: gone for delegates, kept for the secretary', async () => {
    const bytes = await makePdf({ pages: ['Biên bản kỳ họp'] });
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes);
    const early = await ask(secretary.socket, 'documents:recall', { commandId: uuidv7(), meetingId });
    expect(early).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_CLOSED' } });
    const seen = collectChanges(delegate.socket);
    await must(chair.socket, 'meeting:close', { meetingId });
    expect((await uploadPdf(h.server.url, secretary.token, meetingId, bytes)).body.error?.code).toBe('MEETING_CLOSED');
    await must(secretary.socket, 'documents:recall', { meetingId });
    await waitFor(() => seen.some((c) => c.type === 'meeting:documents-recalled'));
    expect(await list(delegate)).toEqual({ meetingId, documents: [], recalled: true });
    expect((await listDocuments(h.server.url, delegate.token, meetingId)).documents).toEqual([]);
    expect((await getContent(h.server.url, delegate.token, doc.id)).status).toBe(404);
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'bien ban')).hits).toEqual([]);
    expect((await list(secretary)).documents).toHaveLength(1);
    expect((await getContent(h.server.url, secretary.token, doc.id)).status).toBe(200);
    const again = await ask(secretary.socket, 'documents:recall', { commandId: uuidv7(), meetingId });
    expect(again).toMatchObject({ ok: false, error: { code: 'DOCUMENTS_RECALLED' } });
  });

  it('closes only when no vote is left unsettled', async () => {
    const voteId = uuidv7();
    await must(chair.socket, 'vote:create', { meetingId, ...yesNoVote({ voteId, question: 'Thông qua?' }) });
    await must(chair.socket, 'vote:open', { meetingId, voteId });
    const refused = await ask(chair.socket, 'meeting:close', { commandId: uuidv7(), meetingId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VOTE_IN_PROGRESS' } });
    await must(chair.socket, 'vote:cancel', { meetingId, voteId, reason: 'Hoãn' });
    await must(chair.socket, 'meeting:close', { meetingId });
    const checkIn = await ask(delegate.socket, 'attendance:check-in', {
      commandId: uuidv7(),
      meetingId,
      userId: delegate.userId,
    });
    expect(checkIn.ok).toBe(false);
  });

  it('lets one user run two uploads at once, not three', async () => {
    const bytes = await makeLongPdf(40, 20);
    const answers = await Promise.all([1, 2, 3].map(() => uploadPdf(h.server.url, secretary.token, meetingId, bytes)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429]);
  }, 60_000);
});
