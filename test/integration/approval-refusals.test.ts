import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { ApprovalList, DocumentInfo } from '../../shared/protocol/index.js';
import { issueDeviceCertificate } from '../../server/pki/issue-certificates.js';
import { loadMeetingCa } from '../../server/pki/meeting-ca.js';
import {
  approvalRoomForFile,
  approvalsSeen,
  approvalVerdict,
  approver,
  type Approver,
} from '../support/approval-room.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, type Harness } from '../support/server-harness.js';
import { makeDeviceKey, pemToDer, postJson, signedApproval, type SigningDevice } from '../support/signing-device.js';
import { issueLeaf, makeCa } from '../support/test-pki.js';
import { makeCertificationRequest } from '../../shared/signatures/index.js';

/**
 * Each way to pass off a signature that does not hold, through the real server's path: the
 * refusal names what is wrong, and nothing is recorded.
 */
let h: Harness;
let secretaryToken: string;
let adminToken: string;
let d1: Approver;
let d2: Approver;
let device1: SigningDevice;
let device2: SigningDevice;
let meetingId: string;
let paper: DocumentInfo;
approvalRoomForFile(
  {},
  (room) => ({ h, secretaryToken, adminToken, d1, d2, device1, device2, meetingId, paper } = room),
);

const person = (username: string) => approver(h, username);
const refusal = approvalVerdict;
const approvalCount = async (): Promise<number> => (await approvalsSeen(d1.socket, meetingId)).length;

