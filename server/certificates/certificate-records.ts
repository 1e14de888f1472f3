import type { CertificateInfo } from '../../shared/protocol/index.js';
import type { CertificatesTable, Db } from '../db/schema.js';

/** A certificate the server issued (or registered as an outside identity), as stored. */
export type CertificateRow = CertificatesTable;

export function publicCertificate(r: CertificateRow): CertificateInfo {
  return {
    serial: r.serial,
    fingerprint: r.fingerprint,
    userId: r.user_id,
    deviceId: r.device_id,
    deviceName: r.device_name,
    commonName: r.common_name,
    issuerName: r.issuer_name,
    outside: r.outside === 1,
    notBefore: r.not_before,
    notAfter: r.not_after,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
  };
}

export function insertCertificate(db: Db, row: CertificateRow): Promise<unknown> {
  return db.insertInto('certificates').values(row).execute();
}

export async function findCertificateByFingerprint(db: Db, fingerprint: string): Promise<CertificateRow | null> {
  return (
    (await db.selectFrom('certificates').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst()) ?? null
  );
}

export function listCertificates(db: Db, userId?: string): Promise<CertificateRow[]> {
  let q = db.selectFrom('certificates').selectAll();
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return q.orderBy('issued_at').orderBy('serial').execute();
}

/** Revoked certificates issued by the meeting CA: what its CRL lists. */
export function listRevokedMeetingCertificates(db: Db): Promise<Pick<CertificateRow, 'serial' | 'revoked_at'>[]> {
  return db
    .selectFrom('certificates')
    .select(['serial', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .where('outside', '=', 0)
    .orderBy('serial')
    .execute();
}
