/** CMS signatures, certificates, requests and CRLs on pkijs + WebCrypto: runs in Node and in browsers. */
export { signDetachedCms } from './cms-sign.js';
export { verifyDetachedCms } from './cms-verify.js';
export { describeCertificate } from './certificate.js';
export { makeCertificationRequest, readCertificationRequest, type RequestSummary } from './csr.js';
export { makeRevocationList, type RevokedEntry } from './crl.js';
export { fingerprintOf, fromHex, normalizeSerialHex, sha256, toHex } from './bytes.js';
export type {
  CertificateSummary,
  CmsFailure,
  CmsSigner,
  CmsVerification,
  PublicKey,
  Revocation,
  SigningKey,
  TrustPolicy,
} from './types.js';
