import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { demoRoomForFile, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * `document:opened` as an attacker probes it once the papers are recalled: the answer must
 * not tell a paper kept from the sender (whose id they kept from before it was restricted)
 * from one that does not exist.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

const opened = (who: Person, documentId: string) =>
  ask(who.socket, 'document:opened', { commandId: uuidv7(), meetingId: room.meetingId, documentId, version: 1 });

describe('document:opened after the papers are recalled', () => {
  it('answers a restricted paper as it answers no paper', async () => {
    const pdf = await makePdf({ pages: ['Phương án Hoa Quỳnh trắng dự kiến kinh phí 313 tỷ đồng.'] });
    const kept = await mustUpload(h.server.url, room.secretary.token, room.meetingId, pdf, {
      title: 'Phương án Hoa Quỳnh',
      visibleTo: { roles: [], users: [room.delegate.userId] },
    });
    await must(room.chair.socket, 'meeting:close', { meetingId: room.meetingId });
    await must(room.secretary.socket, 'documents:recall', { meetingId: room.meetingId });
    for (const who of [room.other, room.observer]) {
      const restricted = await opened(who, kept.id);
      const missing = await opened(who, uuidv7());
      expect(restricted).toMatchObject({ ok: false });
      expect(restricted).toEqual(missing);
    }
    // A note on it: the same probe, through the reader's other command on a paper.
    const note = (documentId: string) =>
      ask(room.other.socket, 'annotation:save', {
        commandId: uuidv7(),
        meetingId: room.meetingId,
        annotation: annotationInput(documentId),
      });
    const restricted = await note(kept.id);
    expect(restricted).toMatchObject({ ok: false });
    expect(restricted).toEqual(await note(uuidv7()));
    // And an approval of it, refused before its signature is read.
    const approve = (documentId: string) =>
      ask(room.other.socket, 'document:approve', {
        commandId: uuidv7(),
        meetingId: room.meetingId,
        documentId,
        version: 1,
        decision: 'approve',
        reason: '',
        signedAt: new Date().toISOString(),
        signature: 'MAMCAQA=',
      });
    const approval = await approve(kept.id);
    expect(approval).toMatchObject({ ok: false });
    expect(approval).toEqual(await approve(uuidv7()));
    // The delegate it was shown to is told why: the papers were recalled.
    expect(await opened(room.delegate, kept.id)).toMatchObject({ ok: false, error: { code: 'DOCUMENTS_RECALLED' } });
    const rows = await h.server.store.db.selectFrom('document_opens').select('user_id').execute();
    expect(rows).toEqual([]);
  });
});
