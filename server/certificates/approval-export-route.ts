import type { FastifyInstance } from 'fastify';
import { canInMeeting, APPROVAL_RECORD_TYPE } from '../../shared/domain/index.js';
import { IdSchema, type SignedRecord } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { paperView } from '../documents/document-audience.js';
import { authenticate, sendCode } from '../http/http-errors.js';
import { listApprovalEvidence } from './approval-queries.js';
import { visibleApprovals } from './approval-reads.js';
import type { SignatureServices } from './signature-services.js';

/**
 * The approvals of a meeting as one record signed by the server: each approval as everyone
 * sees it, with the statement, the signer's CMS and certificate exactly as received, so that
 * the record can be checked as a whole (the server's signature) and each approval on its
 * own (`openssl cms -verify -content statement`), without this software.
 */
export function registerApprovalExportRoute(
  app: FastifyInstance,
  deps: { store: Store; signatures: SignatureServices; now: () => Date },
): void {
  const { store, signatures, now } = deps;
  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/approvals/export', async (request, reply) => {
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply;
    // An id that is no id is not looked up (PostgreSQL refuses a NUL in text with an error).
    const meetingId = IdSchema.safeParse(request.params.meetingId);
    const view = meetingId.success ? await paperView(store.db, meetingId.data, auth.user) : null;
    if (!view) return sendCode(reply, 'NOT_FOUND');
    const access = { role: view.viewer.role, status: view.meeting.status };
    const keeper = canInMeeting(auth.user, 'documents:manage', access) || view.viewer.role === 'chair';
    if (!keeper) return sendCode(reply, 'FORBIDDEN');
    const approvals = await visibleApprovals(store.db, view);
    const evidence = new Map((await listApprovalEvidence(store.db, view.meeting.id)).map((e) => [e.id, e]));
    const at = now();
    const record = JSON.stringify({
      type: APPROVAL_RECORD_TYPE,
      meetingId: view.meeting.id,
      meetingTitle: view.meeting.title,
      exportedAt: at.toISOString(),
      exportedBy: { id: auth.user.id, displayName: auth.user.displayName },
      caFingerprint: signatures.ca.fingerprint,
      approvals: approvals.map((a) => {
        const e = evidence.get(a.id);
        return { ...a, statement: e?.statement, signature: e?.signature, certificatePem: e?.certificate_pem };
      }),
    });
    const signed = await signatures.signStatement(record, at);
    const answer: SignedRecord = { record, signature: signed.signature, caCertificate: signatures.ca.certificatePem };
    return reply.header('content-disposition', 'attachment; filename="approvals.json"').send(answer);
  });
}