describe('approvals the server refuses', () => {
  it('refuses a signature with one byte changed, and a statement it does not cover', async () => {
    const { payload } = await signedApproval(paper, d1.id, device1.signer);
    const bytes = Buffer.from(payload.signature, 'base64');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0x01, bytes.length - 10);
    expect(await refusal(d1.socket, { ...payload, signature: bytes.toString('base64') })).toBe('SIGNATURE_INVALID');
    // Signed as an approval, sent as a rejection: the rebuilt statement is not what was signed.
    expect(await refusal(d1.socket, { ...payload, decision: 'reject', reason: 'Không đồng ý' })).toBe(
      'SIGNATURE_INVALID',
    );
    expect(await refusal(d1.socket, { ...payload, signature: Buffer.from('rác').toString('base64') })).toBe(
      'SIGNATURE_INVALID',
    );
    expect(await approvalCount()).toBe(0);
  });

  it('refuses a certificate of another CA, even one naming the person and carrying our binding', async () => {
    const other = await makeCa('CA giả mạo');
    const forged = await issueLeaf(other, { userId: d1.id, deviceId: uuidv7(), name: 'Đại biểu 1' });
    const { payload } = await signedApproval(paper, d1.id, forged.signer);
    expect(await refusal(d1.socket, payload)).toBe('CERTIFICATE_UNTRUSTED');
  });

  it('refuses an expired certificate of the meeting CA', async () => {
    const ca = await loadMeetingCa(h.server.store, { dataDir: h.dataDir, now: new Date() });
    const keys = await makeDeviceKey();
    const csr = await makeCertificationRequest({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      commonName: 'Đại biểu 1',
      userId: d1.id,
      deviceId: uuidv7(),
    });
    const longAgo = new Date(Date.now() - 3 * 365 * 24 * 3600 * 1000);
    const expired = issueDeviceCertificate(
      ca,
      csr,
      { userId: d1.id, deviceId: uuidv7(), displayName: 'Đại biểu 1' },
      longAgo,
      30,
    );
    const { payload } = await signedApproval(paper, d1.id, {
      certificate: expired.der,
      chain: [ca.certificateDer],
      privateKey: keys.privateKey,
    });
    expect(await refusal(d1.socket, payload)).toBe('CERTIFICATE_EXPIRED');
  });

  it("refuses another person's certificate, and a certificate issued but never registered", async () => {
    // daibieu1 signs with daibieu2's device (a borrowed tablet): the certificate is not theirs.
    const { payload } = await signedApproval(paper, d1.id, device2.signer);
    expect(await refusal(d1.socket, payload)).toBe('CERTIFICATE_NOT_YOURS');
    const ca = await loadMeetingCa(h.server.store, { dataDir: h.dataDir, now: new Date() });
    const keys = await makeDeviceKey();
    const csr = await makeCertificationRequest({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      commonName: 'x',
      userId: d1.id,
      deviceId: uuidv7(),
    });
    const stray = issueDeviceCertificate(
      ca,
      csr,
      { userId: d1.id, deviceId: uuidv7(), displayName: 'Đại biểu 1' },
      new Date(),
    );
    const unregistered = await signedApproval(paper, d1.id, {
      certificate: stray.der,
      chain: [ca.certificateDer],
      privateKey: keys.privateKey,
    });
    expect(await refusal(d1.socket, unregistered.payload)).toBe('CERTIFICATE_NOT_YOURS');
  });

  it('refuses a signing time far from the server clock', async () => {
    const { payload } = await signedApproval(paper, d1.id, device1.signer, {
      signedAt: new Date(Date.now() - 10 * 60 * 1000),
    });
    expect(await refusal(d1.socket, payload)).toBe('SIGNING_TIME_SKEW');
  });

  it('refuses a replayed approval of an older version, and the same signature twice', async () => {
    const v1 = await signedApproval(paper, d1.id, device1.signer);
    expect(await refusal(d1.socket, v1.payload)).toBe('accepted');
    // The same command id again: its first receipt, nothing new.
    const again = await ask<{ replayed: boolean }>(d1.socket, 'document:approve', v1.payload);
    expect(again.ok && again.data.replayed).toBe(true);
    // The same signature under a new command id: refused.
    expect(await refusal(d1.socket, { ...v1.payload, commandId: uuidv7() })).toBe('SIGNATURE_REPLAYED');
    const v2 = await mustUpload(
      h.server.url,
      secretaryToken,
      meetingId,
      await makePdf({ pages: ['Nghị quyết (sửa)'] }),
      {
        replaces: paper.id,
      },
    );
    expect(v2.version).toBe(2);
    // The approval of version 1 sent again once version 2 is current: refused.
    expect(await refusal(d1.socket, { ...v1.payload, commandId: uuidv7() })).toBe('STALE_DOCUMENT_VERSION');
    const fresh = await signedApproval(paper, d1.id, device1.signer, { signedAt: new Date() });
    expect(await refusal(d1.socket, fresh.payload)).toBe('STALE_DOCUMENT_VERSION');
    expect(await approvalCount()).toBe(1);
    paper = v2;
  });

  it('refuses a revoked certificate; an approval recorded before stays, marked revoked later', async () => {
    const before = await signedApproval(paper, d2.id, device2.signer);
    expect(await refusal(d2.socket, before.payload)).toBe('accepted');
    const forbidden = await postJson(
      `${h.server.url}/api/pki/certificates/${device2.fingerprint}/revoke`,
      secretaryToken,
      {
        reason: 'Mất máy',
      },
    );
    expect(forbidden.status).toBe(403);
    const revoked = await postJson<{ revokedAt: string }>(
      `${h.server.url}/api/pki/certificates/${device2.fingerprint}/revoke`,
      adminToken,
      { reason: 'Máy tính bảng bị mất' },
    );
    expect(revoked.status).toBe(200);
    const after = await signedApproval(paper, d2.id, device2.signer, { decision: 'reject', reason: 'Sau thu hồi' });
    expect(await refusal(d2.socket, after.payload)).toBe('CERTIFICATE_REVOKED');
    const status = await ask<{ status: string }>(d2.socket, 'certificate:status', { fingerprint: device2.fingerprint });
    expect(status.ok && status.data.status).toBe('revoked');
    const list = await ask<ApprovalList>(d1.socket, 'approval:list', { meetingId });
    const kept = list.ok ? list.data.approvals.find((a) => a.signer.id === d2.id) : undefined;
    expect(kept).toMatchObject({ verification: 'revoked-later', revokedAt: revoked.body.revokedAt });
    // Someone else asking after that certificate learns nothing.
    const foreign = await ask<{ status: string }>(d1.socket, 'certificate:status', {
      fingerprint: device2.fingerprint,
    });
    expect(foreign.ok && foreign.data.status).toBe('unknown');
  });

  it('refuses an observer (the room display), who signs nothing', async () => {
    const display = await person('phonghop');
    const signed = await signedApproval(paper, display.id, device1.signer);
    expect(await refusal(display.socket, signed.payload)).toBe('FORBIDDEN');
  });

  it('refuses an enrolment code used twice, made for someone else, or guessed', async () => {
    const code = await postJson<{ code: string }>(`${h.server.url}/api/pki/enrollment-codes`, secretaryToken, {
      userId: d1.id,
    });
    const keys = await makeDeviceKey();
    const csr = Buffer.from(
      await makeCertificationRequest({
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        commonName: 'x',
        userId: d1.id,
        deviceId: uuidv7(),
      }),
    ).toString('base64');
    const enroll = (token: string, c: string) =>
      postJson<{ error?: { code: string } }>(`${h.server.url}/api/pki/enroll`, token, {
        code: c,
        deviceName: 'Máy',
        csr,
      });
    // Made for daibieu1: daibieu2 cannot use it.
    expect((await enroll(d2.token, code.body.code)).body.error?.code).toBe('ENROLLMENT_CODE_INVALID');
    expect((await enroll(d1.token, code.body.code)).status).toBe(201);
    expect((await enroll(d1.token, code.body.code)).body.error?.code).toBe('ENROLLMENT_CODE_INVALID');
    // A bad request signature is refused before the code is spent.
    const broken = Buffer.from(csr, 'base64');
    broken.writeUInt8(broken.readUInt8(broken.length - 5) ^ 0xff, broken.length - 5);
    const fresh = await postJson<{ code: string }>(`${h.server.url}/api/pki/enrollment-codes`, secretaryToken, {
      userId: d1.id,
    });
    const bad = await postJson<{ error?: { code: string } }>(`${h.server.url}/api/pki/enroll`, d1.token, {
      code: fresh.body.code,
      deviceName: 'Máy',
      csr: broken.toString('base64'),
    });
    expect(bad.body.error?.code).toBe('CSR_INVALID');
    expect((await enroll(d1.token, fresh.body.code)).status).toBe(201);
    // Guessing: five refused attempts (the code used twice and the bad request were two), then
    // even a right code waits.
    for (let i = 0; i < 3; i += 1) expect((await enroll(d1.token, 'AAAA-BBBB-CCCC')).status).toBe(403);
    const third = await postJson<{ code: string }>(`${h.server.url}/api/pki/enrollment-codes`, secretaryToken, {
      userId: d1.id,
    });
    expect((await enroll(d1.token, third.body.code)).body.error?.code).toBe('RATE_LIMITED');
    // A delegate cannot hand out codes.
    const refused = await postJson(`${h.server.url}/api/pki/enrollment-codes`, d1.token, { userId: d2.id });
    expect(refused.status).toBe(403);
    expect(pemToDer(device1.caPem).length).toBeGreaterThan(500);
  });
});

describe('bounds', () => {
  it('keeps at most 10 unused enrolment codes waiting for one person', async () => {
    const target = (await h.login('daibieu3')).user.id;
    const make = () =>
      postJson<{ error?: { code: string } }>(`${h.server.url}/api/pki/enrollment-codes`, adminToken, {
        userId: target,
      });
    for (let i = 0; i < 10; i += 1) expect((await make()).status).toBe(201);
    expect((await make()).body.error?.code).toBe('RATE_LIMITED');
  });

  it('records at most 20 decisions of one person on one version', async () => {
    const doc = await mustUpload(h.server.url, secretaryToken, meetingId, await makePdf({ pages: ['Phân vân'] }));
    for (let i = 0; i < 20; i += 1) {
      const { payload } = await signedApproval(
        doc,
        d1.id,
        device1.signer,
        i % 2 ? { decision: 'reject', reason: `Lần ${i}` } : {},
      );
      expect(await refusal(d1.socket, payload)).toBe('accepted');
    }
    const { payload } = await signedApproval(doc, d1.id, device1.signer);
    expect(await refusal(d1.socket, payload)).toBe('CONFLICT');
  });
});
