import { uuidv7 } from 'uuidv7';
import type { User } from '../protocol/index.js';
import { bytesEqual } from '../signatures/bytes.js';
import { parseCertificate } from '../signatures/certificate.js';
import { makeCertificationRequest, type PublicKey, type SigningKey } from '../signatures/index.js';
import type { DeviceIdentity } from './signing-api.js';
import type { StoredIdentity } from './identity-vault.js';
import { pinAttemptsLeft } from './pin-lock.js';
import type { CryptoKeyLike, CryptoKeyPairLike, WebCryptoLike } from './web-crypto.js';

/** A device's key pair: RSA 2048 (what the meeting CA certifies), extractable only so it can be sealed. */
export async function makeDeviceKeyPair(crypto: WebCryptoLike): Promise<CryptoKeyPairLike> {
  return (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPairLike;
}

/** The PKCS#10 request for this person and a device id of the device's own making. */
export function certificationRequest(keys: CryptoKeyPairLike, user: User): Promise<Uint8Array> {
  return makeCertificationRequest({
    publicKey: keys.publicKey as unknown as PublicKey,
    privateKey: asSigningKey(keys.privateKey),
    commonName: user.displayName,
    userId: user.id,
    deviceId: uuidv7(),
  });
}

/** Whether the certificate certifies this very public key (the CA did not swap it). */
export async function certifiesKey(crypto: WebCryptoLike, certificateDer: Uint8Array, publicKey: CryptoKeyLike) {
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
  const certified = new Uint8Array(parseCertificate(certificateDer).subjectPublicKeyInfo.toSchema().toBER(false));
  return bytesEqual(spki, certified);
}

/** pkijs types its keys with the DOM's CryptoKey, which shared/ cannot name. */
export function asSigningKey(key: CryptoKeyLike): SigningKey {
  return key as unknown as SigningKey;
}

export function publicIdentity(stored: StoredIdentity): DeviceIdentity {
  return {
    userId: stored.userId,
    certificate: stored.info,
    caFingerprint: stored.caFingerprint,
    pinAttemptsLeft: pinAttemptsLeft(stored),
    pinLockedUntil: stored.lockedUntil,
  };
}
