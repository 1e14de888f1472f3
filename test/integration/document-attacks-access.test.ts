import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { DocumentChanged } from '../../shared/protocol/index.js';
import {
  agendaItemOf as itemOf,
  demoRoomForFile,
  documentListOf,
  secondMeeting as anotherMeeting,
  type Person,
} from '../support/document-attack-room.js';
import { documentTraces } from '../support/document-storage.js';
import { getContent, listDocuments, mustUpload, searchMeeting, uploadPdf } from '../support/document-http.js';
import { makeLongPdf, makePdf } from '../support/pdf-fixtures.js';
import { ask, collect, collectChanges, waitFor, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Attacks on who may see a document (issue 8): every door a restricted paper could leak
 * through (routes, socket requests, the room's wire, status codes), role changes and removals,
 * ids from another meeting, deduplicated blobs. A test names what must hold.
 */

let h: Harness;
let secretary: Person;
let chair: Person;
let delegate: Person;
let other: Person;
let third: Person;
let observer: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ secretary, chair, delegate, other, third, observer, meetingId } = room);
});

const tiny = (words: string) => makePdf({ pages: [words] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secondMeeting = () => anotherMeeting(h, other.userId, chair.userId);
const agendaItemOf = (id: string) => itemOf(h, id);
const list = (p: Person, id = meetingId) => documentListOf(p, id);

describe('restricted papers do not leak', () => {
  it('a new version that restricts the presented paper does not leave it on the room wire', async () => {
    const open = await mustUpload(h.server.url, secretary.token, meetingId, await makeLongPdf(3), {
      title: 'Tờ trình chung',
    });
    await must(chair.socket, 'presenter:show', { meetingId, documentId: open.id, page: 2 });
    // document:update refuses to restrict what the room is shown (RESTRICTED_DOCUMENT);
    // an upload of a new version with visibleTo is the same change by another door.
    const answer = await uploadPdf(h.server.url, secretary.token, meetingId, await tiny('Bản mật'), {
      title: 'Tờ trình mật',
      replaces: open.id,
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    const sync = await ask(other.socket, 'session:sync', { cursors: {} });
    const refused = answer.status !== 201;
    const leaked = JSON.stringify(sync).includes(open.id);
    expect(refused || !leaked, 'the presentation still names a paper the room may not see').toBe(true);
  });

  it('presenter:show answers a paper the presenter may not see exactly as one that does not exist', async () => {
    const secret = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Hồ sơ mật'), {
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    const forSecret = await ask(chair.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId,
      documentId: secret.id,
      page: 1,
    });
    const forNothing = await ask(chair.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId,
      documentId: uuidv7(),
      page: 1,
    });
    expect(forNothing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The chair is not on the list: the answer must not tell the paper exists.
    expect(forSecret).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('a delegate removed from the meeting can no longer list, read, search or ask versions of its papers', async () => {
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Biên bản thẩm tra'));
    expect((await getContent(h.server.url, third.token, doc.id)).status).toBe(200);
    const refresh = collect(third.socket, 'session:refresh');
    await must(secretary.socket, 'participant:remove', { meetingId, userId: third.userId });
    await waitFor(() => refresh.length > 0, 3000, 'session:refresh');
    expect((await getContent(h.server.url, third.token, doc.id)).status).toBe(404);
    expect((await listDocuments(h.server.url, third.token, meetingId)).status).toBe(404);
    expect((await searchMeeting(h.server.url, third.token, meetingId, 'tham tra')).status).toBe(404);
    expect(await list(third)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ask(third.socket, 'document:versions', { meetingId, documentId: doc.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // Nothing of the meeting reaches the removed delegate's sockets any more.
    const after = collect<DocumentChanged>(third.socket, 'document:changed');
    await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Sau khi rời'));
    await sleep(200);
    expect(after).toEqual([]);
  });

  it('observers, non-participants and the list-less see nothing of a restricted paper on any door', async () => {
    const secret = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Kỷ luật cán bộ'), {
      title: 'Kỷ luật',
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    for (const p of [observer, other, chair]) {
      const content = await getContent(h.server.url, p.token, secret.id);
      expect(content.status, p.username).toBe(404);
      const head = await fetch(`${h.server.url}/api/documents/${secret.id}/content`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${p.token}` },
      });
      expect(head.status, p.username).toBe(404);
      expect(head.headers.get('etag'), p.username).toBeNull();
      // Knowing the ETag (the SHA-256) must not turn 404 into 304.
      const cond = await getContent(h.server.url, p.token, secret.id, { 'if-none-match': `"${secret.sha256}"` });
      expect(cond.status, p.username).toBe(404);
      const old = await getContent(h.server.url, p.token, secret.id, {}, '?version=1');
      expect(old.status, p.username).toBe(404);
      expect((await searchMeeting(h.server.url, p.token, meetingId, 'ky luat')).hits, p.username).toEqual([]);
      expect(
        (await listDocuments(h.server.url, p.token, meetingId)).documents.map((d) => d.id),
        p.username,
      ).not.toContain(secret.id);
      const versions = await ask(p.socket, 'document:versions', { meetingId, documentId: secret.id });
      expect(versions, p.username).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // The secretary's other commands on it do not leak either (they are its keepers anyway);
    // a delegate asking to change it is refused before the document is looked up.
    const forSecret = await ask(other.socket, 'document:update', {
      commandId: uuidv7(),
      meetingId,
      documentId: secret.id,
      title: 'x',
    });
    const forNothing = await ask(other.socket, 'document:update', {
      commandId: uuidv7(),
      meetingId,
      documentId: uuidv7(),
      title: 'x',
    });
    expect((forSecret as { error?: { code: string } }).error?.code).toBe(
      (forNothing as { error?: { code: string } }).error?.code,
    );
  });

  it('a restricted paper never rides the meeting room, through agenda removal, retitle, new version or removal', async () => {
    const itemId = await agendaItemOf(meetingId);
    const roomChanges = collectChanges(other.socket);
    const docEvents = collect<DocumentChanged>(other.socket, 'document:changed');
    const secret = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Nhân sự'), {
      title: 'Danh sách mật',
      agendaItemId: itemId,
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Nhân sự hai'), {
      title: 'Danh sách mật 2',
      replaces: secret.id,
    });
    await must(secretary.socket, 'document:update', { meetingId, documentId: secret.id, title: 'Danh sách mật 3' });
    const item = await h.server.store.db
      .selectFrom('agenda_items')
      .select('version')
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    await must(secretary.socket, 'agenda:remove-item', { meetingId, itemId, baseVersion: item.version });
    const catchUp = await ask(other.socket, 'meeting:catch-up', { meetingId, after: 0 });
    const sync = await ask(other.socket, 'session:sync', { cursors: {} });
    await must(secretary.socket, 'document:remove', { meetingId, documentId: secret.id });
    await sleep(300);
    const wire = JSON.stringify([roomChanges, docEvents, sync, catchUp]);
    expect(wire).not.toContain(secret.id);
    expect(wire).not.toContain('Danh sách mật');
  });
  it('a role change that takes a paper away answers 404 at once, and the device is told', async () => {
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Chỉ đại biểu'), {
      visibleTo: { users: [], roles: ['observer'] },
    });
    expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(200);
    const refresh = collect(observer.socket, 'session:refresh');
    const gone = collect<DocumentChanged>(observer.socket, 'document:changed');
    await must(secretary.socket, 'participant:set', { meetingId, userId: observer.userId, role: 'delegate' });
    expect((await getContent(h.server.url, observer.token, doc.id)).status).toBe(404);
    const listed = await list(observer);
    expect(listed.ok && listed.data.documents.map((d) => d.id)).not.toContain(doc.id);
    await waitFor(() => refresh.length > 0 || gone.length > 0, 3000, 'a notice to the device');
  });
});

describe('ids from another meeting', () => {
  it("a secretary of one meeting cannot touch another meeting's paper or item by its id", async () => {
    const itemOfFirst = await agendaItemOf(meetingId);
    const secret = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Mật của họp một'), {
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    const second = await secondMeeting();
    const before = await documentTraces(h);
    const bytes = await tiny('Bản mới giả mạo');
    const viaReplaces = await uploadPdf(h.server.url, other.token, second, bytes, { replaces: secret.id });
    expect(viaReplaces.status).toBe(404);
    const viaItem = await uploadPdf(h.server.url, other.token, second, bytes, { agendaItemId: itemOfFirst });
    expect(viaItem.status).toBe(404);
    // Into the first meeting (where `other` is a delegate): refused, never a new version.
    const intoFirst = await uploadPdf(h.server.url, other.token, meetingId, bytes, { replaces: secret.id });
    expect(intoFirst.status).toBe(403);
    expect(await documentTraces(h)).toEqual(before);
    const own = await mustUpload(h.server.url, other.token, second, await tiny('Tài liệu họp hai'));
    for (const [event, payload] of [
      ['document:update', { meetingId: second, documentId: secret.id, title: 'chiếm' }],
      ['document:update', { meetingId: second, documentId: secret.id, visibleTo: null }],
      ['document:update', { meetingId: second, documentId: own.id, agendaItemId: itemOfFirst }],
      ['document:remove', { meetingId: second, documentId: secret.id }],
      ['document:versions', { meetingId: second, documentId: secret.id }],
    ] as const) {
      const answer = await ask(
        other.socket,
        event,
        event === 'document:versions' ? payload : { commandId: uuidv7(), ...payload },
      );
      expect(answer, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // The first meeting's paper is untouched: title, list, version.
    const kept = (await listDocuments(h.server.url, delegate.token, meetingId)).documents;
    expect(kept).toContainEqual(expect.objectContaining({ id: secret.id, version: 1, title: secret.title }));
    const content = await getContent(h.server.url, delegate.token, secret.id);
    expect(content.status).toBe(200);
  });

  it("a presenter of one meeting cannot show another meeting's paper", async () => {
    const paper = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Tài liệu họp một'));
    const second = await secondMeeting();
    const admin = await h.connect('admin');
    await must(admin.socket, 'meeting:publish', { meetingId: second });
    const answer = await ask(chair.socket, 'presenter:show', {
      commandId: uuidv7(),
      meetingId: second,
      documentId: paper.id,
      page: 1,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('deduplicated blobs', () => {
  it('two papers with the same bytes: removing one leaves the other whole, in this and another meeting', async () => {
    const bytes = await tiny('Cùng một tệp');
    const a = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'A' });
    const b = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'B' });
    const second = await secondMeeting();
    const c = await mustUpload(h.server.url, other.token, second, bytes, { title: 'C' });
    expect(new Set([a.sha256, b.sha256, c.sha256]).size).toBe(1);
    await must(secretary.socket, 'document:remove', { meetingId, documentId: a.id });
    await sleep(200);
    for (const [doc, token] of [
      [b, delegate.token],
      [c, other.token],
    ] as const) {
      const got = await getContent(h.server.url, token, doc.id);
      expect(got.status).toBe(200);
      expect(Buffer.from(got.bytes).equals(Buffer.from(bytes))).toBe(true);
    }
    await must(secretary.socket, 'document:remove', { meetingId, documentId: b.id });
    await sleep(200);
    const got = await getContent(h.server.url, other.token, c.id);
    expect(Buffer.from(got.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('the same bytes uploaded again while the last paper holding them is removed stay readable', async () => {
    // On SQLite every query waits for the one connection, in order. A removal's transaction
    // commits, then (after the commit, in `published`) its notices are read and only then the
    // orphaned blob's file is deleted. An upload of the same bytes whose transaction was queued
    // behind the removal runs in that gap: it finds no blob row, moves its file into place,
    // commits a row, and the removal's late `discard` deletes the file under it. The gate below
    // makes the removal's `published` wait for the upload, which the queue can do by itself.
    const bytes = await tiny('Tệp trùng lặp');
    const a = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'A' });
    const store = h.server.store as unknown as { transaction: <T>(work: (tx: never) => Promise<T>) => Promise<T> };
    const original = store.transaction.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let armed = true;
    store.transaction = async <T>(work: (tx: never) => Promise<T>) => {
      const result = await original(work);
      if (armed) {
        const row = await h.server.store.db
          .selectFrom('documents')
          .select('id')
          .where('id', '=', a.id)
          .executeTakeFirst();
        if (!row) {
          armed = false;
          await gate;
        }
      }
      return result;
    };
    try {
      const removal = ask(secretary.socket, 'document:remove', { commandId: uuidv7(), meetingId, documentId: a.id });
      await waitFor(() => !armed, 5000, 'the removal to commit');
      const b = await mustUpload(h.server.url, secretary.token, meetingId, bytes, { title: 'B' });
      release();
      expect(await removal).toMatchObject({ ok: true });
      await sleep(300);
      let status = 0;
      let same = false;
      try {
        const got = await getContent(h.server.url, delegate.token, b.id);
        status = got.status;
        same = Buffer.from(got.bytes).equals(Buffer.from(bytes));
      } catch {
        status = -1; // the connection broke mid-body: the blob's file is gone
      }
      expect({ status, same }).toEqual({ status: 200, same: true });
    } finally {
      release();
      store.transaction = original;
    }
  });
});
