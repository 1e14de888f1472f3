import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bytesEqual, digest, serialHexOf } from './bytes.js';
import { parseAsn1, serialHexOfCertificate, summarize } from './certificate.js';
import { OID } from './oids.js';
import { judgeTrust } from './trust.js';
import type { CertificateSummary, CmsFailure, CmsVerification, TrustPolicy } from './types.js';

/**
 * Verifying a detached CMS SignedData against its content and a trust policy. Never throws:
 * anything that does not parse, or is not the one-signer detached shape, is MALFORMED.
 */

type Digest = 'SHA-256' | 'SHA-384' | 'SHA-512';
const DIGESTS: Readonly<Record<string, Digest>> = {
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

class Refusal extends Error {
  constructor(
    readonly reason: CmsFailure,
    detail: string,
  ) {
    super(detail);
  }
}

function refuse(reason: CmsFailure, detail: string): never {
  throw new Refusal(reason, detail);
}

/** The single value of the signed attribute `type`; refuses duplicates. */
function single(attrs: pkijs.Attribute[], type: string): asn1js.AsnType | undefined {
  const found = attrs.filter((a) => a.type === type);
  if (found.length === 0) return undefined;
  if (found.length > 1 || found[0]!.values.length !== 1)
    refuse('MALFORMED', `signed attribute ${type} is not single-valued`);
  return found[0]!.values[0] as asn1js.AsnType;
}

function parseSignedData(cms: Uint8Array): pkijs.SignedData {
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: parseAsn1(cms, 'CMS') });
    if (info.contentType !== OID.signedData) refuse('MALFORMED', `not SignedData but ${info.contentType}`);
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    if (e instanceof Refusal) throw e;
    refuse('MALFORMED', `not a CMS SignedData: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (signedData.signerInfos.length !== 1)
    refuse('MALFORMED', `${signedData.signerInfos.length} signers, expected exactly one`);
  if (signedData.encapContentInfo.eContent)
    refuse('MALFORMED', 'the content is embedded, expected a detached signature');
  return signedData;
}

function signerCertificate(
  signedData: pkijs.SignedData,
  info: pkijs.SignerInfo,
): { cert: pkijs.Certificate; der: Uint8Array } {
  const sid: unknown = info.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber))
    refuse('MALFORMED', 'the signer is named by key id; expected issuer and serial');
  const cert = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
  );
  if (!cert) refuse('MALFORMED', 'the signer certificate is not included');
  return { cert, der: new Uint8Array(cert.toSchema().toBER(false)) };
}

function includedCertificates(signedData: pkijs.SignedData): Uint8Array[] {
  return (signedData.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new Uint8Array(c.toSchema().toBER(false)));
}

async function checkSignature(info: pkijs.SignerInfo, cert: pkijs.Certificate, hash: Digest): Promise<void> {
  const attrs = info.signedAttrs!;
  const algorithm = info.signatureAlgorithm;
  let valid = false;
  try {
    const engine = pkijs.getCrypto(true);
    valid =
      algorithm.algorithmId === '1.2.840.113549.1.1.1'
        ? await engine.verifyWithPublicKey(
            attrs.encodedValue,
            info.signature,
            cert.subjectPublicKeyInfo,
            algorithm,
            hash,
          )
        : await engine.verifyWithPublicKey(attrs.encodedValue, info.signature, cert.subjectPublicKeyInfo, algorithm);
    if (valid && algorithm.algorithmId !== '1.2.840.113549.1.1.1') {
      const implied = pkijs.getCrypto(true).getHashAlgorithm(algorithm);
      if (implied.toUpperCase() !== hash)
        refuse('MALFORMED', `signature algorithm hashes with ${implied}, digest is ${hash}`);
    }
  } catch (e) {
    if (e instanceof Refusal) throw e;
    refuse('BAD_SIGNATURE', `the signature does not verify: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!valid) refuse('BAD_SIGNATURE', 'the signature does not verify with the signer certificate');
}

