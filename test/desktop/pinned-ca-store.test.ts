import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_CA_FILE_NAME, PinnedCaStore, httpsOrigin } from '../../electron/tls/pinned-ca-store.js';
import { ServerTrust } from '../../electron/tls/server-trust.js';
import { certificateFingerprint } from '../../electron/tls/pinning.js';
import { makeCa, type TestCa } from '../support/test-pki.js';

/** The pinned CAs' file: whole or not at all, 0600, and what is damaged in it is not trusted. */

const dirs: string[] = [];
let ca: TestCa;
let other: TestCa;

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-pins-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  ca = await makeCa('CA phòng họp A');
  other = await makeCa('CA phòng họp B');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('pinned CA store', () => {
  it('keeps one CA per https origin, in a 0600 file written whole, and reads it back', () => {
    const dir = temp();
    const store = new PinnedCaStore(dir);
    expect(store.get('https://10.0.0.5:8443/x')).toBeUndefined();
    const pin = store.set('https://10.0.0.5:8443/api', ca.pem);
    expect(pin).toMatchObject({ origin: 'https://10.0.0.5:8443', fingerprint: certificateFingerprint(ca.pem) });
    expect(() => store.set('http://10.0.0.5:8080', ca.pem)).toThrow(/https/);
    const file = join(dir, PINNED_CA_FILE_NAME);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual([PINNED_CA_FILE_NAME]);
    const again = new PinnedCaStore(dir);
    expect(again.get('https://10.0.0.5:8443')).toEqual(pin);
    expect(again.hasPinnedHost('10.0.0.5')).toBe(true);
    expect(again.hasPinnedHost('10.0.0.6')).toBe(false);
  });

  it('drops an entry whose certificate does not match its fingerprint, and sets an unreadable file aside', () => {
    const dir = temp();
    new PinnedCaStore(dir).set('https://a.lan', ca.pem);
    new PinnedCaStore(dir).set('https://b.lan', other.pem);
    const file = join(dir, PINNED_CA_FILE_NAME);
    const body = JSON.parse(readFileSync(file, 'utf8')) as { servers: { origin: string; caPem: string }[] };
    // Someone swaps the CA of a.lan for another one, leaving the fingerprint.
    const a = body.servers.find((s) => s.origin === 'https://a.lan');
    if (a) a.caPem = other.pem;
    writeFileSync(file, JSON.stringify(body));
    const warnings: string[] = [];
    const store = new PinnedCaStore(dir, (m) => warnings.push(m));
    expect(store.get('https://a.lan')).toBeUndefined();
    expect(store.get('https://b.lan')?.caPem).toBe(other.pem);
    expect(warnings).toHaveLength(1);

    writeFileSync(file, '{ not json');
    const empty = new PinnedCaStore(dir, (m) => warnings.push(m));
    expect(empty.list()).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith(`${PINNED_CA_FILE_NAME}.unreadable-`))).toBe(true);
  });

  it('the trust: https needs a pin, a pinned host is never reached over http, an unpinned http one is', () => {
    const trust = new ServerTrust(new PinnedCaStore(temp()), async () => ca.pem);
    expect(() => trust.tlsFor(new URL('https://a.lan/api'))).toThrow(/does not trust its CA/);
    expect(trust.tlsFor(new URL('http://a.lan:8080/api'))).toBeNull();
    expect(trust.refusal('https://a.lan')).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED' });
    expect(trust.refusal('http://a.lan:8080')).toBeNull();
    expect(httpsOrigin('http://a.lan')).toBeNull();
  });

  it('pins what the probe found, keeps the first CA of an origin', async () => {
    const trust = new ServerTrust(new PinnedCaStore(temp()), async () => ca.pem);
    const answer = await trust.trust('https://a.lan:8443/#/enroll', certificateFingerprint(ca.pem));
    expect(answer).toMatchObject({ ok: true, data: { origin: 'https://a.lan:8443', subject: 'CA phòng họp A' } });
    expect(trust.tlsFor(new URL('https://a.lan:8443/api'))?.ca).toEqual([ca.pem]);
    expect(() => trust.tlsFor(new URL('http://a.lan:8443/api'))).toThrow(/unencrypted http/);
    expect(await trust.trust('https://a.lan:8443', certificateFingerprint(other.pem))).toMatchObject({
      ok: false,
      error: { message: { en: expect.stringMatching(/already trusts another CA/) } },
    });
  });
});
