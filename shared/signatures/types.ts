import type * as pkijs from 'pkijs';

/**
 * A private key as pkijs signs with it: a WebCrypto CryptoKey (shared/ names no DOM or Node
 * type, so the type is taken from pkijs's own signature).
 */
export type SigningKey = Parameters<pkijs.SignedData['sign']>[0];
/** A public key WebCrypto made (for a certification request). */
export type PublicKey = Parameters<pkijs.PublicKeyInfo['importKey']>[0];

export interface CmsSigner {
  /** The signer's certificate, DER. */
  certificate: Uint8Array;
  /** Further certificates to include (intermediates, the CA), DER. */
  chain?: Uint8Array[];
  privateKey: SigningKey;
}

export interface CertificateSummary {
  commonName: string;
  /** In the certificate's order, RFC 4514 escaping: "CN=Nguyễn Văn A, UID=…, O=…". */
  subject: string;
  issuer: string;
  /** Lower-case hex, even length, no leading zero bytes. */
  serialHex: string;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  /** Ours: from the SAN URI `urn:cabinet:user:<id>`, else the subject's UID. */
  userId?: string;
  /** Ours: from the SAN URI `urn:cabinet:device:<id>`. */
  deviceId?: string;
  isCa: boolean;
}

export interface Revocation {
  /** SHA-256 fingerprint (lower-case hex) of the certificate of the CA that issued the revoked one. */
  issuerFingerprint: string;
  serialHex: string;
  revokedAt: Date;
}

export interface TrustPolicy {
  /** Trusted CA certificates, DER. */
  anchors: Uint8Array[];
  /** The time to judge validity and revocation at; default the signing time, else now. */
  at?: Date;
  revocations?: Revocation[];
  /** DER CRLs; each counts only when signed by a certificate of the chain (an anchor). */
  crls?: Uint8Array[];
}

export type CmsFailure =
  | 'MALFORMED'
  | 'CONTENT_CHANGED'
  | 'BAD_SIGNATURE'
  | 'UNTRUSTED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REVOKED'
  | 'NO_SIGNING_CERTIFICATE'
  | 'SIGNING_CERTIFICATE_MISMATCH'
  | 'NOT_FOR_SIGNING';

export type CmsVerification =
  | { ok: true; signer: CertificateSummary; signingTime?: Date; revokedLater?: Date }
  | { ok: false; reason: CmsFailure; detail: string; signer?: CertificateSummary };
