import { uuidv7 } from 'uuidv7';
import type { MinutesGetAnswer, MinutesSigningStartAnswer } from '../../shared/protocol/index.js';
import { signDetachedCms, type CmsSigner } from '../../shared/signatures/index.js';
import { ask, startHarness, type Harness, type TestSocket } from './server-harness.js';
import { enrollDevice, postJson, type SigningDevice } from './signing-device.js';
import { must } from './vote-fixtures.js';

/**
 * The demo meeting on a real server with its people connected, the chair and the secretary
 * enrolled with signing devices: the ground of every test of the signed minutes.
 */
export interface SigningRoom {
  h: Harness;
  meetingId: string;
  sockets: Record<string, TestSocket>;
  tokens: Record<string, string>;
  ids: Record<string, string>;
  devices: Record<string, SigningDevice>;
}

export async function openSigningRoom(
  people: readonly string[] = ['admin', 'thuky', 'chutoa'],
  enrolled: readonly string[] = ['thuky', 'chutoa'],
): Promise<SigningRoom> {
  const h = await startHarness();
  const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
  const room: SigningRoom = { h, meetingId, sockets: {}, tokens: {}, ids: {}, devices: {} };
  for (const who of people) {
    const { socket, login } = await h.connect(who);
    room.sockets[who] = socket;
    room.tokens[who] = login.token;
    room.ids[who] = login.user.id;
  }
  const adminToken = room.tokens.admin ?? (await h.login('admin')).token;
  for (const who of enrolled)
    room.devices[who] = await enrollDevice(h.server.url, adminToken, { id: room.ids[who]!, token: room.tokens[who]! });
  return room;
}

export async function closeSigningRoom(room: SigningRoom | undefined): Promise<void> {
  for (const s of Object.values(room?.sockets ?? {})) s.disconnect();
  await room?.h.cleanup();
}

export async function minutesOf(room: SigningRoom, who = 'thuky'): Promise<MinutesGetAnswer> {
  const answer = await ask<MinutesGetAnswer>(room.sockets[who]!, 'minutes:get', { meetingId: room.meetingId });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

/** The secretary saves the draft once more and freezes it for signing: the round's id. */
export async function finalizedRound(room: SigningRoom): Promise<string> {
  const now = await minutesOf(room);
  const version = (now.draft?.version ?? 0) + 1;
  await must(room.sockets.thuky!, 'minutes:save', {
    meetingId: room.meetingId,
    baseVersion: version - 1,
    content: now.draft?.content ?? now.prefill,
  });
  await must(room.sockets.thuky!, 'minutes:finalize', { meetingId: room.meetingId, version });
  return (await minutesOf(room)).signing!.id;
}

export const signingRound = (room: SigningRoom, id: string) =>
  room.h.server.store.db.selectFrom('minutes_signings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const signingPath = (room: SigningRoom) => `${room.h.server.url}/api/meetings/${room.meetingId}/minutes/signing`;

export async function download(url: string, token: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Asks the server to prepare `who`'s turn: the answer as it came. */
export const prepareTurn = (room: SigningRoom, who: string) =>
  postJson<MinutesSigningStartAnswer>(signingPath(room), room.tokens[who]!, {});

/** The bytes a prepared revision's signature covers, downloaded as `who`. */
export async function contentOf(room: SigningRoom, start: MinutesSigningStartAnswer, who: string): Promise<Buffer> {
  const pdf = (await download(`${signingPath(room)}/${start.signingId}.pdf`, room.tokens[who]!)).bytes;
  const [, b, c, d] = start.byteRange;
  return Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
}

/** A detached CMS over `content` (base64), made by `signer`. */
export async function cmsBase64(content: Uint8Array, signer: CmsSigner): Promise<string> {
  return Buffer.from(await signDetachedCms(content, signer, { signingTimeAttribute: false })).toString('base64');
}

/** Prepares `who`'s turn, signs it on their device and sends it: the ack, not awaited. */
export async function sendSignature(room: SigningRoom, who: string): Promise<{ ack: Promise<{ ok: boolean }> }> {
  const answer = await prepareTurn(room, who);
  if (answer.status !== 200) throw new Error(`prepare for ${who}: ${answer.status}`);
  const signature = await cmsBase64(await contentOf(room, answer.body, who), room.devices[who]!.signer);
  const ack = ask(room.sockets[who]!, 'minutes:sign', {
    commandId: uuidv7(),
    meetingId: room.meetingId,
    signingId: answer.body.signingId,
    signature,
  });
  return { ack };
}
