import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateInfo, EnrollAnswer } from '../../shared/protocol/index.js';
import { startHarness, type Harness } from '../support/server-harness.js';
import { enrollmentCode, makeDeviceKey, postJson, requestFor } from '../support/signing-device.js';

/**
 * An attacker at the enrolment routes: codes raced, codes for others, codes handed out by
 * someone without the right, hostile certification requests. The server answers each with a
 * refusal, issues at most one certificate per code, and never crashes.
 */
let h: Harness;
let secretary: { token: string; id: string };
let admin: { token: string; id: string };
let d1: { token: string; id: string };
let d2: { token: string; id: string };
let csr: string;

async function person(username: string) {
  const login = await h.login(username);
  return { token: login.token, id: login.user.id };
}

async function certificatesOf(token: string): Promise<CertificateInfo[]> {
  const res = await fetch(`${h.server.url}/api/pki/certificates`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { certificates: CertificateInfo[] }).certificates;
}

beforeAll(async () => {
  h = await startHarness();
  secretary = await person('thuky');
  admin = await person('admin');
  d1 = await person('daibieu1');
  d2 = await person('daibieu2');
  csr = await requestFor(await makeDeviceKey(), d1.id);
});
afterAll(async () => {
  await h?.cleanup();
});

describe('enrolment codes', () => {
  it('one code redeemed twice at the very same moment issues one certificate', async () => {
    const code = await enrollmentCode(h.server.url, secretary.token, d1.id);
    const before = (await certificatesOf(d1.token)).length;
    const tries = await Promise.all(
      Array.from({ length: 4 }, async () =>
        postJson<EnrollAnswer>(`${h.server.url}/api/pki/enroll`, d1.token, {
          code: code.code,
          deviceName: 'Máy đua',
          csr: await requestFor(await makeDeviceKey(), d1.id),
        }),
      ),
    );
    expect(tries.filter((t) => t.status === 201)).toHaveLength(1);
    expect((await certificatesOf(d1.token)).length).toBe(before + 1);
  });

  it('a code made for one person is worth nothing to another, even in lower case and with spaces', async () => {
    const code = await enrollmentCode(h.server.url, secretary.token, d1.id);
    const stolen = await postJson<{ error: { code: string } }>(`${h.server.url}/api/pki/enroll`, d2.token, {
      code: ` ${code.code.toLowerCase()} `,
      deviceName: 'Máy lạ',
      csr,
    });
    expect(stolen.status).not.toBe(201);
    expect((await certificatesOf(d2.token)).length).toBe(0);
  });

  it('only an admin or a secretary of a meeting the person takes part in hands out codes', async () => {
    // The demo secretary shares no meeting with the admin; a delegate is no secretary.
    const forAdmin = await postJson(`${h.server.url}/api/pki/enrollment-codes`, secretary.token, { userId: admin.id });
    expect(forAdmin.status).toBe(403);
    const byDelegate = await postJson(`${h.server.url}/api/pki/enrollment-codes`, d1.token, { userId: d1.id });
    expect(byDelegate.status).toBe(403);
    const forNobody = await postJson(`${h.server.url}/api/pki/enrollment-codes`, secretary.token, {
      userId: '01900000-0000-7000-8000-000000000000',
    });
    // An unknown person looks like one the secretary may not serve: no oracle of who exists.
    expect(forNobody.status).toBe(403);
    const anonymous = await postJson(`${h.server.url}/api/pki/enrollment-codes`, null, { userId: d1.id });
    expect(anonymous.status).toBe(401);
  });

  it('device names with control characters or beyond 100 characters are refused; markup is kept as text', async () => {
    // (Line breaks are text a person may type, by the protocol's rule: not refused.)
    // A refused request leaves its code unused: one serves every try.
    const unused = await enrollmentCode(h.server.url, admin.token, d2.id);
    for (const deviceName of ['Máy\u0000', 'Máy\u001b[31m', 'x'.repeat(101), '   ']) {
      const code = unused;
      const answer = await postJson(`${h.server.url}/api/pki/enroll`, d2.token, { code: code.code, deviceName, csr });
      expect(answer.status, JSON.stringify(deviceName)).toBe(400);
    }
    const code = await enrollmentCode(h.server.url, admin.token, d2.id);
    const markup = await postJson<EnrollAnswer>(`${h.server.url}/api/pki/enroll`, d2.token, {
      code: code.code,
      deviceName: '<img src=x onerror=alert(1)>',
      csr: await requestFor(await makeDeviceKey(), d2.id),
    });
    expect(markup.status).toBe(201);
    expect(markup.body.info.deviceName).toBe('<img src=x onerror=alert(1)>');
    // The certificate names whom the server says, not what the request says.
    const cert = forge.pki.certificateFromPem(markup.body.certificate);
    expect(cert.subject.getField('CN')).not.toBeNull();
    expect(JSON.stringify(cert.subject.attributes)).not.toContain('onerror');
  });
});

