import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { appendAudit } from '../audit/audit-log.js';
import type { Store } from '../db/store.js';
import type { BlobStore } from '../documents/blob-store.js';
import { audienceOf, NOBODY } from '../documents/document-audience.js';
import type { DocumentNotice } from '../documents/document-notices.js';
import { findDocument, insertVersion } from '../documents/document-queries.js';
import { inspectPdf, textlessPages } from '../documents/pdf-inspector.js';
import { findMeeting } from '../meetings/meeting-queries.js';

export interface SignedMinutesDeps {
  store: Store;
  blobs: BlobStore;
  incomingDir: string;
  published: (notices: DocumentNotice[]) => Promise<void>;
}

/** `Biên bản – Kỳ họp thứ 18 (đã ký)`. */
function documentTitle(meetingTitle: string): string {
  return `Biên bản – ${meetingTitle.slice(0, 250)} (đã ký)`;
}

/**
 * After the commit of the secretary's signature: the signed minutes become a document of the
 * meeting that every participant sees (a later signed round: its next version), and the
 * devices are told as for any document. Done after the commit, not inside `minutes:sign`,
 * because reading the pages' text takes the PDF inspector (a worker, up to seconds) and the
 * blob store writes files: neither belongs under the meeting's lock of a command. It is safe:
 * the signed bytes are committed first (`minutes.pdf` serves them from then on), this step is
 * idempotent (only a signed round with no `document_id`, checked again under the meeting's
 * lock), and the server runs it again at start for any round a stop cut in between. It records
 * even in a closed meeting (an upload would be refused there): the minutes come after the close.
 */
export async function recordSignedMinutes(deps: SignedMinutesDeps, meetingId?: string): Promise<void> {
  let query = deps.store.db
    .selectFrom('minutes_signings')
    .select(['id', 'meeting_id'])
    .where('state', '=', 'signed')
    .where('document_id', 'is', null);
  if (meetingId) query = query.where('meeting_id', '=', meetingId);
  for (const pending of await query.execute()) {
    const notice = await recordOne(deps, pending.id, pending.meeting_id);
    if (notice) await deps.published([notice]);
  }
}

async function recordOne(deps: SignedMinutesDeps, roundId: string, meetingId: string): Promise<DocumentNotice | null> {
  const { store, blobs } = deps;
  const row = await store.db.selectFrom('minutes_signings').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!row || row.document_id !== null || row.state !== 'signed') return null;
  const pdf = Buffer.from(row.pdf);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const tempPath = join(deps.incomingDir, `minutes-${uuidv7()}.pdf`);
  await writeFile(tempPath, pdf);
  try {
    const inspection = await inspectPdf(tempPath);
    return await store.transaction(async (tx): Promise<DocumentNotice | null> => {
      await store.lockMeeting(tx, meetingId);
      const again = await tx
        .selectFrom('minutes_signings')
        .select('document_id')
        .where('id', '=', roundId)
        .executeTakeFirst();
      const meeting = await findMeeting(tx, meetingId);
      if (!again || again.document_id !== null || !meeting) return null;
      const at = row.updated_at;
      const by = row.secretary_id ?? row.created_by;
      const earlier = await tx
        .selectFrom('minutes_signings')
        .select('document_id')
        .where('meeting_id', '=', meetingId)
        .where('document_id', 'is not', null)
        .orderBy('updated_at', 'desc')
        .executeTakeFirst();
      const previous = earlier?.document_id ? await findDocument(tx, earlier.document_id) : null;
      const title = documentTitle(meeting.title);
      await blobs.put(tx, tempPath, sha256, pdf.length);
      let documentId: string;
      let version: number;
      let before = NOBODY;
      if (previous) {
        documentId = previous.id;
        version = previous.version + 1;
        before = await audienceOf(tx, meeting, previous.visibleTo);
      } else {
        documentId = uuidv7();
        version = 1;
        await tx
          .insertInto('documents')
          .values({
            id: documentId,
            meeting_id: meetingId,
            agenda_item_id: null,
            title,
            current_version: 0,
            visible_to: null,
            revision: 0,
            created_at: at,
            created_by: by,
          })
          .execute();
      }
      await insertVersion(store.dialect, tx, {
        documentId,
        version,
        sha256,
        size: pdf.length,
        texts: inspection.texts,
        textlessPages: textlessPages(inspection.texts),
        at,
        by,
      });
      await tx
        .updateTable('documents')
        .set((eb) => ({ current_version: version, revision: eb('revision', '+', 1), title, visible_to: null }))
        .where('id', '=', documentId)
        .execute();
      await tx.updateTable('minutes_signings').set({ document_id: documentId }).where('id', '=', roundId).execute();
      await appendAudit(tx, store, {
        at,
        actorId: by,
        action: 'minutes:distribute',
        meetingId,
        detail: { signingId: roundId, documentId, version, sha256, size: pdf.length, pages: inspection.pages },
      });
      return { meetingId, documentId, before, reason: 'access' };
    });
  } finally {
    await rm(tempPath, { force: true });
  }
}
