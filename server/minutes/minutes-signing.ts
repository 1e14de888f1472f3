import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { refusedWhenArchived, refusedWhenCancelled } from '../../shared/domain/index.js';
import {
  ByteRangeSchema,
  type LocalizedText,
  type MinutesSigning,
  type MinutesSigningStartAnswer,
} from '../../shared/protocol/index.js';
import type { Db, MinutesSigningsTable } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import {
  completePdfSignature,
  PdfSignError,
  preparePdfSignature,
  signedContent,
  type ByteRange,
} from '../signatures/pdf-sign.js';
import { verifyPdfSignatures } from '../signatures/pdf-verify.js';
import { CommandRejected, type CommandHandler } from '../sync/command-types.js';
import type { UserRecord } from '../users/user-queries.js';
import { findMinutesDraft } from './minutes-drafts.js';
import { minutesAccess } from './minutes-reads.js';
import { renderMinutesPdf } from './minutes-pdf.js';

/**
 * Signing the minutes (issue 12). The secretary freezes a saved draft; the server renders it
 * once and keeps the bytes (`minutes_signings.pdf`): what is signed is that file, never a
 * re-rendering. Each signer in turn asks for a revision prepared for them (a signature field
 * appended as an incremental update, /ByteRange written, /Contents zeros), downloads it,
 * checks the digest of its byte range on their device and signs it there with their own key;
 * the server checks the CMS as it checks an approval (chain to the meeting CA, validity now,
 * not revoked, registered to the sender), writes it into /Contents, verifies the whole file
 * again and keeps it as the file signed so far. The chair signs first, then a secretary
 * (Decree 30/2020/NĐ-CP: who chaired, who recorded). The second signature's revision leaves
 * every byte of the first in place, so both stay valid.
 *
 * Saving the draft again, or finalizing again, abandons a round still open: what was frozen
 * is no longer what the secretary means to sign. A signed round stays signed; a later round,
 * once signed, becomes the next version of the same document.
 */

/** A prepared revision older than this is refused: the /M it carries would no longer be "now". */
export const PREPARED_REVISION_LIFETIME_MS = 10 * 60_000;

const NOT_YOUR_TURN: LocalizedText = {
  vi: 'Chưa đến lượt bạn ký biên bản: chủ tọa ký trước, thư ký ký sau.',
  en: 'It is not your turn to sign the minutes: the chair signs first, then a secretary.',
};
const SIGNED_AS_CHAIR: LocalizedText = {
  vi: 'Bạn đã ký biên bản này với tư cách chủ tọa: thư ký phải là người khác.',
  en: 'You signed these minutes as the chair: the secretary must be another person.',
};
const NOTHING_TO_SIGN: LocalizedText = {
  vi: 'Không có biên bản nào đang chờ chữ ký của bạn. Hãy yêu cầu ký lại.',
  en: 'No minutes await your signature under this id. Ask to sign again.',
};
const PREPARED_TOO_OLD: LocalizedText = {
  vi: 'Bản chuẩn bị để ký đã quá 10 phút. Hãy yêu cầu ký lại.',
  en: 'The revision prepared for signing is more than 10 minutes old. Ask to sign again.',
};
const NO_CA: LocalizedText = {
  vi: 'Máy chủ chưa có CA để kiểm tra chữ ký.',
  en: 'The server has no CA to check signatures with.',
};

type Row = MinutesSigningsTable;
type OpenState = 'awaiting-chair' | 'awaiting-secretary';
const OPEN_STATES: readonly OpenState[] = ['awaiting-chair', 'awaiting-secretary'];
const SIGNER_OF: Record<OpenState, 'chair' | 'secretary'> = {
  'awaiting-chair': 'chair',
  'awaiting-secretary': 'secretary',
};

function toSigning(row: Row): MinutesSigning {
  return {
    id: row.id,
    draftVersion: row.draft_version,
    state: row.state,
    chairSignedBy: row.chair_id,
    chairSignedAt: row.chair_signed_at,
    secretarySignedBy: row.secretary_id,
    secretarySignedAt: row.secretary_signed_at,
    documentId: row.document_id,
    updatedAt: row.updated_at,
  };
}

/** The latest round of a meeting, for `minutes:get`. */
export async function findLatestSigning(db: Db, meetingId: string): Promise<MinutesSigning | null> {
  const row = await db
    .selectFrom('minutes_signings')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? toSigning(row) : null;
}

/** The bytes of the latest signed minutes of a meeting, if any. */
export async function findSignedMinutesPdf(db: Db, meetingId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('minutes_signings')
    .select('pdf')
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'signed')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? Buffer.from(row.pdf) : null;
}

async function findOpenRound(db: Db, meetingId: string): Promise<(Row & { state: OpenState }) | null> {
  const row = await db
    .selectFrom('minutes_signings')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirst();
  return row ? (row as Row & { state: OpenState }) : null;
}

