import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { serialBytesOf, serialHexOf, toArrayBuffer } from './bytes.js';
import { extensionOf, parseAsn1, parseCertificate } from './certificate.js';
import { OID } from './oids.js';
import type { SigningKey } from './types.js';

/** Certificate revocation lists: making one (the meeting CA) and reading one (the verifier). */

export interface RevokedEntry {
  serialHex: string;
  revokedAt: Date;
}

function time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

function authorityKeyIdentifier(issuer: pkijs.Certificate): pkijs.Extension | null {
  const ski: unknown = extensionOf(issuer, '2.5.29.14')?.parsedValue;
  if (!(ski instanceof asn1js.OctetString)) return null;
  const aki = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: toArrayBuffer(ski.valueBlock.valueHexView) }),
  });
  return new pkijs.Extension({
    extnID: OID.authorityKeyIdentifier,
    critical: false,
    extnValue: aki.toSchema().toBER(false),
  });
}

/** A DER CRL (v2, CRL number, the issuer's key id), signed with the issuer's key (SHA-256). */
export async function makeRevocationList(params: {
  issuerCertificate: Uint8Array;
  issuerKey: SigningKey;
  revoked: RevokedEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
}): Promise<Uint8Array> {
  const issuer = parseCertificate(params.issuerCertificate);
  const extensions = [
    new pkijs.Extension({
      extnID: OID.crlNumber,
      critical: false,
      extnValue: new asn1js.Integer({ value: params.crlNumber }).toBER(false),
    }),
  ];
  const aki = authorityKeyIdentifier(issuer);
  if (aki) extensions.push(aki);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.subject,
    thisUpdate: time(params.thisUpdate),
    nextUpdate: time(params.nextUpdate),
    crlExtensions: new pkijs.Extensions({ extensions }),
  });
  if (params.revoked.length > 0) {
    crl.revokedCertificates = params.revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: toArrayBuffer(serialBytesOf(r.serialHex)) }),
          revocationDate: time(r.revokedAt),
        }),
    );
  }
  await crl.sign(params.issuerKey, 'SHA-256');
  return new Uint8Array(crl.toSchema().toBER(false));
}

export function parseRevocationList(der: Uint8Array): pkijs.CertificateRevocationList {
  return new pkijs.CertificateRevocationList({ schema: parseAsn1(der, 'CRL') });
}

/** The entries of a CRL, when (and only when) `issuer` signed it. */
export async function revokedBy(
  crl: pkijs.CertificateRevocationList,
  issuer: pkijs.Certificate,
): Promise<RevokedEntry[] | null> {
  if (!crl.issuer.isEqual(issuer.subject)) return null;
  let signed = false;
  try {
    signed = await crl.verify({ issuerCertificate: issuer });
  } catch {
    signed = false;
  }
  if (!signed) return null;
  return (crl.revokedCertificates ?? []).map((r) => ({
    serialHex: serialHexOf(r.userCertificate.valueBlock.valueHexView),
    revokedAt: r.revocationDate.value,
  }));
}
