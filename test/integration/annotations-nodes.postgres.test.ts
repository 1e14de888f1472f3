import { uuidv7 } from 'uuidv7';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import type { AnnotationChanged } from '../../shared/protocol/index.js';
import { annotationInput, VIETNAMESE_NOTE } from '../support/annotation-fixtures.js';
import { secondNode } from '../support/attack-batching.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, connectSocket, syncAll, waitFor, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';

/**
 * Two nodes on one PostgreSQL: a note saved through one node reaches its author's sockets on
 * the other (their own room crosses nodes through the adapter), and nobody else's there.
 */
const { h, sockets, nodes } = serverEachTest();
let second: RunningServer;
beforeEach(async () => {
  second = await secondNode(h);
  nodes.push(second);
});

async function listening(url: string, username: string): Promise<{ socket: TestSocket; heard: unknown[] }> {
  const socket = await connectSocket(url, (await h.login(username)).token);
  sockets.push(socket);
  await syncAll(socket);
  const heard: unknown[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push([event, payload]));
  return { socket, heard };
}

describe('annotations across nodes', () => {
  it("reach the author's socket on the other node, and no one else's there", async () => {
    const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const { token } = await h.login('thuky');
    const doc = await mustUpload(h.server.url, token, meetingId, await makePdf({ pages: ['Trang một'] }));
    const author = await listening(h.server.url, 'daibieu1');
    const authorElsewhere = await listening(second.url, 'daibieu1');
    const others = await Promise.all(['daibieu2', 'thuky', 'chutoa'].map((u) => listening(second.url, u)));
    const note = annotationInput(doc.id, 'note', { text: VIETNAMESE_NOTE });
    const saved = await ask(author.socket, 'annotation:save', { commandId: uuidv7(), meetingId, annotation: note });
    expect(saved).toMatchObject({ ok: true });
    await waitFor(() => authorElsewhere.heard.length > 0, 5000, 'the note on the other node');
    const [event, payload] = authorElsewhere.heard[0] as [string, AnnotationChanged];
    expect(event).toBe('annotation:changed');
    expect(payload.annotations[0]).toMatchObject({ id: note.id, text: VIETNAMESE_NOTE, shared: false });
    // Shared, it reaches the others on the other node too; before that, nothing did.
    const heardBefore = others.map((o) => JSON.stringify(o.heard));
    expect(heardBefore.some((text) => text.includes(note.id))).toBe(false);
    await ask(author.socket, 'annotation:share', { commandId: uuidv7(), meetingId, annotationId: note.id });
    for (const o of others) await waitFor(() => JSON.stringify(o.heard).includes(note.id), 5000, 'shared note');
  });
});
