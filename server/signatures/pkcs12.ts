import { X509Certificate, createPrivateKey, webcrypto, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { describeCertificate } from '../../shared/signatures/index.js';
import type { CertificateSummary, CmsSigner, SigningKey } from '../../shared/signatures/index.js';

/**
 * PKCS#12 files (.p12/.pfx) to a CMS signer: node-forge decrypts the file (it reads OpenSSL
 * 3's defaults: AES-256-CBC, PBKDF2, SHA-256 MAC), Node's crypto reads the key (RSA, or an EC
 * key forge leaves undecoded) and WebCrypto gets it as a non-extractable signing key.
 */

export class Pkcs12Error extends Error {}

/** A PKCS#8 private key as a WebCrypto signing key: RSASSA-PKCS1-v1_5 or ECDSA (P-256, P-384), SHA-256. */
export async function importSigningKey(pkcs8Der: Uint8Array): Promise<SigningKey> {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(pkcs8Der), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new Pkcs12Error(`unreadable private key: ${e instanceof Error ? e.message : String(e)}`);
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    return webcrypto.subtle.importKey('pkcs8', pkcs8Der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'sign',
    ]);
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : null;
    if (!namedCurve) throw new Pkcs12Error(`EC curve ${curve ?? '?'} is not supported (P-256 or P-384)`);
    return webcrypto.subtle.importKey('pkcs8', pkcs8Der, { name: 'ECDSA', namedCurve }, false, ['sign']);
  }
  throw new Pkcs12Error(`a ${type ?? 'unknown'} key cannot sign here (RSA or EC)`);
}

function derOf(asn1: forge.asn1.Asn1): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

interface Bag {
  key?: forge.pki.PrivateKey | null;
  cert?: forge.pki.Certificate | null;
  asn1?: forge.asn1.Asn1;
}

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): Bag[] {
  return (p12.getBags({ bagType })[bagType] ?? []) as Bag[];
}

function keyDer(bag: Bag): Uint8Array {
  if (bag.key)
    return derOf(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)));
  if (bag.asn1) return derOf(bag.asn1);
  throw new Pkcs12Error('the PKCS#12 key bag is empty');
}

function certDer(bag: Bag): Uint8Array {
  if (bag.cert) return derOf(forge.pki.certificateToAsn1(bag.cert));
  if (bag.asn1) return derOf(bag.asn1);
  throw new Pkcs12Error('the PKCS#12 certificate bag is empty');
}

function refusal(e: unknown): Pkcs12Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/password|MAC|decrypt/i.test(message)) return new Pkcs12Error('cannot open the PKCS#12 file: wrong password?');
  return new Pkcs12Error(`cannot read the PKCS#12 file: ${message}`);
}

function open(bytes: Buffer, password = ''): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
  } catch {
    throw new Pkcs12Error('not a PKCS#12 file');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    // forge checks the MAC first, with the password as Unicode (right); it then derives PBES2
    // keys from the string's char codes, where OpenSSL 3 takes its UTF-8 bytes. A non-ASCII
    // password whose MAC passed gets a second try: the MAC (checked) left out, UTF-8 bytes in.
    const macPassed = !/MAC/.test(e instanceof Error ? e.message : '');
    if (!macPassed || [...password].every((c) => c.charCodeAt(0) < 0x80) || !Array.isArray(asn1.value))
      throw refusal(e);
    try {
      return forge.pkcs12.pkcs12FromAsn1(
        { ...asn1, value: asn1.value.slice(0, 2) },
        false,
        forge.util.encodeUtf8(password),
      );
    } catch (again) {
      throw refusal(again);
    }
  }
}

/** The signer of a PKCS#12 file: its one private key, the certificate of that key, the other certificates as chain. */
export async function loadPkcs12(
  bytes: Buffer,
  password?: string,
): Promise<{ signer: CmsSigner; summary: CertificateSummary }> {
  const p12 = open(bytes, password);
  const keyBags = [...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(p12, forge.pki.oids.keyBag!)];
  if (keyBags.length !== 1)
    throw new Pkcs12Error(`the PKCS#12 file holds ${keyBags.length} private keys, expected one`);
  const pkcs8 = keyDer(keyBags[0]!);
  const keyObject = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const certs = bagsOf(p12, forge.pki.oids.certBag!).map(certDer);
  const own = certs.find((der) => new X509Certificate(der).checkPrivateKey(keyObject));
  if (!own) throw new Pkcs12Error('no certificate in the PKCS#12 file matches its private key');
  const signer: CmsSigner = {
    certificate: own,
    chain: certs.filter((der) => der !== own),
    privateKey: await importSigningKey(pkcs8),
  };
  return { signer, summary: await describeCertificate(own) };
}
