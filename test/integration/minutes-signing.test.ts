import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { MemoryClientStore, MemoryIdentityVault, MeetingClient } from '../../shared/client/index.js';
import type { DocumentInfo, MinutesChanged, MinutesSigningStartAnswer } from '../../shared/protocol/index.js';
import { loadMeetingCa } from '../../server/pki/meeting-ca.js';
import { issueResultsSigner } from '../../server/pki/issue-certificates.js';
import { verifyPdfSignatures } from '../../server/signatures/pdf-verify.js';
import {
  cmsBase64,
  finalizedRound,
  minutesOf,
  signingRound,
  type SigningRoom,
} from '../support/minutes-signing-room.js';
import { runTool } from '../support/outside-tools.js';
import { ask, collect, startHarness, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';
import { enrollDevice, enrollmentCode, pemToDer, postJson, type SigningDevice } from '../support/signing-device.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Signing the minutes (issue 12) against the real server: the secretary freezes the draft,
 * the chair and then the secretary sign on their own devices (the browser core's
 * `signMinutes`, keys sealed under a PIN), pdfsig finds two valid signatures, and the signed
 * file is a document every participant lists and downloads. Then each forgery and mistake is
 * refused with its code and changes nothing.
 */

let h: Harness;
let dir: string;
let meetingId: string;
let secretaryToken: string;
let adminToken: string;
const sockets: Record<string, TestSocket> = {};
const clients: MeetingClient[] = [];
const PIN = '135790';

beforeAll(async () => {
  h = await startHarness();
  dir = mkdtempSync(join(tmpdir(), 'cabinet-minutes-signing-'));
  meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
  for (const who of ['thuky', 'chutoa', 'daibieu1']) sockets[who] = (await h.connect(who)).socket;
  secretaryToken = (await h.login('thuky')).token;
  adminToken = (await h.login('admin')).token;
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.stop();
  for (const s of Object.values(sockets)) s.disconnect();
  await h?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A tablet with the browser core, signed in and enrolled (its key sealed under PIN). */
async function device(username: string, enrol = true, http: typeof fetch = fetch): Promise<MeetingClient> {
  const client = new MeetingClient({
    store: new MemoryClientStore(),
    fetch: http,
    socketOptions: { transports: ['websocket'] },
    signing: { vault: new MemoryIdentityVault() },
  });
  clients.push(client);
  const answer = await client.login({ serverUrl: h.server.url, username, password: h.account(username).password });
  expect(answer.ok).toBe(true);
  await waitFor(() => client.getState().connection === 'online', 5000, `${username} online`);
  if (enrol) {
    const code = await enrollmentCode(h.server.url, secretaryToken, client.getState().user!.id);
    const enrolled = await client.enrollDevice({
      code: code.code,
      caFingerprint: code.caFingerprint,
      deviceName: `Máy của ${username}`,
      pin: PIN,
    });
    expect(enrolled.ok).toBe(true);
  }
  return client;
}

/** This file's people as a signing room (its devices are the clients' own, enrolled above). */
const room = (): SigningRoom => ({ h, meetingId, sockets, tokens: {}, ids: {}, devices: {} });
const minutes = () => minutesOf(room());
const finalized = () => finalizedRound(room());
const round = (id: string) => signingRound(room(), id);

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const found = await read();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function download(path: string, token: string): Promise<{ status: number; bytes: Buffer; kind: string | null }> {
  const res = await fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    bytes: Buffer.from(await res.arrayBuffer()),
    kind: res.headers.get('x-cabinet-minutes'),
  };
}

const signingPath = () => `/api/meetings/${meetingId}/minutes/signing`;

/** What a device does by hand: ask for the revision, download it, and the bytes its signature covers. */
async function prepared(token: string): Promise<{ start: MinutesSigningStartAnswer; content: Buffer }> {
  const answer = await postJson<MinutesSigningStartAnswer>(`${h.server.url}${signingPath()}`, token, {});
  expect(answer.status).toBe(200);
  const start = answer.body;
  const pdf = (await download(`${signingPath()}/${start.signingId}.pdf`, token)).bytes;
  const [, b, c, d] = start.byteRange;
  const content = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
  expect(createHash('sha256').update(content).digest('hex')).toBe(start.digest);
  return { start, content };
}

const cms = cmsBase64;

async function pdfsig(pdf: Buffer): Promise<string> {
  const nss = join(dir, `nss-${uuidv7()}`);
  mkdirSync(nss);
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, h.server.caCertificatePem);
  expect((await runTool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'])).code).toBe(0);
  const add = ['-A', '-d', `sql:${nss}`, '-n', 'meeting-ca', '-t', 'CT,C,C', '-i', caFile];
  expect((await runTool('certutil', add)).code).toBe(0);
  const file = join(dir, `signed-${uuidv7()}.pdf`);
  writeFileSync(file, pdf);
  return (await runTool('pdfsig', ['-nssdir', `sql:${nss}`, file])).stdout;
}

describe('signed minutes', () => {
  let signed: Buffer;
  let afterChair: Buffer;
  let documentId: string;

  it('the chair and then the secretary sign on their devices; pdfsig finds both signatures valid', async () => {
    const chair = await device('chutoa');
    const secretary = await device('thuky');
    const delegate = await device('daibieu1', false);
    const heard = collect<MinutesChanged>(sockets.chutoa!, 'minutes:changed');
    const overheard = collect<MinutesChanged>(sockets.daibieu1!, 'minutes:changed');
    const id = await finalized();
    expect((await minutes()).signing).toMatchObject({ id, state: 'awaiting-chair', chairSignedBy: null });

    // The secretary signs second, and a delegate never: refused before anything is signed.
    expect(await secretary.signMinutes({ meetingId, pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await delegate.signMinutes({ meetingId, pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const frozen = Buffer.from((await round(id)).pdf);

    expect(await chair.signMinutes({ meetingId, pin: PIN })).toMatchObject({ ok: true });
    const once = await round(id);
    expect(once).toMatchObject({ state: 'awaiting-secretary', chair_id: chair.getState().user!.id, pending_id: null });
    afterChair = Buffer.from(once.pdf);
    expect(afterChair.subarray(0, frozen.length).equals(frozen)).toBe(true);
    // The chair once is enough.
    expect(await chair.signMinutes({ meetingId, pin: PIN })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    expect(await secretary.signMinutes({ meetingId, pin: PIN })).toMatchObject({ ok: true });
    const twice = await round(id);
    expect(twice.state).toBe('signed');
    signed = Buffer.from(twice.pdf);
    // The chair's revision is kept byte for byte.
    expect(signed.subarray(0, afterChair.length).equals(afterChair)).toBe(true);

    const report = await pdfsig(signed);
    // The chair heard each step (the save, the freeze, each signature); a delegate nothing.
    await waitFor(() => heard.length === 4, 5000, 'minutes notices');
    expect(heard.map((n) => n.signing)).toEqual([undefined, 'awaiting-chair', 'awaiting-secretary', 'signed']);
    expect(overheard).toEqual([]);
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
    expect(report).toMatch(/^\s*- Total document signed$/m);
    const ours = await verifyPdfSignatures(signed, { anchors: [pemToDer(h.server.caCertificatePem)] });
    expect(ours.map((r) => r.verification.ok)).toEqual([true, true]);
    expect(ours.map((r) => r.reason)).toEqual(['Chủ tọa ký biên bản cuộc họp', 'Thư ký ký biên bản cuộc họp']);
  });

  it('the signed file is a document every participant lists and downloads, and minutes.pdf answers it', async () => {
    documentId = await until(
      async () => (await round((await minutes()).signing!.id)).document_id ?? undefined,
      'the document',
    );
    const listed = await ask<{ documents: DocumentInfo[] }>(sockets.daibieu1!, 'document:list', { meetingId });
    if (!listed.ok) throw new Error(listed.error.code);
    const doc = listed.data.documents.find((d) => d.id === documentId);
    expect(doc).toMatchObject({
      title: expect.stringMatching(/^Biên bản – .+ \(đã ký\)$/),
      version: 1,
      visibleTo: null,
    });
    expect(doc?.sha256).toBe(createHash('sha256').update(signed).digest('hex'));
    const delegateToken = (await h.login('daibieu1')).token;
    const content = await download(`/api/documents/${documentId}/content`, delegateToken);
    expect(content.status).toBe(200);
    expect(content.bytes.equals(signed)).toBe(true);

    const pdf = await download(`/api/meetings/${meetingId}/minutes.pdf`, secretaryToken);
    expect(pdf).toMatchObject({ status: 200, kind: 'signed' });
    expect(pdf.bytes.equals(signed)).toBe(true);
    expect((await minutes()).signing).toMatchObject({ state: 'signed', documentId });
    // Delegates still read no draft: the signed minutes reach them as a document.
    expect((await download(`/api/meetings/${meetingId}/minutes.pdf`, delegateToken)).status).toBe(404);
  });

  it('refuses every forgery and mistake with its code, and changes nothing', async () => {
    const chairLogin = await h.login('chutoa');
    const secretaryLogin = await h.login('thuky');
    const chairDevice: SigningDevice = await enrollDevice(h.server.url, secretaryToken, {
      id: chairLogin.user.id,
      token: chairLogin.token,
    });
    const secretaryDevice = await enrollDevice(h.server.url, adminToken, {
      id: secretaryLogin.user.id,
      token: secretaryLogin.token,
    });
    const id = await finalized();
    const { start, content } = await prepared(chairLogin.token);
    const before = await round(id);
    const sign = (who: string, signature: string, signingId = start.signingId) =>
      ask(sockets[who]!, 'minutes:sign', { commandId: uuidv7(), meetingId, signingId, signature });
    const refused = async (who: string, signature: string, code: string, signingId?: string) =>
      expect(await sign(who, signature, signingId)).toMatchObject({ ok: false, error: { code } });

    // A CMS over other bytes; by the secretary's key; by a key of the meeting CA no person holds
    // (as the server's own results key is); for another signingId; from a delegate; malformed.
    await refused('chutoa', await cms(Buffer.from('một văn bản khác'), chairDevice.signer), 'SIGNATURE_INVALID');
    await refused('chutoa', await cms(content, secretaryDevice.signer), 'CERTIFICATE_NOT_YOURS');
    const ca = await loadMeetingCa(h.server.store, { dataDir: h.dataDir, now: new Date() });
    const server = await issueResultsSigner(ca, 'node-thu', new Date());
    const serverSigner = {
      certificate: server.certificateDer,
      chain: [ca.certificateDer],
      privateKey: server.privateKey,
    };
    await refused('chutoa', await cms(content, serverSigner), 'CERTIFICATE_NOT_YOURS');
    const good = await cms(content, chairDevice.signer);
    await refused('chutoa', good, 'CONFLICT', uuidv7());
    await refused('thuky', good, 'CONFLICT');
    await refused('daibieu1', good, 'FORBIDDEN');
    await refused('chutoa', 'khong-phai-base64!', 'VALIDATION_FAILED');
    await refused('chutoa', Buffer.alloc(30_000, 1).toString('base64'), 'VALIDATION_FAILED');
    const unchanged = await round(id);
    expect(unchanged).toMatchObject({ state: 'awaiting-chair', pending_id: start.signingId });
    expect(Buffer.from(unchanged.pdf).equals(Buffer.from(before.pdf))).toBe(true);

    // The real one; then the same again (a replay) finds nothing to sign.
    expect(await sign('chutoa', good)).toMatchObject({ ok: true });
    await refused('chutoa', good, 'CONFLICT');

    // The chair's signature replayed as the secretary's, over the secretary's revision.
    const second = await prepared(secretaryLogin.token);
    await refused('thuky', good, 'SIGNATURE_INVALID', second.start.signingId);
    // A revoked certificate.
    const revoke = await postJson(
      `${h.server.url}/api/pki/certificates/${secretaryDevice.fingerprint}/revoke`,
      adminToken,
      { reason: 'Máy bị mất' },
    );
    expect(revoke.status).toBe(200);
    await refused(
      'thuky',
      await cms(second.content, secretaryDevice.signer),
      'CERTIFICATE_REVOKED',
      second.start.signingId,
    );
    expect(await round(id)).toMatchObject({ state: 'awaiting-secretary', secretary_id: null });

    // The secretary finalizes again while the round waits for them: it is abandoned, and its
    // revision can no longer be signed.
    const again = await finalized();
    expect(again).not.toBe(id);
    expect(await round(id)).toMatchObject({ state: 'abandoned', pending_id: null });
    const fresh = await enrollDevice(h.server.url, adminToken, {
      id: secretaryLogin.user.id,
      token: secretaryLogin.token,
    });
    await refused('thuky', await cms(second.content, fresh.signer), 'CONFLICT', second.start.signingId);
    // The signed minutes of the first round are still what minutes.pdf answers.
    expect((await download(`/api/meetings/${meetingId}/minutes.pdf`, secretaryToken)).bytes.equals(signed)).toBe(true);
  });

  it('a second signed round becomes the next version of the same document', async () => {
    const id = (await minutes()).signing!.id;
    const chairLogin = await h.login('chutoa');
    const secretaryLogin = await h.login('thuky');
    const chairDevice = await enrollDevice(h.server.url, secretaryToken, {
      id: chairLogin.user.id,
      token: chairLogin.token,
    });
    const secretaryDevice = await enrollDevice(h.server.url, adminToken, {
      id: secretaryLogin.user.id,
      token: secretaryLogin.token,
    });
    for (const [who, token, signer] of [
      ['chutoa', chairLogin.token, chairDevice.signer],
      ['thuky', secretaryLogin.token, secretaryDevice.signer],
    ] as const) {
      const { start, content } = await prepared(token);
      await must(sockets[who]!, 'minutes:sign', {
        meetingId,
        signingId: start.signingId,
        signature: await cms(content, signer),
      });
    }
    const recorded = await until(async () => (await round(id)).document_id ?? undefined, 'the second version');
    expect(recorded).toBe(documentId);
    const listed = await ask<{ documents: DocumentInfo[] }>(sockets.daibieu1!, 'document:list', { meetingId });
    expect(listed.ok && listed.data.documents.find((d) => d.id === documentId)?.version).toBe(2);
    const latest = await download(`/api/meetings/${meetingId}/minutes.pdf`, secretaryToken);
    expect(latest.bytes.equals(Buffer.from((await round(id)).pdf))).toBe(true);
  });

  it('a device that receives other bytes than were prepared signs nothing; saving the draft abandons the round', async () => {
    // Between the server and the tablet one byte of the prepared file changes.
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).match(/\/minutes\/signing\/[^/]+\.pdf$/)) return res;
      const bytes = Buffer.from(await res.arrayBuffer());
      bytes[100] = bytes[100]! ^ 1;
      return new Response(bytes, { status: res.status, headers: res.headers });
    };
    const chair = await device('chutoa', true, tampering);
    const id = await finalized();
    expect(await chair.signMinutes({ meetingId, pin: PIN })).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_INVALID', issues: [{ message: 'PREPARED_CHANGED' }] },
    });
    expect(await round(id)).toMatchObject({ state: 'awaiting-chair', chair_id: null });

    const now = await minutes();
    await must(sockets.thuky!, 'minutes:save', {
      meetingId,
      baseVersion: now.draft!.version,
      content: now.draft!.content,
    });
    expect(await round(id)).toMatchObject({ state: 'abandoned', pending_id: null });
    // The signed minutes of an earlier round are still the answer.
    expect((await download(`/api/meetings/${meetingId}/minutes.pdf`, secretaryToken)).kind).toBe('signed');
    expect(await device('chutoa').then((c) => c.signMinutes({ meetingId, pin: PIN }))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
