import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeSigningRoom,
  finalizedRound,
  openSigningRoom,
  prepareTurn,
  signingRound,
  type SigningRoom,
} from '../support/minutes-signing-room.js';
import { must } from '../support/vote-fixtures.js';

/**
 * An archived meeting takes no signature of its minutes (`minutes:sign` answers
 * MEETING_ARCHIVED): the HTTP step that prepares the revision to sign must say so too, and
 * not have the chair make a signature on their device that is then refused.
 */
let room: SigningRoom;
beforeAll(async () => {
  room = await openSigningRoom();
});
afterAll(async () => {
  await closeSigningRoom(room);
});

const code = (body: unknown) => (body as { error?: { code?: string } }).error?.code;

describe('minutes signing of an archived meeting', () => {
  it('prepares no revision to sign (MEETING_ARCHIVED) until the meeting is taken out of the archive', async () => {
    const id = await finalizedRound(room);
    await must(room.sockets.chutoa!, 'meeting:close', { meetingId: room.meetingId });
    await must(room.sockets.thuky!, 'meeting:archive', { meetingId: room.meetingId, archived: true });

    const refused = await prepareTurn(room, 'chutoa');
    expect(refused.status).toBe(409);
    expect(code(refused.body)).toBe('MEETING_ARCHIVED');
    // Nothing was prepared for the chair to sign.
    expect((await signingRound(room, id)).pending_pdf).toBeNull();

    await must(room.sockets.thuky!, 'meeting:archive', { meetingId: room.meetingId, archived: false });
    const prepared = await prepareTurn(room, 'chutoa');
    expect(prepared.status).toBe(200);
  });
});