/**
 * A round still open ends `abandoned` (the draft it froze was saved again, or the secretary
 * starts again). One nobody signed keeps no file: the hash of what was frozen is in its
 * finalize's audit, and a secretary finalizing in a loop would otherwise store a rendered PDF
 * (tens of KiB) each time, for ever. One the chair signed keeps the signed file.
 */
export async function abandonOpenSigning(db: Db, meetingId: string, at: string): Promise<boolean> {
  let abandoned = false;
  for (const state of OPEN_STATES) {
    const result = await db
      .updateTable('minutes_signings')
      .set({
        state: 'abandoned',
        ...(state === 'awaiting-chair' && { pdf: Buffer.alloc(0) }),
        pending_id: null,
        pending_pdf: null,
        pending_range: null,
        pending_time: null,
        pending_for: null,
        updated_at: at,
      })
      .where('meeting_id', '=', meetingId)
      .where('state', '=', state)
      .executeTakeFirst();
    abandoned ||= Number(result.numUpdatedRows) > 0;
  }
  return abandoned;
}

/** `minutes:finalize`: the saved draft, rendered once, is what the chair and a secretary will sign. */
export const finalizeMinutes: CommandHandler<'minutes:finalize'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:edit');
  const draft = await findMinutesDraft(ctx.db, meeting.id);
  if (!draft || draft.version !== cmd.version) throw new CommandRejected('STALE_EDIT');
  const at = ctx.now.toISOString();
  const abandoned = await abandonOpenSigning(ctx.db, meeting.id, at);
  // Rendered inside the meeting's lock (about a second): two finalizes never interleave.
  const pdf = await renderMinutesPdf(draft.content);
  const id = uuidv7();
  await ctx.db
    .insertInto('minutes_signings')
    .values({
      id,
      meeting_id: meeting.id,
      draft_version: draft.version,
      state: 'awaiting-chair',
      pdf,
      created_by: ctx.actor.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return {
    meetingId: meeting.id,
    changes: [],
    minutesNotice: {
      meetingId: meeting.id,
      version: draft.version,
      updatedAt: draft.updatedAt,
      updatedBy: draft.updatedBy,
      signing: 'awaiting-chair',
    },
    audit: {
      signingId: id,
      draftVersion: draft.version,
      abandonedEarlier: abandoned,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    },
  };
};

/**
 * Whose turn it is, for this user with this role: a refusal, or null when it is theirs. The
 * two signatures are two people's: whoever signed as chair (and was since made a secretary)
 * never adds the secretary's.
 */
function turnRefusal(
  round: Pick<Row, 'state' | 'chair_id'>,
  userId: string,
  role: string | null,
): LocalizedText | null {
  if (role !== SIGNER_OF[round.state as OpenState]) return NOT_YOUR_TURN;
  return round.state === 'awaiting-secretary' && round.chair_id === userId ? SIGNED_AS_CHAIR : null;
}

export type SigningStart =
  | { ok: true; answer: MinutesSigningStartAnswer }
  | {
      ok: false;
      code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'MEETING_CANCELLED' | 'MEETING_ARCHIVED';
      message?: LocalizedText;
    };

/**
 * Prepares the revision the caller is to sign (replacing one prepared before), under the
 * meeting's lock. Not a command: nothing of the meeting changes until the signature comes.
 */
export async function startSigning(
  store: Store,
  user: UserRecord,
  meetingId: string,
  now: Date,
): Promise<SigningStart> {
  return store.transaction(async (tx): Promise<SigningStart> => {
    await store.lockMeeting(tx, meetingId);
    const meeting = await findMeeting(tx, meetingId);
    const role = meeting ? await roleInMeeting(tx, meetingId, user.id) : null;
    if (!meeting || (await minutesAccess(tx, meetingId, user)) !== 'read') return { ok: false, code: 'NOT_FOUND' };
    if (role !== 'chair' && role !== 'secretary') return { ok: false, code: 'FORBIDDEN' };
    // As \`minutes:sign\` will answer (checkMeetingAccess): an archived or cancelled meeting takes
    // no signature, so none is prepared for the signer to make on their device and lose.
    if (meeting.cancellation !== null && refusedWhenCancelled('minutes:sign'))
      return { ok: false, code: 'MEETING_CANCELLED' };
    if (meeting.archivedAt !== null && refusedWhenArchived('minutes:sign'))
      return { ok: false, code: 'MEETING_ARCHIVED' };
    const round = await findOpenRound(tx, meetingId);
    if (!round) return { ok: false, code: 'CONFLICT', message: NOTHING_TO_SIGN };
    const refusal = turnRefusal(round, user.id, role);
    if (refusal) return { ok: false, code: 'CONFLICT', message: refusal };
    const as = SIGNER_OF[round.state];
    const { prepared, byteRange, signingTime } = await preparePdfSignature(Buffer.from(round.pdf), {
      name: user.displayName,
      reason: as === 'chair' ? 'Chủ tọa ký biên bản cuộc họp' : 'Thư ký ký biên bản cuộc họp',
      location: meeting.place,
      signingTime: now,
    });
    const signingId = uuidv7();
    await tx
      .updateTable('minutes_signings')
      .set({
        pending_id: signingId,
        pending_pdf: prepared,
        pending_range: JSON.stringify(byteRange),
        pending_time: signingTime.toISOString(),
        pending_for: user.id,
        updated_at: now.toISOString(),
      })
      .where('id', '=', round.id)
      .execute();
    const digest = createHash('sha256').update(signedContent(prepared, byteRange)).digest('hex');
    return {
      ok: true,
      answer: {
        signingId,
        byteRange: byteRange as MinutesSigningStartAnswer['byteRange'],
        digest,
        signingTime: signingTime.toISOString(),
        as,
      },
    };
  });
}

/**
 * The prepared revision, for the one it was prepared for only, and only while they still hold
 * the role it was prepared for: a chair demoted or removed since reads no more of the minutes.
 */
export async function preparedRevision(
  db: Db,
  user: UserRecord,
  meetingId: string,
  signingId: string,
): Promise<Buffer | null> {
  const row = await db
    .selectFrom('minutes_signings')
    .select(['pending_pdf', 'pending_for', 'state'])
    .where('meeting_id', '=', meetingId)
    .where('pending_id', '=', signingId)
    .where('state', 'in', OPEN_STATES)
    .executeTakeFirst();
  if (!row?.pending_pdf || row.pending_for !== user.id) return null;
  if ((await roleInMeeting(db, meetingId, user.id)) !== SIGNER_OF[row.state as OpenState]) return null;
  return Buffer.from(row.pending_pdf);
}

/** `minutes:sign`: the signer's CMS, checked, written into the prepared revision. */
export const signMinutes: CommandHandler<'minutes:sign'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'minutes:sign');
  const round = await findOpenRound(ctx.db, meeting.id);
  if (!round || round.pending_id !== cmd.signingId || round.pending_for !== ctx.actor.id || !round.pending_pdf)
    throw new CommandRejected('CONFLICT', NOTHING_TO_SIGN);
  const refusal = turnRefusal(round, ctx.actor.id, await roleInMeeting(ctx.db, meeting.id, ctx.actor.id));
  if (refusal) throw new CommandRejected('CONFLICT', refusal);
  if (ctx.now.getTime() - Date.parse(round.pending_time ?? '') > PREPARED_REVISION_LIFETIME_MS)
    throw new CommandRejected('CONFLICT', PREPARED_TOO_OLD);
  if (!ctx.signatures) throw new CommandRejected('INTERNAL', NO_CA);

  const prepared = Buffer.from(round.pending_pdf);
  const byteRange = ByteRangeSchema.parse(JSON.parse(round.pending_range ?? 'null')) as ByteRange;
  const cms = Buffer.from(cmd.signature, 'base64');
  const checked = await ctx.signatures.checkPersonSignature(
    ctx.db,
    ctx.actor.id,
    cms,
    signedContent(prepared, byteRange),
    ctx.now,
  );
  if (!checked.ok) throw new CommandRejected(checked.code);
  let signed: Buffer;
  try {
    signed = completePdfSignature(prepared, byteRange, cms);
  } catch (error) {
    if (!(error instanceof PdfSignError)) throw error;
    throw new CommandRejected('VALIDATION_FAILED', { vi: 'Chữ ký quá lớn.', en: error.message });
  }
  // The whole file again, as a verifier will read it: every signature valid, the last one
  // covering the whole file, and one more than before.
  const expected = round.state === 'awaiting-chair' ? 1 : 2;
  const reports = await verifyPdfSignatures(signed, { anchors: ctx.signatures.anchors, at: ctx.now });
  if (
    reports.length !== expected ||
    !reports.every((r) => r.verification.ok) ||
    !reports[reports.length - 1]?.coversWholeDocument
  )
    throw new CommandRejected('SIGNATURE_INVALID');

  const at = ctx.now.toISOString();
  const chair = round.state === 'awaiting-chair';
  const draft = await findMinutesDraft(ctx.db, meeting.id);
  await ctx.db
    .updateTable('minutes_signings')
    .set({
      state: chair ? 'awaiting-secretary' : 'signed',
      pdf: signed,
      pending_id: null,
      pending_pdf: null,
      pending_range: null,
      pending_time: null,
      pending_for: null,
      ...(chair
        ? { chair_id: ctx.actor.id, chair_signed_at: at }
        : { secretary_id: ctx.actor.id, secretary_signed_at: at }),
      updated_at: at,
    })
    .where('id', '=', round.id)
    .execute();
  return {
    meetingId: meeting.id,
    changes: [],
    audit: {
      signingId: round.id,
      as: chair ? 'chair' : 'secretary',
      certificate: checked.summary.fingerprint,
      sha256: createHash('sha256').update(signed).digest('hex'),
    },
    ...(draft && {
      minutesNotice: {
        meetingId: meeting.id,
        version: draft.version,
        updatedAt: draft.updatedAt,
        updatedBy: draft.updatedBy,
        signing: chair ? 'awaiting-secretary' : 'signed',
      },
    }),
    ...(chair ? {} : { minutesSigned: { meetingId: meeting.id } }),
  };
};
