import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MemoryClientStore,
  MemoryIdentityVault,
  MeetingClient,
  openSigningKey,
  parseSealedKey,
  type WebCryptoLike,
} from '../../shared/client/index.js';
import type { CommandReceipt, DocumentInfo } from '../../shared/protocol/index.js';
import type { SigningKey } from '../../shared/signatures/index.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { signedApproval } from '../support/signing-device.js';
import { ask, startHarness, waitFor, type Harness } from '../support/server-harness.js';

/**
 * The browser tab's core signing against the real server: enrolment with a one-time code,
 * approvals signed with the PIN-sealed key, the PIN policy, and a revoked device's wipe.
 */

let h: Harness;
const clients: MeetingClient[] = [];
const PIN = '246810';

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  await h.cleanup();
});

interface Device {
  client: MeetingClient;
  vault: MemoryIdentityVault;
  meetingId: () => string;
  userId: () => string;
}

async function device(username: string, now?: () => Date): Promise<Device> {
  const vault = new MemoryIdentityVault();
  const client = new MeetingClient({
    store: new MemoryClientStore(),
    fetch,
    socketOptions: { transports: ['websocket'] },
    signing: { vault },
    ...(now ? { now } : {}),
  });
  clients.push(client);
  const answer = await client.login({ serverUrl: h.server.url, username, password: h.account(username).password });
  expect(answer.ok).toBe(true);
  await waitFor(() => client.getState().connection === 'online', 5000, `${username} online`);
  await waitFor(() => Object.keys(client.getState().meetings).length === 1, 5000, `${username} synced`);
  return {
    client,
    vault,
    meetingId: () => Object.keys(client.getState().meetings)[0]!,
    userId: () => client.getState().user!.id,
  };
}

async function enrolled(secretary: Device, holder: Device): Promise<string> {
  const code = await secretary.client.createEnrollmentCode(holder.userId());
  if (!code.ok) throw new Error(`code refused: ${code.error.code}`);
  const answer = await holder.client.enrollDevice({
    code: code.data.code,
    caFingerprint: code.data.caFingerprint,
    deviceName: 'Máy tính bảng 1',
    pin: PIN,
  });
  expect(answer).toMatchObject({ ok: true, data: { userId: holder.userId(), outside: false, revokedAt: null } });
  return code.data.code;
}

async function uploaded(holder: Device, title = 'Tờ trình ngân sách'): Promise<DocumentInfo> {
  const { token } = await h.login('thuky');
  const doc = await mustUpload(h.server.url, token, holder.meetingId(), await makePdf({ pages: ['Tờ trình'] }), {
    title,
  });
  await waitFor(
    () => (holder.client.getState().documents[holder.meetingId()] ?? []).some((d) => d.id === doc.id),
    5000,
    'the document listed on the device',
  );
  return doc;
}

function approve(holder: Device, doc: DocumentInfo, pin: string) {
  return holder.client.approveDocument({
    meetingId: doc.meetingId,
    documentId: doc.id,
    version: doc.version,
    decision: 'approve',
    pin,
  });
}

