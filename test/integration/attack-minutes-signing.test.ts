import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { DocumentChanged, DocumentInfo, MinutesSigningStartAnswer } from '../../shared/protocol/index.js';
import { signDetachedCms, type CmsSigner } from '../../shared/signatures/index.js';
import {
  closeSigningRoom,
  cmsBase64,
  contentOf,
  download,
  finalizedRound,
  openSigningRoom,
  prepareTurn,
  signingPath,
  signingRound,
  type SigningRoom,
} from '../support/minutes-signing-room.js';
import { runTool } from '../support/outside-tools.js';
import { ask, collect, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';
import { loadMeetingCa } from '../../server/pki/meeting-ca.js';
import { verifyPdfSignatures } from '../../server/signatures/pdf-verify.js';
import { pemToDer, type SigningDevice } from '../support/signing-device.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Attacks on the signed minutes (issue 12), on the real server: one person signing as both
 * chair and secretary after a change of roles, who can download a revision prepared for
 * someone else, and signed minutes recorded after the papers were recalled reaching no
 * delegate's device.
 */

let room: SigningRoom;
let h: Harness;
let meetingId: string;
let sockets: Record<string, TestSocket>;
let tokens: Record<string, string>;
let ids: Record<string, string>;
let devices: Record<string, SigningDevice>;

beforeAll(async () => {
  room = await openSigningRoom(['admin', 'thuky', 'chutoa', 'daibieu1']);
  ({ h, meetingId, sockets, tokens, ids, devices } = room);
});
afterAll(() => closeSigningRoom(room));

const finalized = () => finalizedRound(room);
const round = (id: string) => signingRound(room, id);
const prepare = (who: string) => prepareTurn(room, who);

/** Downloads a prepared revision and signs its byte range with `who`'s device: the CMS, base64. */
async function cmsOver(start: MinutesSigningStartAnswer, who: string): Promise<string> {
  return cmsBase64(await contentOf(room, start, who), devices[who]!.signer);
}

/** Prepare, download, sign over the byte range with `signer`, send: the ack. */
async function signAs(who: string, signer: CmsSigner = devices[who]!.signer) {
  const answer = await prepare(who);
  expect(answer.status).toBe(200);
  const { signingId, byteRange, digest } = answer.body;
  const pdf = (await download(`${signingPath(room)}/${signingId}.pdf`, tokens[who]!)).bytes;
  const [, b, c, d] = byteRange;
  const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  expect(createHash('sha256').update(content).digest('hex')).toBe(digest);
  const cms = await signDetachedCms(content, signer, { signingTimeAttribute: false });
  return ask(sockets[who]!, 'minutes:sign', {
    commandId: uuidv7(),
    meetingId,
    signingId,
    signature: Buffer.from(cms).toString('base64'),
  });
}

describe('attacks on the signed minutes', () => {
  it('the one who signed as chair never signs again as the secretary, even after a change of roles', async () => {
    const id = await finalized();
    expect(await signAs('chutoa')).toMatchObject({ ok: true });
    expect(await round(id)).toMatchObject({ state: 'awaiting-secretary', chair_id: ids.chutoa });

    // An admin makes the chair a secretary (and the secretary chair) while the round waits.
    await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.chutoa!, role: 'secretary' });
    await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.thuky!, role: 'chair' });
    try {
      // The former chair, now a secretary, may not add the second signature over their own.
      const answer = await prepare('chutoa');
      expect(answer.status).toBe(409);
      expect(JSON.stringify(answer.body)).toContain('You signed these minutes as the chair');
      expect(await round(id)).toMatchObject({ state: 'awaiting-secretary', pending_id: null, secretary_id: null });
      // Nor may the new chair (who is no secretary now) sign in the secretary's place.
      expect((await prepare('thuky')).status).toBe(409);
    } finally {
      await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.thuky!, role: 'secretary' });
      await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.chutoa!, role: 'chair' });
    }
    // Back in their roles, the real secretary signs and the round is signed by two people.
    expect(await signAs('thuky')).toMatchObject({ ok: true });
    const signed = await round(id);
    expect(signed).toMatchObject({ state: 'signed', chair_id: ids.chutoa, secretary_id: ids.thuky });
  });

  it('a prepared revision is downloaded by its signer only, and a later prepare voids the earlier one', async () => {
    const id = await finalized();
    // Two devices of the chair: the first prepares and signs its revision, then (a second
    // later, another /M) the second prepares.
    const first = await prepare('chutoa');
    const firstCms = await cmsOver(first.body, 'chutoa');
    await new Promise((r) => setTimeout(r, 1100));
    const second = await prepare('chutoa');
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.signingId).not.toBe(first.body.signingId);
    const path = (s: string) => `${signingPath(room)}/${s}.pdf`;
    expect((await download(path(second.body.signingId), tokens.chutoa!)).status).toBe(200);
    // The earlier revision is gone; nobody else reads the current one, not an admin either.
    expect((await download(path(first.body.signingId), tokens.chutoa!)).status).toBe(404);
    for (const who of ['thuky', 'admin', 'daibieu1'])
      expect((await download(path(second.body.signingId), tokens[who]!)).status).toBe(404);
    // A secretary cannot prepare the chair's turn for themselves, nor does that disturb it.
    expect((await prepare('thuky')).status).toBe(409);
    expect(await round(id)).toMatchObject({ pending_id: second.body.signingId, pending_for: ids.chutoa });

    // The first device's CMS is refused under its own (voided) id and over the second revision.
    const send = (signingId: string, signature: string, commandId = uuidv7()) =>
      ask(sockets.chutoa!, 'minutes:sign', { commandId, meetingId, signingId, signature });
    expect(await send(first.body.signingId, firstCms)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await send(second.body.signingId, firstCms)).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_INVALID' },
    });
    // Nor is the meeting CA's own key a person's; nor the chair's key under the secretary's certificate.
    const content = await contentOf(room, second.body, 'chutoa');
    const ca = await loadMeetingCa(h.server.store, { dataDir: h.dataDir, now: new Date() });
    const asCa = { certificate: ca.certificateDer, chain: [], privateKey: await ca.signingKey() };
    const mixed = { ...devices.chutoa!.signer, certificate: devices.thuky!.signer.certificate };
    for (const signer of [asCa, mixed]) {
      const forged = Buffer.from(await signDetachedCms(content, signer, { signingTimeAttribute: false }));
      const refused = await send(second.body.signingId, forged.toString('base64'));
      expect(refused.ok).toBe(false);
    }
    expect(await round(id)).toMatchObject({ state: 'awaiting-chair', chair_id: null });
    // The second device signs; the same command again answers its receipt, a new one is refused.
    const secondCms = await cmsOver(second.body, 'chutoa');
    const commandId = uuidv7();
    const once = await send(second.body.signingId, secondCms, commandId);
    expect(once).toMatchObject({ ok: true });
    const again = await send(second.body.signingId, secondCms, commandId);
    expect(again).toEqual({ ok: true, data: { ...(once.ok ? (once.data as object) : {}), replayed: true } });
    expect(await send(second.body.signingId, secondCms)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await round(id)).toMatchObject({ state: 'awaiting-secretary', chair_id: ids.chutoa });
  });

  it('a chair removed or demoted after preparing neither downloads nor signs the revision; an admin never signs', async () => {
    const id = await finalized();
    // An admin is no signer of the minutes (they stand in for the chair in running the session only).
    expect((await prepare('admin')).status).toBe(403);
    for (const change of ['demote', 'remove'] as const) {
      const answer = await prepare('chutoa');
      expect(answer.status).toBe(200);
      const { signingId, byteRange } = answer.body;
      const url = `${signingPath(room)}/${signingId}.pdf`;
      const pdf = (await download(url, tokens.chutoa!)).bytes;
      const [, b, c, d] = byteRange;
      const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
      const cms = await signDetachedCms(content, devices.chutoa!.signer, { signingTimeAttribute: false });
      if (change === 'demote')
        await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.chutoa!, role: 'delegate' });
      else await must(sockets.admin!, 'participant:remove', { meetingId, userId: ids.chutoa! });
      try {
        expect((await download(url, tokens.chutoa!)).status).toBe(404);
        const sign = await ask(sockets.chutoa!, 'minutes:sign', {
          commandId: uuidv7(),
          meetingId,
          signingId,
          signature: Buffer.from(cms).toString('base64'),
        });
        expect(sign.ok).toBe(false);
        expect(await round(id)).toMatchObject({ state: 'awaiting-chair', chair_id: null });
      } finally {
        await must(sockets.admin!, 'participant:set', { meetingId, userId: ids.chutoa!, role: 'chair' });
      }
    }
  });

  it('a CMS that fits the socket but not the placeholder is refused and changes nothing; one just under fits', async () => {
    const id = await finalized();
    const answer = await prepare('chutoa');
    const { signingId, byteRange } = answer.body;
    const pdf = (await download(`${signingPath(room)}/${signingId}.pdf`, tokens.chutoa!)).bytes;
    const [, b, c, d] = byteRange;
    const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
    const space = (c - b - 2) / 2;
    /** The chair's own valid CMS, swollen with copies of the CA certificate until it is over `size` bytes. */
    const swollen = async (size: number): Promise<Buffer> => {
      const signer = devices.chutoa!.signer;
      for (let copies = 0; ; copies += 1) {
        const chain = Array.from({ length: copies }, () => signer.chain![0]!);
        const cms = Buffer.from(await signDetachedCms(content, { ...signer, chain }, { signingTimeAttribute: false }));
        if (cms.length > size) return cms;
      }
    };
    const over = await swollen(space);
    // Inside the socket's limit (24 000 base64 characters), outside the placeholder.
    expect(over.length).toBeLessThanOrEqual(18_000);
    const send = (cms: Buffer) =>
      ask(sockets.chutoa!, 'minutes:sign', {
        commandId: uuidv7(),
        meetingId,
        signingId,
        signature: cms.toString('base64'),
      });
    expect(await send(over)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await round(id)).toMatchObject({ state: 'awaiting-chair', pending_id: signingId, chair_id: null });

    const under = await swollen(space - 2_500);
    expect(under.length).toBeLessThanOrEqual(space);
    expect(await send(under)).toMatchObject({ ok: true });
    const signed = Buffer.from((await round(id)).pdf);
    const reports = await verifyPdfSignatures(signed, { anchors: [pemToDer(h.server.caCertificatePem)] });
    expect(reports.map((r) => [r.verification.ok, r.coversWholeDocument])).toEqual([[true, true]]);
  });

  it('a meeting place that spells a /ByteRange placeholder neither breaks nor bends the signing', async () => {
    const place = 'Hall A /ByteRange [0 /********** /********** /**********] /Contents <00>';
    const meeting = await h.server.store.db
      .selectFrom('meetings')
      .select('version')
      .where('id', '=', meetingId)
      .executeTakeFirstOrThrow();
    await must(sockets.thuky!, 'meeting:update', { meetingId, baseVersion: meeting.version, place });
    const id = await finalized();
    const frozen = Buffer.from((await round(id)).pdf);
    expect(await signAs('chutoa')).toMatchObject({ ok: true });
    expect(await signAs('thuky')).toMatchObject({ ok: true });
    const signed = Buffer.from((await round(id)).pdf);
    // What was frozen is kept byte for byte; qpdf finds the structure clean.
    expect(signed.subarray(0, frozen.length).equals(frozen)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'attack-minutes-'));
    writeFileSync(join(dir, 'signed.pdf'), signed);
    const check = await runTool('qpdf', ['--check', join(dir, 'signed.pdf')]);
    rmSync(dir, { recursive: true, force: true });
    expect(check.stdout).toContain('No syntax or stream encoding errors');
    expect(check.code).toBe(0);
    const reports = await verifyPdfSignatures(signed, { anchors: [pemToDer(h.server.caCertificatePem)] });
    expect(reports.map((r) => [r.verification.ok, r.location])).toEqual([
      [true, place],
      [true, place],
    ]);
    expect(reports[1]?.coversWholeDocument).toBe(true);
  });

  it('minutes signed after the papers were recalled reach no delegate', async () => {
    const id = await finalized();
    await must(sockets.chutoa!, 'meeting:close', { meetingId });
    await must(sockets.thuky!, 'documents:recall', { meetingId });
    const heard = collect<DocumentChanged>(sockets.daibieu1!, 'document:changed');
    const secretaryHeard = collect<DocumentChanged>(sockets.thuky!, 'document:changed');

    expect(await signAs('chutoa')).toMatchObject({ ok: true });
    expect(await signAs('thuky')).toMatchObject({ ok: true });
    let documentId: string | null = null;
    for (let i = 0; i < 100 && !documentId; i += 1) {
      documentId = (await round(id)).document_id;
      if (!documentId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(documentId).not.toBeNull();
    // The secretary is told of the signed minutes (they still read the papers on the server).
    await waitFor(() => secretaryHeard.some((n) => n.upserted.some((d) => d.id === documentId)), 5000, 'notice');
    await new Promise((r) => setTimeout(r, 300));
    // A delegate's device hears of no paper, lists none, and cannot download it.
    expect(heard.flatMap((n) => n.upserted)).toEqual([]);
    const listed = await ask<{ documents: DocumentInfo[]; recalled: boolean }>(sockets.daibieu1!, 'document:list', {
      meetingId,
    });
    expect(listed).toMatchObject({ ok: true, data: { documents: [], recalled: true } });
    expect((await download(`${h.server.url}/api/documents/${documentId}/content`, tokens.daibieu1!)).status).toBe(404);
    expect((await download(`${h.server.url}/api/documents/${documentId}/content`, tokens.thuky!)).status).toBe(200);
  });
});