/** ESSCertIDv2 (RFC 5035): the hash of the signer certificate (SHA-256 unless named) and, optionally, its serial. */
async function checkSigningCertificate(
  value: asn1js.AsnType | undefined,
  signerDer: Uint8Array,
  cert: pkijs.Certificate,
): Promise<void> {
  if (!value)
    refuse(
      'NO_SIGNING_CERTIFICATE',
      'no signing-certificate-v2 attribute: the signer certificate is not bound to the signature',
    );
  const certs = value instanceof asn1js.Sequence ? value.valueBlock.value[0] : undefined;
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.Sequence)) refuse('MALFORMED', 'signing-certificate-v2 has no ESSCertIDv2');
  const parts = [...first.valueBlock.value];
  let hash: Digest = 'SHA-256';
  if (parts[0] instanceof asn1js.Sequence) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: parts.shift() });
    const named = DIGESTS[algorithm.algorithmId];
    if (!named) refuse('MALFORMED', `signing-certificate-v2 hashes with ${algorithm.algorithmId}`);
    hash = named;
  }
  const certHash = parts[0];
  if (!(certHash instanceof asn1js.OctetString)) refuse('MALFORMED', 'signing-certificate-v2 has no certificate hash');
  if (!bytesEqual(certHash.valueBlock.valueHexView, await digest(hash, signerDer)))
    refuse('SIGNING_CERTIFICATE_MISMATCH', 'signing-certificate-v2 names another certificate than the one included');
  const issuerSerial = parts[1];
  if (issuerSerial instanceof asn1js.Sequence) {
    const serial = issuerSerial.valueBlock.value[1];
    if (
      !(serial instanceof asn1js.Integer) ||
      serialHexOf(serial.valueBlock.valueHexView) !== serialHexOfCertificate(cert)
    )
      refuse('SIGNING_CERTIFICATE_MISMATCH', 'signing-certificate-v2 names another serial number');
  }
}

function signingTimeOf(value: asn1js.AsnType | undefined): Date | undefined {
  if (value === undefined) return undefined;
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  refuse('MALFORMED', 'signingTime is not a time');
}

async function verify(
  cms: Uint8Array,
  content: Uint8Array,
  policy: TrustPolicy,
  seen: { signer?: CertificateSummary },
): Promise<CmsVerification> {
  const signedData = parseSignedData(cms);
  const info = signedData.signerInfos[0]!;
  const signer = signerCertificate(signedData, info);
  seen.signer = await summarize(signer.cert, signer.der);
  const attrs = info.signedAttrs?.attributes;
  if (!attrs || attrs.length === 0) refuse('MALFORMED', 'no signed attributes');
  const hash = DIGESTS[info.digestAlgorithm.algorithmId];
  if (!hash) refuse('MALFORMED', `unsupported digest ${info.digestAlgorithm.algorithmId}`);
  if (!signedData.digestAlgorithms.some((a) => a.algorithmId === info.digestAlgorithm.algorithmId))
    refuse('MALFORMED', "the signer's digest is not among the SignedData's digest algorithms");
  const contentType = single(attrs, OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.getValue() !== OID.data)
    refuse('MALFORMED', 'the contentType attribute is missing or not id-data');
  const messageDigest = single(attrs, OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) refuse('MALFORMED', 'no messageDigest attribute');
  if (!bytesEqual(messageDigest.valueBlock.valueHexView, await digest(hash, content)))
    refuse('CONTENT_CHANGED', 'the content is not what was signed (message digest differs)');
  await checkSignature(info, signer.cert, hash);
  await checkSigningCertificate(single(attrs, OID.signingCertificateV2), signer.der, signer.cert);
  const signingTime = signingTimeOf(single(attrs, OID.signingTime));
  const at = policy.at ?? signingTime ?? new Date();
  const trust = await judgeTrust(signer, includedCertificates(signedData), policy, at);
  if (!trust.ok) return { ok: false, reason: trust.reason, detail: trust.detail, signer: seen.signer };
  const result: CmsVerification = { ok: true, signer: seen.signer };
  if (signingTime) result.signingTime = signingTime;
  if (trust.revokedLater) result.revokedLater = trust.revokedLater;
  return result;
}

export async function verifyDetachedCms(
  cms: Uint8Array,
  content: Uint8Array,
  policy: TrustPolicy,
): Promise<CmsVerification> {
  const seen: { signer?: CertificateSummary } = {};
  try {
    return await verify(cms, content, policy, seen);
  } catch (e) {
    const failure: CmsVerification =
      e instanceof Refusal
        ? { ok: false, reason: e.reason, detail: e.message }
        : { ok: false, reason: 'MALFORMED', detail: e instanceof Error ? e.message : String(e) };
    if (seen.signer) failure.signer = seen.signer;
    return failure;
  }
}
