import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { DocumentInfo, MinutesGetAnswer, MinutesSigningStartAnswer } from '../../shared/protocol/index.js';
import { signDetachedCms } from '../../shared/signatures/index.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { enrollDevice, postJson, type SigningDevice } from '../support/signing-device.js';
import { must } from '../support/vote-fixtures.js';

/**
 * The server stops right after the secretary's signature commits, while the signed minutes
 * are being recorded as a document (after the commit, outside the command): after the start
 * the document is there exactly once, and a further restart adds nothing.
 */

let h: Harness;
let meetingId: string;
const sockets: Record<string, TestSocket> = {};
const tokens: Record<string, string> = {};
const devices: Record<string, SigningDevice> = {};

beforeAll(async () => {
  h = await startHarness();
  meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
  for (const who of ['admin', 'thuky', 'chutoa']) {
    const { socket, login } = await h.connect(who);
    sockets[who] = socket;
    tokens[who] = login.token;
    if (who !== 'admin')
      devices[who] = await enrollDevice(h.server.url, tokens.admin!, { id: login.user.id, token: login.token });
  }
});
afterAll(async () => {
  for (const s of Object.values(sockets)) s.disconnect();
  await h?.cleanup();
});

const signingPath = () => `${h.server.url}/api/meetings/${meetingId}/minutes/signing`;

/** Prepares and signs `who`'s turn; returns the ask, not awaited. */
async function sendSignature(who: string): Promise<{ ack: Promise<{ ok: boolean }> }> {
  const answer = await postJson<MinutesSigningStartAnswer>(signingPath(), tokens[who]!, {});
  expect(answer.status).toBe(200);
  const { signingId, byteRange } = answer.body;
  const res = await fetch(`${signingPath()}/${signingId}.pdf`, { headers: { authorization: `Bearer ${tokens[who]}` } });
  const pdf = Buffer.from(await res.arrayBuffer());
  const [, b, c, d] = byteRange;
  const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  const cms = await signDetachedCms(content, devices[who]!.signer, { signingTimeAttribute: false });
  const ack = ask(sockets[who]!, 'minutes:sign', {
    commandId: uuidv7(),
    meetingId,
    signingId,
    signature: Buffer.from(cms).toString('base64'),
  });
  return { ack };
}

const round = (id: string) =>
  h.server.store.db.selectFrom('minutes_signings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

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
    expect(await (await sendSignature('chutoa')).ack).toMatchObject({ ok: true });

    // The secretary's signature: the server stops as soon as it is committed.
    const sent = await sendSignature('thuky');
    void sent.ack.catch(() => undefined);
    for (let i = 0; i < 2000 && (await round(id)).state !== 'signed'; i += 1)
      await new Promise((r) => setTimeout(r, 2));
    const signed = await round(id);
    expect(signed.state).toBe('signed');
    await h.stop();
    // Whether the stop cut the recording or not (it usually does: reading the pages takes a
    // worker), the start records what is missing and nothing twice.
    await h.start();
    for (let i = 0; i < 100 && (await round(id)).document_id === null; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const after = await round(id);
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
