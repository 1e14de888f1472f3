import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { RunningServer } from '../../server/app.js';
import type { MinutesGetAnswer, MinutesSigningStartAnswer } from '../../shared/protocol/index.js';
import { signDetachedCms } from '../../shared/signatures/index.js';
import { secondNode } from '../support/attack-batching.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { enrollDevice, postJson, type SigningDevice } from '../support/signing-device.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Two nodes on one PostgreSQL. The secretary's signature commits on the first node, which
 * then records the signed minutes as a document; a second node starting at that moment
 * records what it finds signed and unrecorded too. The minutes become one document, one
 * version, one distribution, never two.
 */

let h: Harness;
let second: RunningServer | undefined;
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
  await second?.close();
  await h?.cleanup();
});

/** Prepares and signs `who`'s turn on the first node; the ack, not awaited. */
async function sendSignature(who: string): Promise<{ ack: Promise<{ ok: boolean }> }> {
  const path = `${h.server.url}/api/meetings/${meetingId}/minutes/signing`;
  const answer = await postJson<MinutesSigningStartAnswer>(path, tokens[who]!, {});
  expect(answer.status).toBe(200);
  const { signingId, byteRange } = answer.body;
  const res = await fetch(`${path}/${signingId}.pdf`, { headers: { authorization: `Bearer ${tokens[who]}` } });
  const pdf = Buffer.from(await res.arrayBuffer());
  const [, b, c, d] = byteRange;
  const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  const cms = await signDetachedCms(content, devices[who]!.signer, { signingTimeAttribute: false });
  const signature = Buffer.from(cms).toString('base64');
  return { ack: ask(sockets[who]!, 'minutes:sign', { commandId: uuidv7(), meetingId, signingId, signature }) };
}

const db = () => h.server.store.db;
const round = (id: string) =>
  db().selectFrom('minutes_signings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('signed minutes on two nodes', () => {
  it('become one document, once, when a second node starts while the first records them', async () => {
    const now = await ask<MinutesGetAnswer>(sockets.thuky!, 'minutes:get', { meetingId });
    if (!now.ok) throw new Error(now.error.code);
    await must(sockets.thuky!, 'minutes:save', { meetingId, baseVersion: 0, content: now.data.prefill });
    await must(sockets.thuky!, 'minutes:finalize', { meetingId, version: 1 });
    const id = (await db().selectFrom('minutes_signings').select('id').executeTakeFirstOrThrow()).id;
    expect(await (await sendSignature('chutoa')).ack).toMatchObject({ ok: true });

    const sent = await sendSignature('thuky');
    for (let i = 0; i < 2000 && (await round(id)).state !== 'signed'; i += 1)
      await new Promise((r) => setTimeout(r, 2));
    expect((await round(id)).state).toBe('signed');
    second = await secondNode(h);
    expect(await sent.ack).toMatchObject({ ok: true });
    for (let i = 0; i < 100 && (await round(id)).document_id === null; i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const documentId = (await round(id)).document_id;
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
