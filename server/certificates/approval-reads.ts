import {
  protocolError,
  type Ack,
  type Approval,
  type ApprovalList,
  type CertificateStatus,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { paperView, visibleDocuments, type PaperView } from '../documents/document-audience.js';
import type { UserRecord } from '../users/user-queries.js';
import { listMeetingApprovals } from './approval-queries.js';
import { findCertificateByFingerprint } from './certificate-records.js';

/** The approvals of the papers a viewer may see: those of a paper hidden from them do not exist for them. */
export async function visibleApprovals(db: Db, view: PaperView): Promise<Approval[]> {
  const visible = new Set((await visibleDocuments(db, view)).map((d) => d.id));
  return (await listMeetingApprovals(db, view.meeting.id)).filter((a) => visible.has(a.documentId));
}

export async function approvalList(store: Store, user: UserRecord, meetingId: string): Promise<Ack<ApprovalList>> {
  return store.snapshot(async (db) => {
    const view = await paperView(db, meetingId, user);
    if (!view) return { ok: false, error: protocolError('NOT_FOUND') };
    return { ok: true, data: { meetingId, approvals: await visibleApprovals(db, view) } };
  });
}

/** A device asks after its own certificate at every connection: a revoked one wipes its cache. */
export async function certificateStatus(
  db: Db,
  user: UserRecord,
  fingerprint: string,
): Promise<Ack<CertificateStatus>> {
  const row = await findCertificateByFingerprint(db, fingerprint);
  if (!row || row.user_id !== user.id) return { ok: true, data: { status: 'unknown', revokedAt: null, reason: null } };
  if (row.revoked_at === null) return { ok: true, data: { status: 'valid', revokedAt: null, reason: null } };
  return { ok: true, data: { status: 'revoked', revokedAt: row.revoked_at, reason: row.revocation_reason } };
}
