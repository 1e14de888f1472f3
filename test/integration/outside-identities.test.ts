import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalList, CertificateInfo, DocumentInfo, ErrorCode } from '../../shared/protocol/index.js';
import { loadPkcs12 } from '../../server/signatures/pkcs12.js';
import { mustUpload } from '../support/document-http.js';
import { outsideIdentity, registrationOf, trustedOutsideCa } from '../support/outside-identity.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, startHarness, syncAll, type Harness, type TestSocket } from '../support/server-harness.js';
import { enrollDevice, postJson, signedApproval } from '../support/signing-device.js';
import { makeCa, pkcs12Bytes } from '../support/test-pki.js';

/**
 * A person's certificate from a national CA (imported from PKCS#12) becomes a signing
 * identity when that CA is trusted by configuration and the person proves they hold its key;
 * every other registration is refused with its reason.
 */
let h: Harness;
let adminToken: string;
let secretaryToken: string;
let d1: { socket: TestSocket; token: string; id: string };
let d2: { token: string; id: string };
let meetingId: string;
let paper: DocumentInfo;

const register = (token: string, body: unknown) =>
  postJson<CertificateInfo & { error?: { code: ErrorCode } }>(
    `${h.server.url}/api/pki/outside-certificates`,
    token,
    body,
  );

beforeAll(async () => {
  h = await startHarness({ trustedCaPems: [(await trustedOutsideCa()).pem] });
  adminToken = (await h.login('admin')).token;
  secretaryToken = (await h.login('thuky')).token;
  const c = await h.connect('daibieu1');
  await syncAll(c.socket);
  d1 = { socket: c.socket, token: c.login.token, id: c.login.user.id };
  const l2 = await h.login('daibieu2');
  d2 = { token: l2.token, id: l2.user.id };
  meetingId = (await syncAll(d1.socket)).meetings[0]!.id;
  paper = await mustUpload(h.server.url, secretaryToken, meetingId, await makePdf({ pages: ['Báo cáo'] }));
});
afterAll(async () => {
  await h?.cleanup();
});

describe('outside identities', () => {
  it('registers a PKCS#12 identity of a trusted CA, and its approvals are verified', async () => {
    const person = await outsideIdentity({ keySlot: 'p12-person' });
    // The device's path: the PKCS#12 file as the person got it, read with its password.
    const imported = await loadPkcs12(pkcs12Bytes(person, 'mật-khẩu-p12'), 'mật-khẩu-p12');
    const registered = await register(d1.token, await registrationOf({ ...person, signer: imported.signer }, d1.id));
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      outside: true,
      userId: d1.id,
      deviceId: null,
      commonName: 'Trần Thị Bình',
    });
    // The same certificate again for the same person: the same answer, nothing new.
    expect((await register(d1.token, await registrationOf(person, d1.id))).body.fingerprint).toBe(
      registered.body.fingerprint,
    );
    const { payload } = await signedApproval(paper, d1.id, imported.signer);
    const answer = await ask(d1.socket, 'document:approve', payload);
    expect(answer.ok).toBe(true);
    const list = await ask<ApprovalList>(d1.socket, 'approval:list', { meetingId });
    expect(list.ok && list.data.approvals[0]).toMatchObject({
      verification: 'verified',
      certificate: { outside: true, fingerprint: registered.body.fingerprint },
    });
    // Registered to daibieu1, it never speaks for daibieu2.
    expect((await register(d2.token, await registrationOf(person, d2.id))).body.error?.code).toBe(
      'CERTIFICATE_NOT_YOURS',
    );
  });

  it('refuses what does not hold, each with its reason', async () => {
    const untrusted = await outsideIdentity({ ca: await makeCa('CA không được tin cậy'), keySlot: 'p-untrusted' });
    expect((await register(d2.token, await registrationOf(untrusted, d2.id))).body.error?.code).toBe(
      'CERTIFICATE_UNTRUSTED',
    );
    const expired = await outsideIdentity({
      keySlot: 'p-expired',
      notBefore: new Date(Date.now() - 400 * 86400_000),
      notAfter: new Date(Date.now() - 86400_000),
    });
    expect((await register(d2.token, await registrationOf(expired, d2.id))).body.error?.code).toBe(
      'CERTIFICATE_EXPIRED',
    );
    const person = await outsideIdentity({ keySlot: 'p-other' });
    // A proof made for someone else (or tampered with) does not prove this person holds the key.
    expect((await register(d2.token, await registrationOf(person, d1.id))).body.error?.code).toBe('SIGNATURE_INVALID');
    const stale = await registrationOf(person, d2.id, new Date(Date.now() - 60 * 60 * 1000));
    expect((await register(d2.token, stale)).body.error?.code).toBe('SIGNING_TIME_SKEW');
    // Our own CA's certificates come by enrolment, never as outside identities.
    const enrolled = await enrollDevice(h.server.url, adminToken, d2);
    const own = await registrationOf(
      { ...person, pem: enrolled.certificatePem, der: enrolled.signer.certificate, signer: enrolled.signer },
      d2.id,
    );
    expect((await register(d2.token, own)).body.error?.code).toBe('CERTIFICATE_UNTRUSTED');
  });

  it('refuses a revoked outside identity', async () => {
    const person = await outsideIdentity({ keySlot: 'p-revoked' });
    const registered = await register(d2.token, await registrationOf(person, d2.id));
    expect(registered.status).toBe(201);
    const revoked = await postJson(
      `${h.server.url}/api/pki/certificates/${registered.body.fingerprint}/revoke`,
      adminToken,
      { reason: 'Chứng thư bị lộ khóa' },
    );
    expect(revoked.status).toBe(200);
    expect((await register(d2.token, await registrationOf(person, d2.id))).body.error?.code).toBe(
      'CERTIFICATE_REVOKED',
    );
  });
});
