import { randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Change, DocumentInfo, UploadFields, VisibleTo } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { currentPresentation, findMeeting, listAgenda, savePresentation } from '../meetings/meeting-queries.js';
import { appendChange } from '../sync/change-log.js';
import type { UserRecord } from '../users/user-queries.js';
import type { BlobStore } from './blob-store.js';
import { audienceOf, NOBODY, type Audience } from './document-audience.js';
import type { DocumentNotice } from './document-notices.js';
import { findDocument, insertVersion, publicDocument } from './document-queries.js';
import type { PdfInspection } from './pdf-inspector.js';
import { textlessPages } from './pdf-inspector.js';
import { UploadRefused, mayUpload } from './upload-refusals.js';

export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
  inspection: PdfInspection;
}

export interface RecordedUpload {
  document: DocumentInfo;
  notice: DocumentNotice;
  /** Changes of the meeting's log the upload made (a new version of what the room is shown). */
  changes: Change[];
}

type Fields = Omit<UploadFields, 'visibleTo'> & { visibleTo?: VisibleTo };

/**
 * The version's rows, its blob and the audit row, in one transaction under the meeting's
 * lock. A file moved into place by a transaction that rolled back is named by no row: it is
 * removed at once.
 */
export async function recordUpload(
  store: Store,
  blobs: BlobStore,
  user: UserRecord,
  meetingId: string,
  fields: Fields,
  file: ReceivedFile,
  at: string,
): Promise<RecordedUpload> {
  try {
    return await store.transaction((tx) => recordVersion(store, blobs, tx, user, meetingId, fields, file, at));
  } catch (error) {
    await blobs.discard([file.sha256]);
    throw error;
  }
}

async function recordVersion(
  store: Store,
  blobs: BlobStore,
  tx: Db,
  user: UserRecord,
  meetingId: string,
  fields: Fields,
  file: ReceivedFile,
  at: string,
): Promise<RecordedUpload> {
  await store.lockMeeting(tx, meetingId);
  // Asked again under the lock: the role or the meeting may have changed while the file came.
  const refusal = await mayUpload(tx, meetingId, user);
  if (refusal) throw refusal;
  if (fields.agendaItemId && !(await listAgenda(tx, meetingId)).some((i) => i.id === fields.agendaItemId))
    throw new UploadRefused('NOT_FOUND');
  const presentation = await currentPresentation(tx, meetingId);
  let documentId: string;
  let version: number;
  let before: Audience = NOBODY;
  if (fields.replaces) {
    const previous = await findDocument(tx, fields.replaces);
    if (!previous || previous.meetingId !== meetingId) throw new UploadRefused('NOT_FOUND');
    // What the room is shown must stay something every participant may see.
    if (fields.visibleTo && presentation?.documentId === previous.id) throw new UploadRefused('RESTRICTED_DOCUMENT');
    const meeting = await findMeeting(tx, meetingId);
    if (meeting) before = await audienceOf(tx, meeting, previous.visibleTo);
    documentId = previous.id;
    version = previous.version + 1;
  } else {
    documentId = uuidv7();
    version = 1;
  }
  await blobs.put(tx, file.tempPath, file.sha256, file.size);
  if (version === 1) {
    await tx
      .insertInto('documents')
      .values({
        id: documentId,
        meeting_id: meetingId,
        agenda_item_id: fields.agendaItemId ?? null,
        title: fields.title,
        current_version: 0,
        visible_to: fields.visibleTo ? JSON.stringify(fields.visibleTo) : null,
        revision: 0,
        created_at: at,
        created_by: user.id,
      })
      .execute();
  }
  await insertVersion(store.dialect, tx, {
    documentId,
    version,
    sha256: file.sha256,
    size: file.size,
    texts: file.inspection.texts,
    textlessPages: textlessPages(file.inspection.texts),
    at,
    by: user.id,
  });
  await tx
    .updateTable('documents')
    .set((eb) => ({
      current_version: version,
      revision: eb('revision', '+', 1),
      title: fields.title,
      ...(fields.agendaItemId !== undefined ? { agenda_item_id: fields.agendaItemId } : {}),
      ...(fields.visibleTo !== undefined ? { visible_to: JSON.stringify(fields.visibleTo) } : {}),
    }))
    .where('id', '=', documentId)
    .execute();
  const changes: Change[] = [];
  if (presentation?.documentId === documentId) {
    // The room goes on with the new version, at the same page if it still has it.
    const page = Math.min(presentation.page, file.inspection.pages);
    const next = { ...presentation, version, page };
    await savePresentation(tx, meetingId, next);
    changes.push(
      await appendChange(
        tx,
        { meetingId, actorId: user.id, commandId: randomUUID(), at },
        { type: 'presentation:changed', data: { presentation: next } },
      ),
    );
  }
  await appendAudit(tx, store, {
    at,
    actorId: user.id,
    action: 'document:upload',
    meetingId,
    detail: { documentId, version, sha256: file.sha256, size: file.size, pages: file.inspection.pages },
  });
  const document = await findDocument(tx, documentId);
  if (!document) throw new Error('uploaded document not found');
  return {
    document: publicDocument(document),
    notice: { meetingId, documentId, before, reason: 'access' },
    changes,
  };
}
