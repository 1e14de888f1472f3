import { uuidv7 } from 'uuidv7';
import {
  DocumentInfoSchema,
  ProtocolErrorSchema,
  protocolError,
  type Ack,
  type DocumentInfo,
  type PersonImportResult,
  type ProtocolError,
} from '../protocol/index.js';
import type { ClientState, PeopleImportInput, UploadInput, UploadProgress } from './api.js';
import { bearer, type DocumentTransport } from './document-platform.js';
import { uploadPeopleFile } from './people-import-upload.js';

export interface UploadHost {
  state(): ClientState;
  update(patch: Partial<ClientState>): void;
  session(): { serverUrl: string; token: string } | null;
  /** The server took the document: show it before its `document:changed` arrives. */
  uploaded(document: DocumentInfo): void;
}

const MAX_UPLOADS_KEPT = 20;

/**
 * Uploads over HTTP (`POST /api/meetings/{id}/documents`): the fields, then the file part
 * last, as the server reads them. `uploads` in the state shows each one's bytes sent, then
 * "checking" while the server opens, hashes and indexes the PDF, then its outcome.
 */
export class DocumentUploads {
  constructor(
    private readonly host: UploadHost,
    private readonly transport: DocumentTransport | null,
  ) {}

  async upload(input: UploadInput): Promise<Ack<DocumentInfo>> {
    const session = this.host.session();
    if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
    const uploadId = uuidv7();
    this.put({
      uploadId,
      meetingId: input.meetingId,
      title: input.title,
      fileName: input.file.name,
      loaded: 0,
      total: input.file.size,
      phase: 'sending',
    });
    if (!this.transport) return this.fail(uploadId, protocolError('INTERNAL'));
    let answer;
    try {
      answer = await this.transport.upload({
        url: `${session.serverUrl}/api/meetings/${encodeURIComponent(input.meetingId)}/documents`,
        headers: bearer(session.token),
        fields: uploadFields(input),
        file: input.file,
        onProgress: (sent, total) => this.progress(uploadId, input.file.size, sent, total),
      });
    } catch {
      return this.fail(uploadId, protocolError('UPLOAD_INCOMPLETE'));
    }
    if (answer.status !== 201) return this.fail(uploadId, readError(answer.body));
    const parsed = DocumentInfoSchema.safeParse(answer.body);
    if (!parsed.success) return this.fail(uploadId, protocolError('INTERNAL'));
    this.patch(uploadId, { phase: 'done', loaded: input.file.size, document: parsed.data });
    this.host.uploaded(parsed.data);
    return { ok: true, data: parsed.data };
  }

  /** People from a file, over the same transport (see people-import-upload.ts). */
  importPeople(input: PeopleImportInput): Promise<Ack<PersonImportResult>> {
    return uploadPeopleFile(this.transport, this.host.session(), input);
  }

  private progress(uploadId: string, fileSize: number, sent: number, total: number): void {
    // The body holds the form fields too: show the share of the file, which the user knows.
    const loaded = total > 0 ? Math.min(fileSize, Math.round((sent / total) * fileSize)) : 0;
    this.patch(uploadId, { loaded, phase: sent >= total ? 'checking' : 'sending' });
  }

  private fail(uploadId: string, error: ProtocolError): Ack<DocumentInfo> {
    this.patch(uploadId, { phase: 'failed', error });
    return { ok: false, error };
  }

  private put(upload: UploadProgress): void {
    this.host.update({ uploads: [...this.host.state().uploads, upload].slice(-MAX_UPLOADS_KEPT) });
  }

  private patch(uploadId: string, patch: Partial<UploadProgress>): void {
    const uploads = this.host.state().uploads;
    const held = uploads.find((u) => u.uploadId === uploadId);
    // Finished uploads never go back to an earlier phase (a late progress report).
    if (!held || held.phase === 'done' || held.phase === 'failed') return;
    this.host.update({ uploads: uploads.map((u) => (u === held ? { ...u, ...patch } : u)) });
  }
}

/** The form fields in the order the server reads them; `visibleTo` as JSON text. */
export function uploadFields(input: UploadInput): Array<readonly [string, string]> {
  const fields: Array<readonly [string, string]> = [['title', input.title]];
  if (input.agendaItemId) fields.push(['agendaItemId', input.agendaItemId]);
  if (input.replaces) fields.push(['replaces', input.replaces]);
  if (input.visibleTo) fields.push(['visibleTo', JSON.stringify(input.visibleTo)]);
  return fields;
}

export function readError(body: unknown): ProtocolError {
  const parsed = ProtocolErrorSchema.safeParse((body as { error?: unknown } | null)?.error);
  return parsed.success ? parsed.data : protocolError('INTERNAL');
}