describe('hostile certification requests', () => {
  it('malformed DER, truncated requests and non-requests are refused as CSR_INVALID; the server stays up', async () => {
    const good = Buffer.from(csr, 'base64');
    const bodies = [
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]),
      good.subarray(0, good.length - 7),
      Buffer.concat([good, Buffer.from([0, 0])]),
      Buffer.alloc(4000, 0x30),
      // 2000 nested SEQUENCEs: a parser that recurses without bound overflows its stack.
      Buffer.concat([Buffer.alloc(2000, 0x30).map((_, i) => (i % 2 === 0 ? 0x30 : 0x80)), Buffer.alloc(2000, 0)]),
      Buffer.from('not DER at all, but long enough to pass the base64 schema'),
    ];
    // A refused request counts against its sender (5 in 10 minutes): the bodies go out from two people.
    const d3 = await person('daibieu3');
    const codes = new Map([
      [d2.id, (await enrollmentCode(h.server.url, admin.token, d2.id)).code],
      [d3.id, (await enrollmentCode(h.server.url, admin.token, d3.id)).code],
    ]);
    for (const [i, body] of bodies.entries()) {
      const sender = i < 3 ? d2 : d3;
      const answer = await postJson<{ error: { code: string } }>(`${h.server.url}/api/pki/enroll`, sender.token, {
        code: codes.get(sender.id),
        deviceName: 'Máy rác',
        csr: body.toString('base64'),
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('CSR_INVALID');
    }
    // Two more refused requests and d3 is out of attempts: even a good one waits.
    for (let i = 0; i < 2; i += 1)
      await postJson(`${h.server.url}/api/pki/enroll`, d3.token, {
        code: codes.get(d3.id),
        deviceName: 'Máy rác',
        csr: bodies[0]!.toString('base64'),
      });
    const waiting = await postJson<{ error: { code: string } }>(`${h.server.url}/api/pki/enroll`, d3.token, {
      code: codes.get(d3.id),
      deviceName: 'Máy thật',
      csr: await requestFor(await makeDeviceKey(), d3.id),
    });
    expect(waiting.body.error.code).toBe('RATE_LIMITED');
    // The code was never spent on a refused request.
    const later = await postJson(`${h.server.url}/api/pki/enroll`, d2.token, {
      code: codes.get(d2.id),
      deviceName: 'Máy thật',
      csr: await requestFor(await makeDeviceKey(), d2.id),
    });
    expect(later.status).toBe(201);
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
  });

  it("refuses a request whose signature is not by the key it carries (no certificate for another's key)", async () => {
    const victim = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const mine = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const request = forge.pki.createCertificationRequest();
    request.publicKey = victim.publicKey;
    request.setSubject([{ name: 'commonName', value: 'x' }]);
    request.sign(mine.privateKey, forge.md.sha256.create());
    const der = Buffer.from(forge.asn1.toDer(forge.pki.certificationRequestToAsn1(request)).getBytes(), 'binary');
    const d1code = await enrollmentCode(h.server.url, admin.token, d1.id);
    const answer = await postJson<{ error: { code: string } }>(`${h.server.url}/api/pki/enroll`, d1.token, {
      code: d1code.code,
      deviceName: 'Máy giả',
      csr: der.toString('base64'),
    });
    expect(answer.body.error.code).toBe('CSR_INVALID');
  });
});
