import { webcrypto } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSealedKey, type PinSealedKey } from '../../shared/client/index.js';
import type { LoginResponse } from '../../shared/protocol/index.js';
import type { TokenSealer } from '../../electron/cache/token-sealer.js';
import { openDesktopCore, type DesktopCore } from '../../electron/core/desktop-core.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { enrollmentCode } from '../support/signing-device.js';
import { DesktopRig, waitFor } from './desktop-harness.js';

/**
 * The desktop core signs in its main process: the key is made there, kept in the cache file
 * sealed under the PIN and again by the OS key store (a stand-in here), survives a restart,
 * and is never on disk as itself.
 */

const rig = new DesktopRig();
const cores: DesktopCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  await rig.cleanup();
});

const PIN = '13572468';
/** Stands in for safeStorage: reversible, and visibly not the input. */
const osSealer: TokenSealer = {
  seal: (text) => Buffer.from(text, 'utf8').reverse().toString('hex'),
  open: (sealed) => Buffer.from(sealed, 'hex').reverse().toString('utf8'),
};

function open(dataDir: string): DesktopCore {
  const core = openDesktopCore({
    dataDir,
    ackTimeoutMs: 3_000,
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
    identitySealer: osSealer,
  });
  cores.push(core);
  return core;
}

async function login(username: string): Promise<LoginResponse> {
  const res = await fetch(`${rig.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: rig.password(username) }),
  });
  return (await res.json()) as LoginResponse;
}

/** The PKCS#8 the PIN layer holds: decrypted here only to look for it on disk. */
async function plainKey(sealed: PinSealedKey, pin: string): Promise<Buffer> {
  const material = await webcrypto.subtle.importKey('raw', Buffer.from(pin), 'PBKDF2', false, ['deriveKey']);
  const key = await webcrypto.subtle.deriveKey(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: Buffer.from(sealed.kdf.salt, 'base64'),
      iterations: sealed.kdf.iterations,
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const iv = Buffer.from(sealed.cipher.iv, 'base64');
  return Buffer.from(await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, Buffer.from(sealed.data, 'base64')));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function expectNowhere(dir: string, pkcs8: Buffer): void {
  const needles = [pkcs8, Buffer.from(pkcs8.toString('base64')), pkcs8.subarray(0, 64)];
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) expect(bytes.indexOf(needle), file).toBe(-1);
  }
}

describe('desktop signing', () => {
  it('enrols in the main process, keeps the key sealed on disk, and signs again after a restart', async () => {
    await rig.startServer();
    const dataDir = rig.tempDir('signing');
    const first = open(dataDir);
    await rig.signIn(first, 'daibieu1');
    await waitFor(() => first.client.getState().connection === 'online', 5000, 'online');
    const userId = first.client.getState().user!.id;
    const secretary = await login('thuky');
    const code = await enrollmentCode(rig.url, secretary.token, userId);
    const enrolled = await first.client.enrollDevice({
      code: code.code,
      caFingerprint: code.caFingerprint,
      deviceName: 'Máy tính bảng phòng họp',
      pin: PIN,
    });
    expect(enrolled).toMatchObject({ ok: true, data: { userId, outside: false } });
    expect(first.client.getState().identity).toMatchObject({ userId, caFingerprint: code.caFingerprint });

    const stored = await first.identities.load(userId);
    const sealed = parseSealedKey(stored!.sealedKey)!;
    expect(sealed.kdf.iterations).toBeGreaterThanOrEqual(310_000);
    const pkcs8 = await plainKey(sealed, PIN);
    expect(pkcs8[0]).toBe(0x30); // a DER SEQUENCE: the real key, to look for
    // On disk the PIN-sealed key is sealed once more (the OS layer): not even its JSON is there.
    expectNowhere(dataDir, pkcs8);
    for (const file of filesUnder(dataDir)) expect(readFileSync(file).indexOf(sealed.data), file).toBe(-1);

    first.close();
    expectNowhere(dataDir, pkcs8);

    const second = open(dataDir);
    second.client.start();
    await waitFor(() => second.client.getState().connection === 'online', 5000, 'online again');
    await waitFor(() => second.client.getState().identity !== null, 5000, 'the identity after the restart');
    const meetingId = Object.keys(second.client.getState().meetings)[0]!;
    const doc = await mustUpload(rig.url, secretary.token, meetingId, await makePdf({ pages: ['Tờ trình'] }), {
      title: 'Báo cáo tổng kết',
    });
    await waitFor(() => (second.client.getState().documents[meetingId] ?? []).some((d) => d.id === doc.id));
    const approval = await second.client.approveDocument({
      meetingId,
      documentId: doc.id,
      version: doc.version,
      decision: 'reject',
      reason: 'Cần bổ sung số liệu quý IV',
      pin: PIN,
    });
    expect(approval).toMatchObject({ ok: true, data: { meetingId } });
    await waitFor(() => (second.client.getState().approvals[meetingId] ?? []).length === 1, 5000, 'recorded');
    expect(second.client.getState().approvals[meetingId]![0]).toMatchObject({
      decision: 'reject',
      reason: 'Cần bổ sung số liệu quý IV',
      verification: 'verified',
    });
    expectNowhere(dataDir, pkcs8);

    // Signing out keeps the person's identity on the device; forgetting it erases it.
    await second.client.logout();
    expect(await second.identities.load(userId)).not.toBeNull();
    await rig.signIn(second, 'daibieu1');
    await waitFor(() => second.client.getState().identity !== null, 5000, 'the identity after signing in');
    await second.client.forgetIdentity();
    expect(second.client.getState().identity).toBeNull();
    expect(await second.identities.load(userId)).toBeNull();
  });
});
