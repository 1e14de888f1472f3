import { VOTE_RESULT_STATEMENT_TYPE } from '../../shared/domain/index.js';
import type { Meeting, ResultSignature, Vote } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { SignatureServices } from './signature-services.js';

/**
 * The statement of a published result: the question, the rules it was decided by, when it
 * was opened, closed and published, and the result itself. Signed by the server with a
 * certificate of the meeting CA, so the minutes and any outside party can check that this is
 * what the room decided (`openssl cms -verify -content statement.json`).
 */
export function voteResultStatement(meeting: Meeting, vote: Vote): string {
  return JSON.stringify({
    type: VOTE_RESULT_STATEMENT_TYPE,
    meetingId: meeting.id,
    meetingTitle: meeting.title,
    voteId: vote.id,
    agendaItemId: vote.agendaItemId,
    question: vote.question,
    kind: vote.kind,
    options: vote.options,
    rule: vote.rule,
    base: vote.base,
    quorum: vote.quorum,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    publishedAt: vote.publishedAt,
    result: vote.result,
  });
}

export async function signPublishedResult(
  db: Db,
  signatures: SignatureServices,
  meeting: Meeting,
  vote: Vote,
  now: Date,
): Promise<void> {
  const signed = await signatures.signStatement(voteResultStatement(meeting, vote), now);
  await db
    .insertInto('vote_result_signatures')
    .values({
      vote_id: vote.id,
      statement: signed.statement,
      signature: signed.signature,
      signed_at: signed.signedAt,
      signer_common_name: signed.signer.commonName,
      signer_serial: signed.signer.serial,
      signer_fingerprint: signed.signer.fingerprint,
    })
    .execute();
}

export async function findResultSignature(db: Db, voteId: string): Promise<ResultSignature | null> {
  const r = await db.selectFrom('vote_result_signatures').selectAll().where('vote_id', '=', voteId).executeTakeFirst();
  if (!r) return null;
  return {
    statement: r.statement,
    signature: r.signature,
    signedAt: r.signed_at,
    signer: { commonName: r.signer_common_name, serial: r.signer_serial, fingerprint: r.signer_fingerprint },
  };
}
