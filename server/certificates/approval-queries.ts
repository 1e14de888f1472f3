import type { Approval } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

function selectApprovals(db: Db) {
  return db
    .selectFrom('document_approvals as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .innerJoin('certificates as c', 'c.fingerprint', 'a.certificate_fingerprint')
    .select([
      'a.id',
      'a.meeting_id',
      'a.document_id',
      'a.version',
      'a.sha256',
      'a.decision',
      'a.reason',
      'a.signed_at',
      'a.received_at',
      'a.user_id',
      'u.display_name',
      'c.serial',
      'c.fingerprint',
      'c.common_name',
      'c.issuer_name',
      'c.device_name',
      'c.outside',
      'c.revoked_at',
    ]);
}
type ApprovalRow = Awaited<ReturnType<ReturnType<typeof selectApprovals>['executeTakeFirstOrThrow']>>;

function toApproval(r: ApprovalRow): Approval {
  // Recorded only after its certificate was checked valid and unrevoked at `received_at`: a
  // later revocation leaves it standing, and says so.
  const revokedLater = r.revoked_at !== null && r.revoked_at > r.received_at;
  return {
    id: r.id,
    meetingId: r.meeting_id,
    documentId: r.document_id,
    version: r.version,
    sha256: r.sha256,
    decision: r.decision,
    reason: r.reason,
    signedAt: r.signed_at,
    receivedAt: r.received_at,
    signer: { id: r.user_id, displayName: r.display_name },
    certificate: {
      serial: r.serial,
      fingerprint: r.fingerprint,
      commonName: r.common_name,
      issuerName: r.issuer_name,
      deviceName: r.device_name,
      outside: r.outside === 1,
    },
    verification: revokedLater ? 'revoked-later' : 'verified',
    revokedAt: revokedLater ? r.revoked_at : null,
  };
}

export async function findApproval(db: Db, id: string): Promise<Approval | null> {
  const row = await selectApprovals(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toApproval(row) : null;
}

/** Oldest first, so that the newest decision of a person on a version comes last. */
export async function listMeetingApprovals(db: Db, meetingId: string): Promise<Approval[]> {
  const rows = await selectApprovals(db)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.received_at')
    .orderBy('a.id')
    .execute();
  return rows.map(toApproval);
}

/** What a signed export carries of each approval: the statement and signature as received. */
export function listApprovalEvidence(db: Db, meetingId: string) {
  return db
    .selectFrom('document_approvals as a')
    .innerJoin('certificates as c', 'c.fingerprint', 'a.certificate_fingerprint')
    .select(['a.id', 'a.document_id', 'a.statement', 'a.signature', 'c.certificate_pem'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.received_at')
    .orderBy('a.id')
    .execute();
}
