import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import {
  approvalStatement,
  maySeeDocument,
  SIGNING_TIME_TOLERANCE_MS,
  statementBytes,
} from '../../shared/domain/index.js';
import { findDocument } from '../documents/document-queries.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { roleInMeeting } from '../meetings/meeting-queries.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';

/** A person may change their mind on a version, within reason: past this it is a script. */
export const MAX_DECISIONS_PER_VERSION = 20;
const TOO_MANY_DECISIONS = {
  vi: `Mỗi người ký tối đa ${MAX_DECISIONS_PER_VERSION} lần cho một phiên bản tài liệu.`,
  en: `A person signs at most ${MAX_DECISIONS_PER_VERSION} decisions on one version of a document.`,
};
const NO_CA = { vi: 'Máy chủ chưa có CA để kiểm tra chữ ký.', en: 'The server has no CA to check signatures with.' };

/**
 * A participant's signed approval (or rejection) of the current version of a document. The
 * statement is rebuilt here from the command and the document as the database holds it, so
 * a signature over anything else (another version, another paper, another decision, another
 * person) fails; the certificate is judged at this moment, by the server's clock.
 */
export const approveDocument: CommandHandler<'document:approve'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'document:approve');
  // Before the id is looked up: a paper kept from the signer answers as no paper does.
  if (meeting.documentsRecalledAt !== null) throw new CommandRejected('DOCUMENTS_RECALLED');
  const doc = await findDocument(ctx.db, cmd.documentId);
  const viewer = { ...ctx.actor, role: await roleInMeeting(ctx.db, meeting.id, ctx.actor.id) };
  if (!doc || doc.meetingId !== meeting.id) throw new CommandRejected('NOT_FOUND');
  if (!maySeeDocument(viewer, meeting, doc.visibleTo)) throw new CommandRejected('NOT_FOUND');
  if (cmd.version !== doc.version) throw new CommandRejected('STALE_DOCUMENT_VERSION');
  if (Math.abs(Date.parse(cmd.signedAt) - ctx.now.getTime()) > SIGNING_TIME_TOLERANCE_MS)
    throw new CommandRejected('SIGNING_TIME_SKEW');
  if (!ctx.signatures) throw new CommandRejected('INTERNAL', NO_CA);

  const statement = approvalStatement({
    meetingId: meeting.id,
    agendaItemId: doc.agendaItemId,
    documentId: doc.id,
    documentTitle: doc.title,
    version: doc.version,
    sha256: doc.sha256,
    decision: cmd.decision,
    reason: cmd.reason ?? '',
    signerId: ctx.actor.id,
    signedAt: cmd.signedAt,
  });
  const cms = Buffer.from(cmd.signature, 'base64');
  const checked = await ctx.signatures.checkPersonSignature(
    ctx.db,
    ctx.actor.id,
    cms,
    statementBytes(statement),
    ctx.now,
  );
  if (!checked.ok) throw new CommandRejected(checked.code);
  // The statement names the signer and the moment: the same one again is a replay, whatever
  // was changed around the signature (unsigned attributes, extra certificates need no key).
  const statementHash = createHash('sha256').update(statement).digest('hex');
  const seen = await ctx.db
    .selectFrom('document_approvals')
    .select('id')
    .where('statement_hash', '=', statementHash)
    .executeTakeFirst();
  if (seen) throw new CommandRejected('SIGNATURE_REPLAYED');
  const earlier = await ctx.db
    .selectFrom('document_approvals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('document_id', '=', doc.id)
    .where('version', '=', doc.version)
    .where('user_id', '=', ctx.actor.id)
    .executeTakeFirstOrThrow();
  if (Number(earlier.n) >= MAX_DECISIONS_PER_VERSION) throw new CommandRejected('CONFLICT', TOO_MANY_DECISIONS);

  const id = uuidv7();
  await ctx.db
    .insertInto('document_approvals')
    .values({
      id,
      meeting_id: meeting.id,
      document_id: doc.id,
      version: doc.version,
      sha256: doc.sha256,
      user_id: ctx.actor.id,
      decision: cmd.decision,
      reason: cmd.reason ? cmd.reason : null,
      signed_at: cmd.signedAt,
      received_at: ctx.now.toISOString(),
      certificate_fingerprint: checked.certificate.fingerprint,
      statement,
      signature: cms.toString('base64'),
      statement_hash: statementHash,
    })
    .execute();
  return {
    meetingId: meeting.id,
    changes: [],
    approvalNotices: [{ meetingId: meeting.id, approvalId: id }],
    auditDetail: {
      approvalId: id,
      documentId: doc.id,
      version: doc.version,
      sha256: doc.sha256,
      decision: cmd.decision,
      certificate: checked.certificate.serial,
    },
  };
};
