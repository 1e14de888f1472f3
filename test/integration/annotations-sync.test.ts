import { describe, expect, it } from 'vitest';
import type { HeldAnnotation, MeetingClient } from '../../shared/client/index.js';
import type { AnnotationInput } from '../../shared/protocol/index.js';
import { annotationInput, VIETNAMESE_NOTE } from '../support/annotation-fixtures.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';

/**
 * Annotations through the product's own client core and a real server (SQLite here, and
 * PostgreSQL in the `postgres` project): made on one device, they reach the same person's
 * other devices and a fresh install; edited on two devices while the server is down, they
 * converge once it is back, with nothing lost, nothing doubled, and deleted staying deleted.
 */
const { h, clients } = serverEachTest();

async function paperInDemo(): Promise<{ meetingId: string; documentId: string }> {
  const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
  const pdf = await makePdf({ pages: ['Tờ trình ngân sách năm 2027', 'Trang hai'] });
  const { token } = await h.login('thuky');
  const doc = await mustUpload(h.server.url, token, meetingId, pdf, { title: 'Tờ trình ngân sách' });
  return { meetingId, documentId: doc.id };
}

async function device(username: string, documentId: string): Promise<MeetingClient> {
  const t = tablet(h, clients);
  await t.signIn(username);
  // The notes on a paper show once the paper is listed on the device.
  await waitFor(() =>
    Object.values(t.client.getState().documents).some((docs) => docs.some((d) => d.id === documentId)),
  );
  return t.client;
}

const held = (client: MeetingClient, documentId: string): readonly HeldAnnotation[] =>
  client.getState().annotations[documentId] ?? [];

/** What two devices must agree on: every annotation as the server ordered it. */
const settledView = (client: MeetingClient, documentId: string) =>
  held(client, documentId).map(({ pending, ...a }) => ({ ...a, pending }));

async function save(client: MeetingClient, meetingId: string, annotation: AnnotationInput) {
  return client.send('annotation:save', { meetingId, annotation });
}

describe("annotations between one person's devices", () => {
  it("brings each kind from one device to the same person's other one, and to a fresh install", async () => {
    const { meetingId, documentId } = await paperInDemo();
    const first = await device('daibieu1', documentId);
    const second = await device('daibieu1', documentId);
    const made = [
      annotationInput(documentId, 'highlight'),
      annotationInput(documentId, 'free-highlight', { page: 2 }),
      annotationInput(documentId, 'ink'),
      annotationInput(documentId, 'note', { text: VIETNAMESE_NOTE }),
    ];
    for (const a of made) {
      const answer = await save(first, meetingId, a);
      expect(answer).toMatchObject({ ok: true, data: { rev: expect.any(Number) } });
    }
    for (const client of [first, second]) {
      await waitFor(() => held(client, documentId).filter((a) => !a.pending).length === made.length);
      for (const a of made) {
        const got = held(client, documentId).find((x) => x.id === a.id);
        expect(got).toMatchObject({
          kind: a.kind,
          page: a.page,
          geometry: a.geometry,
          color: a.color,
          opacity: a.opacity,
          text: a.text.normalize('NFC'),
          quote: a.quote,
          shared: false,
          deleted: false,
          pending: false,
          author: { displayName: expect.any(String) },
        });
      }
    }
    expect(settledView(second, documentId)).toEqual(settledView(first, documentId));
    // A reinstall: a new device with an empty store gets every one back from the server.
    const fresh = await device('daibieu1', documentId);
    await waitFor(() => held(fresh, documentId).length === made.length);
    expect(settledView(fresh, documentId)).toEqual(settledView(first, documentId));
  });

  it('shows a shared one to another delegate with its author, and takes it back when withdrawn', async () => {
    const { meetingId, documentId } = await paperInDemo();
    const author = await device('daibieu1', documentId);
    const other = await device('daibieu2', documentId);
    const note = annotationInput(documentId, 'note');
    const kept = annotationInput(documentId, 'ink');
    await save(author, meetingId, note);
    await save(author, meetingId, kept);
    expect(await author.send('annotation:share', { meetingId, annotationId: note.id })).toMatchObject({ ok: true });
    await waitFor(() => held(other, documentId).some((a) => a.id === note.id));
    const seen = held(other, documentId);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: note.id, text: VIETNAMESE_NOTE, shared: true });
    expect(seen[0]?.author.id).toBe(author.getState().user?.id);
    await author.send('annotation:withdraw', { meetingId, annotationId: note.id });
    await waitFor(() => held(other, documentId).length === 0);
    expect(held(author, documentId).find((a) => a.id === note.id)).toMatchObject({
      shared: false,
      text: VIETNAMESE_NOTE,
    });
  });

  it('merges edits made on two devices while the server was down: none lost, none doubled, deleted stays deleted', async () => {
    const { meetingId, documentId } = await paperInDemo();
    const first = await device('daibieu1', documentId);
    const second = await device('daibieu1', documentId);
    const note = annotationInput(documentId, 'note', { text: 'Bản đầu' });
    const ink = annotationInput(documentId, 'ink');
    await save(first, meetingId, note);
    await save(first, meetingId, ink);
    await waitFor(() => held(second, documentId).filter((a) => !a.pending).length === 2);

    await h.stop();
    const fromFirst = annotationInput(documentId, 'highlight');
    const fromSecond = annotationInput(documentId, 'free-highlight');
    const answers = [
      save(first, meetingId, { ...note, text: 'Sửa trên máy thứ nhất' }),
      first.send('annotation:delete', { meetingId, annotationId: ink.id }),
      save(first, meetingId, fromFirst),
      save(second, meetingId, { ...note, text: 'Sửa trên máy thứ hai' }),
      // Drawn on after the other device deleted it: must not bring it back.
      save(second, meetingId, { ...ink, color: '#0000ff' }),
      save(second, meetingId, fromSecond),
    ];
    // Offline, each device already shows its own edits.
    expect(
      held(first, documentId)
        .map((a) => a.id)
        .sort(),
    ).toEqual([note.id, fromFirst.id].sort());
    expect(held(second, documentId).find((a) => a.id === note.id)).toMatchObject({
      text: 'Sửa trên máy thứ hai',
      pending: true,
    });

    await h.start();
    for (const answer of await Promise.all(answers)) expect(answer.ok).toBe(true);
    for (const client of [first, second])
      await waitFor(
        () => client.getState().pendingCommands === 0 && held(client, documentId).every((a) => !a.pending),
        20_000,
        'outbox sent',
      );
    const rows = await h.server.store.db
      .selectFrom('annotations')
      .select(['id', 'body', 'deleted', 'rev'])
      .where('document_id', '=', documentId)
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === ink.id)).toMatchObject({ deleted: 1 });
    const noteRow = rows.find((r) => r.id === note.id);
    // The later of the two edits to reach the server wins, on both devices.
    expect(['Sửa trên máy thứ nhất', 'Sửa trên máy thứ hai']).toContain(noteRow?.body);
    await waitFor(
      () => JSON.stringify(settledView(first, documentId)) === JSON.stringify(settledView(second, documentId)),
    );
    const view = settledView(first, documentId);
    expect(view.map((a) => a.id).sort()).toEqual([note.id, fromFirst.id, fromSecond.id].sort());
    expect(view.find((a) => a.id === note.id)?.text).toBe(noteRow?.body);
    expect(new Set(rows.map((r) => r.rev)).size).toBe(rows.length);
  });
});