describe('signing from the browser core', () => {
  it('enrols with a code, approves with the PIN, and the secretary sees it verified', async () => {
    const secretary = await device('thuky');
    const delegate = await device('daibieu1');
    const code = await enrolled(secretary, delegate);
    const identity = delegate.client.getState().identity;
    expect(identity).toMatchObject({ userId: delegate.userId(), pinAttemptsLeft: 10, pinLockedUntil: null });
    expect(identity?.caFingerprint).toMatch(/^[0-9a-f]{64}$/);

    // The same code twice: refused by the server, and the identity made first stays.
    const again = await delegate.client.enrollDevice({ code, deviceName: 'Máy 2', pin: PIN });
    expect(again).toMatchObject({ ok: false, error: { code: 'ENROLLMENT_CODE_INVALID' } });
    expect(delegate.client.getState().identity?.certificate.fingerprint).toBe(identity?.certificate.fingerprint);

    const doc = await uploaded(delegate);
    const answer = await approve(delegate, doc, PIN);
    expect(answer).toMatchObject({ ok: true, data: { meetingId: doc.meetingId } });
    await waitFor(() => (secretary.client.getState().approvals[doc.meetingId] ?? []).length === 1, 5000, 'recorded');
    const seen = secretary.client.getState().approvals[doc.meetingId]![0]!;
    expect(seen).toMatchObject({
      documentId: doc.id,
      version: doc.version,
      sha256: doc.sha256,
      decision: 'approve',
      verification: 'verified',
      signer: { id: delegate.userId() },
      certificate: { fingerprint: identity?.certificate.fingerprint, outside: false },
    });
    const listed = await secretary.client.request('approval:list', { meetingId: doc.meetingId });
    expect(listed.ok && listed.data.approvals.map((a) => [a.id, a.verification])).toEqual([[seen.id, 'verified']]);
    await waitFor(() => (delegate.client.getState().approvals[doc.meetingId] ?? []).length === 1);

    // A wrong PIN is refused on the device and counted; the right one starts the count again.
    const wrong = await approve(delegate, doc, '999999');
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ message: 'PIN_INCORRECT' }] },
    });
    expect(delegate.client.getState().identity?.pinAttemptsLeft).toBe(9);
    expect(await approve(delegate, doc, PIN)).toMatchObject({ ok: true });
    expect(delegate.client.getState().identity?.pinAttemptsLeft).toBe(10);

    // The record the server signs checks out against the meeting CA (fetched: the secretary never enrolled).
    const exported = await secretary.client.exportApprovals(doc.meetingId);
    if (!exported.ok) throw new Error(exported.error.code);
    const check = await secretary.client.checkServerStatement(exported.data.record, exported.data.signature);
    expect(check).toMatchObject({ valid: true, caFingerprint: identity?.caFingerprint });
    const forged = await secretary.client.checkServerStatement(`${exported.data.record} `, exported.data.signature);
    expect(forged.valid).toBe(false);
  });

  it('refuses a CA other than the one of the code before spending it', async () => {
    const secretary = await device('thuky');
    const delegate = await device('daibieu1');
    const code = await secretary.client.createEnrollmentCode(delegate.userId());
    if (!code.ok) throw new Error(code.error.code);
    const answer = await delegate.client.enrollDevice({
      code: code.data.code,
      caFingerprint: 'ab'.repeat(32),
      deviceName: 'Máy tính bảng',
      pin: PIN,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_UNTRUSTED' } });
    expect(delegate.client.getState().identity).toBeNull();
    // The code was not spent on the impostor.
    expect(
      await delegate.client.enrollDevice({ code: code.data.code, deviceName: 'Máy tính bảng', pin: '12345' }),
    ).toMatchObject({ ok: false, error: { issues: [{ message: 'PIN_FORMAT' }] } });
    expect(await delegate.client.enrollDevice({ code: code.data.code, deviceName: 'Máy', pin: PIN })).toMatchObject({
      ok: true,
    });
  });

  it('waits after 5 wrong PINs, doubling, and erases the key at the 10th', async () => {
    let offset = 0;
    const secretary = await device('thuky');
    const delegate = await device('daibieu1', () => new Date(Date.now() + offset));
    await enrolled(secretary, delegate);
    const doc = await uploaded(delegate);
    for (let miss = 1; miss <= 4; miss += 1) {
      expect(await approve(delegate, doc, '000000')).toMatchObject({
        error: { issues: [{ message: 'PIN_INCORRECT' }] },
      });
    }
    expect(delegate.client.getState().identity).toMatchObject({ pinAttemptsLeft: 6, pinLockedUntil: null });
    const waits: number[] = [];
    for (let miss = 5; miss <= 9; miss += 1) {
      expect(await approve(delegate, doc, '000000')).toMatchObject({
        error: { issues: [{ message: 'PIN_INCORRECT' }] },
      });
      const until = Date.parse(delegate.client.getState().identity!.pinLockedUntil!);
      waits.push(Math.round((until - (Date.now() + offset)) / 1000));
      // While it waits even the right PIN is not tried (and not counted).
      expect(await approve(delegate, doc, PIN)).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED', issues: [{ message: 'PIN_LOCKED' }] },
      });
      expect(delegate.client.getState().identity?.pinAttemptsLeft).toBe(10 - miss);
      offset = until - Date.now() + 1000;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480]);
    const last = await approve(delegate, doc, '000000');
    expect(last).toMatchObject({ ok: false, error: { issues: [{ message: 'PIN_ERASED' }] } });
    expect(delegate.client.getState().identity).toBeNull();
    expect(await delegate.vault.load(delegate.userId())).toBeNull();
    expect(await approve(delegate, doc, PIN)).toMatchObject({
      ok: false,
      error: { issues: [{ message: 'NO_IDENTITY' }] },
    });
  });

  it('a revoked certificate wipes the device and signs it out; its key is refused elsewhere', async () => {
    const secretary = await device('thuky');
    const delegate = await device('daibieu1');
    const admin = await device('admin');
    await enrolled(secretary, delegate);
    const doc = await uploaded(delegate);
    const userId = delegate.userId();
    // What a thief copied off the tablet before the revocation (the PIN-sealed key, and the PIN).
    const stolen = delegate.vault.peek(userId)!;
    const fingerprint = delegate.client.getState().identity!.certificate.fingerprint;

    const listed = await admin.client.listCertificates();
    expect(listed.ok && listed.data.map((c) => c.fingerprint)).toContain(fingerprint);
    const revoked = await admin.client.revokeCertificate(fingerprint, 'Mất máy tính bảng');
    expect(revoked).toMatchObject({ ok: true, data: { fingerprint, revocationReason: 'Mất máy tính bảng' } });

    await waitFor(() => delegate.client.getState().revokedNotice !== null, 5000, 'the revoked notice');
    expect(delegate.client.getState()).toMatchObject({
      connection: 'signed-out',
      user: null,
      meetings: {},
      documents: {},
      identity: null,
      approvals: {},
      revokedNotice: { reason: 'Mất máy tính bảng' },
    });
    expect(await delegate.vault.load(userId)).toBeNull();
    await delegate.client.dismissRevokedNotice();
    expect(delegate.client.getState().revokedNotice).toBeNull();

    // The stolen key signs on another path (a raw socket): the server refuses it.
    const crypto = (globalThis as unknown as { crypto: WebCryptoLike }).crypto;
    const key = await openSigningKey(crypto, parseSealedKey(stolen.sealedKey)!, PIN);
    expect(key).not.toBeNull();
    const { payload } = await signedApproval(doc, userId, {
      certificate: Buffer.from(stolen.certificate, 'base64'),
      chain: stolen.chain.map((c) => Buffer.from(c, 'base64')),
      privateKey: key as unknown as SigningKey,
    });
    const { socket } = await h.connect('daibieu1');
    const answer = await ask<CommandReceipt>(socket, 'document:approve', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_REVOKED' } });
  });
});
