import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app.js';
import type { MinutesGetAnswer } from '../../shared/protocol/index.js';
import { secondNode } from '../support/attack-batching.js';
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
 * Two nodes on one PostgreSQL. The secretary's signature commits on the first node, which
 * then records the signed minutes as a document; a second node starting at that moment
 * records what it finds signed and unrecorded too. The minutes become one document, one
 * version, one distribution, never two.
 */

let room: SigningRoom;
let h: Harness;
let second: RunningServer | undefined;
let meetingId: string;
let sockets: Record<string, TestSocket>;

beforeAll(async () => {
  room = await openSigningRoom();
  ({ h, meetingId, sockets } = room);
});
afterAll(async () => {
  await second?.close();
  await closeSigningRoom(room);
});

const db = () => h.server.store.db;

describe('signed minutes on two nodes', () => {
  it('become one document, once, when a second node starts while the first records them', async () => {
    const now = await ask<MinutesGetAnswer>(sockets.thuky!, 'minutes:get', { meetingId });
    if (!now.ok) throw new Error(now.error.code);
    await must(sockets.thuky!, 'minutes:save', { meetingId, baseVersion: 0, content: now.data.prefill });
    await must(sockets.thuky!, 'minutes:finalize', { meetingId, version: 1 });
    const id = (await db().selectFrom('minutes_signings').select('id').executeTakeFirstOrThrow()).id;
    expect(await (await sendSignature(room, 'chutoa')).ack).toMatchObject({ ok: true });

    const sent = await sendSignature(room, 'thuky');
    for (let i = 0; i < 2000 && (await signingRound(room, id)).state !== 'signed'; i += 1)
      await new Promise((r) => setTimeout(r, 2));
    expect((await signingRound(room, id)).state).toBe('signed');
    second = await secondNode(h);
    expect(await sent.ack).toMatchObject({ ok: true });
    for (let i = 0; i < 100 && (await signingRound(room, id)).document_id === null; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const documentId = (await signingRound(room, id)).document_id;
    expect(documentId).not.toBeNull();
    await new Promise((r) => setTimeout(r, 500));

    const documents = await db()
      .selectFrom('documents')
      .select(['id', 'current_version'])
      .where('meeting_id', '=', meetingId)
      .execute();
    expect(documents).toEqual([{ id: documentId, current_version: 1 }]);
    const versions = await db()
      .selectFrom('document_versions')
      .select('version')
      .where('document_id', '=', documentId!)
      .execute();
    expect(versions).toEqual([{ version: 1 }]);
    const distributed = await db()
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'minutes:distribute')
      .execute();
    expect(distributed).toHaveLength(1);
  });
});
