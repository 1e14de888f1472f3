import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInfo, MinutesGetAnswer } from '../../shared/protocol/index.js';
import {
  closeSigningRoom,
  openSigningRoom,
  sendSignature,
  signingRound,
  type SigningRoom,
} from '../support/minutes-signing-room.js';
import { ask, type Harness, type TestSocket } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * The server stops right after the secretary's signature commits, while the signed minutes
 * are being recorded as a document (after the commit, outside the command): after the start
 * the document is there exactly once, and a further restart adds nothing.
 */

let room: SigningRoom;
let h: Harness;
let meetingId: string;
let sockets: Record<string, TestSocket>;

beforeAll(async () => {
  room = await openSigningRoom();
  ({ h, meetingId, sockets } = room);
});
afterAll(() => closeSigningRoom(room));

async function minutesDocuments(): Promise<Array<{ id: string; current_version: number }>> {
  return h.server.store.db
    .selectFrom('documents')
    .select(['id', 'current_version'])
    .where('meeting_id', '=', meetingId)
    .where('title', 'like', 'Biên bản – %')
    .execute();
}

describe('a stop between the signature and its document', () => {
  it('records the signed minutes exactly once after the start', async () => {
    const now = await ask<MinutesGetAnswer>(sockets.thuky!, 'minutes:get', { meetingId });
    if (!now.ok) throw new Error(now.error.code);
    await must(sockets.thuky!, 'minutes:save', { meetingId, baseVersion: 0, content: now.data.prefill });
    await must(sockets.thuky!, 'minutes:finalize', { meetingId, version: 1 });
    const id = (await h.server.store.db.selectFrom('minutes_signings').select('id').executeTakeFirstOrThrow()).id;
    expect(await (await sendSignature(room, 'chutoa')).ack).toMatchObject({ ok: true });

    // The secretary's signature: the server stops as soon as it is committed.
    const sent = await sendSignature(room, 'thuky');
    void sent.ack.catch(() => undefined);
    for (let i = 0; i < 2000 && (await signingRound(room, id)).state !== 'signed'; i += 1)
      await new Promise((r) => setTimeout(r, 2));
    const signed = await signingRound(room, id);
    expect(signed.state).toBe('signed');
    await h.stop();
    // Whether the stop cut the recording or not (it usually does: reading the pages takes a
    // worker), the start records what is missing and nothing twice.
    await h.start();
    for (let i = 0; i < 100 && (await signingRound(room, id)).document_id === null; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const after = await signingRound(room, id);
    expect(after.document_id).not.toBeNull();
    expect(await minutesDocuments()).toEqual([{ id: after.document_id, current_version: 1 }]);
    const versions = await h.server.store.db
      .selectFrom('document_versions')
      .select(['version', 'sha256'])
      .where('document_id', '=', after.document_id!)
      .execute();
    expect(versions).toEqual([
      { version: 1, sha256: createHash('sha256').update(Buffer.from(signed.pdf)).digest('hex') },
    ]);

    await h.restart();
    expect(await minutesDocuments()).toEqual([{ id: after.document_id, current_version: 1 }]);
    const delegate = await h.connect('daibieu1');
    sockets.daibieu1 = delegate.socket;
    const listed = await ask<{ documents: DocumentInfo[] }>(delegate.socket, 'document:list', { meetingId });
    expect(listed.ok && listed.data.documents.filter((d) => d.id === after.document_id)).toHaveLength(1);
  });
});
