import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  IdSchema,
  UploadFieldsSchema,
  hasPrototypeKey,
  protocolError,
  validationError,
  type Change,
} from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { authenticate, sendError } from '../http/http-errors.js';
import type { UserRecord } from '../users/user-queries.js';
import type { BlobStore } from './blob-store.js';
import { recordUpload, type RecordedUpload } from './record-upload.js';
import { UploadRefused, mayUpload } from './upload-refusals.js';
import type { DocumentNotice } from './document-notices.js';
import { InspectionQueue } from './inspection-queue.js';
import { NotAPdf, type PdfInspection } from './pdf-inspector.js';

export interface UploadDeps {
  store: Store;
  blobs: BlobStore;
  /** A folder on this node's disk for uploads in flight (the same disk as file blobs). */
  incomingDir: string;
  maxBytes: number;
  now: () => Date;
  published(notices: DocumentNotice[]): Promise<void>;
  /** Changes of a meeting's log made outside a command (a new version of the presented paper). */
  changed(changes: Change[], meetingId: string): void;
}

/** Uploads of one user at once; past it RATE_LIMITED (a script cannot fill the disk in parallel). */
export const MAX_UPLOADS_PER_USER = 2;
/** The form's fields are small; the file is the only big part. */
const FIELD_LIMITS = { fieldNameSize: 100, fieldSize: 64 * 1024, fields: 10, files: 1, parts: 12 };

function tooLarge(maxBytes: number): UploadRefused {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new UploadRefused('DOCUMENT_TOO_LARGE', {
    vi: `Tệp vượt quá ${mb} MB cho phép. Không có gì được lưu.`,
    en: `The file is larger than the ${mb} MB allowed. Nothing was stored.`,
  });
}

export function registerUploadRoute(app: FastifyInstance, deps: UploadDeps): void {
  // Only for this route's parts: its limits are given per request below.
  void app.register(multipart);
  const { store, now } = deps;
  const uploading = new Map<string, number>();
  const inspections = new InspectionQueue();

  app.post<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/documents', async (request, reply) => {
    // Refusals before the body is read end the connection: the rest of a large body is not taken in.
    const refuse = (error: UploadRefused) => {
      if (!request.raw.complete) reply.header('connection', 'close');
      return sendError(reply, protocolError(error.code, undefined, error.localized));
    };
    const auth = await authenticate(store.db, request, reply, now());
    if (!auth) return reply.header('connection', 'close');
    const meetingId = IdSchema.safeParse(request.params.meetingId);
    if (!meetingId.success) return refuse(new UploadRefused('NOT_FOUND'));
    const announced = Number(request.headers['content-length'] ?? NaN);
    if (announced > deps.maxBytes + 256 * 1024) return refuse(tooLarge(deps.maxBytes));
    if (!request.isMultipart()) {
      return refuse(
        new UploadRefused('UPLOAD_INCOMPLETE', {
          vi: 'Cần gửi dạng multipart/form-data với phần "file".',
          en: 'Send multipart/form-data with a "file" part.',
        }),
      );
    }
    const early = await mayUpload(store.db, meetingId.data, auth.user);
    if (early) return refuse(early);
    const running = uploading.get(auth.user.id) ?? 0;
    if (running >= MAX_UPLOADS_PER_USER) return refuse(new UploadRefused('RATE_LIMITED'));
    uploading.set(auth.user.id, running + 1);
    const tempPath = join(deps.incomingDir, `${randomUUID()}.part`);
    let outcome: RecordedUpload | UploadRefused;
    try {
      outcome = await accept(request, deps, auth.user, meetingId.data, tempPath, (path) =>
        inspections.inspect(auth.user.id, path),
      );
    } catch (error) {
      if (!isClientAbort(error)) throw error;
      request.log.info('upload interrupted by the client');
      outcome = new UploadRefused('UPLOAD_INCOMPLETE');
    } finally {
      // Before answering: once the client has its answer, nothing of a refused upload remains.
      await rm(tempPath, { force: true });
      const left = (uploading.get(auth.user.id) ?? 1) - 1;
      if (left > 0) uploading.set(auth.user.id, left);
      else uploading.delete(auth.user.id);
    }
    if (outcome instanceof UploadRefused) return refuse(outcome);
    if (outcome.changes.length > 0) deps.changed(outcome.changes, meetingId.data);
    await deps.published([outcome.notice]);
    return reply.code(201).send(outcome.document);
  });
}

/** Receives, reads and records one upload; a refusal is returned, not thrown. */
async function accept(
  request: FastifyRequest,
  deps: UploadDeps,
  user: UserRecord,
  meetingId: string,
  tempPath: string,
  inspect: (path: string) => Promise<PdfInspection>,
): Promise<RecordedUpload | UploadRefused> {
  try {
    const received = await receive(request, tempPath, deps.maxBytes).catch((error: unknown) => {
      // A body the multipart parser cannot even start on (no boundary, a broken header) is
      // the sender's mistake, not the server's.
      if (!(error instanceof UploadRefused) && isMalformedMultipart(error))
        throw new UploadRefused('VALIDATION_FAILED', MALFORMED_UPLOAD);
      throw error;
    });
    const fields = parseFields(received.fields);
    const inspection = await inspect(tempPath).catch((error: unknown) => {
      if (!(error instanceof NotAPdf)) throw error;
      request.log.info({ reason: error.message }, 'upload refused: not a PDF');
      throw new UploadRefused('NOT_A_PDF');
    });
    const file = { tempPath, sha256: received.sha256, size: received.size, inspection };
    return await recordUpload(deps.store, deps.blobs, user, meetingId, fields, file, deps.now().toISOString());
  } catch (error) {
    if (error instanceof UploadRefused) return error;
    throw error;
  }
}

interface Received {
  fields: Record<string, string>;
  sha256: string;
  size: number;
}

/**
 * Streams the `file` part to disk while hashing and counting it; past the limit it stops at
 * once and the partial file is removed by the caller. Fields are taken whatever their order,
 * but the file must come (and only once).
 */
async function receive(request: FastifyRequest, tempPath: string, maxBytes: number): Promise<Received> {
  const fields: Record<string, string> = {};
  let file: { sha256: string; size: number } | null = null;
  for await (const part of request.parts({ limits: { ...FIELD_LIMITS, fileSize: maxBytes + 1 } })) {
    if (part.type === 'field') {
      if (part.fieldnameTruncated || part.valueTruncated) throw new UploadRefused('VALIDATION_FAILED');
      if (typeof part.value !== 'string') throw new UploadRefused('VALIDATION_FAILED');
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'file' || file !== null) {
      part.file.resume();
      throw new UploadRefused('VALIDATION_FAILED', {
        vi: 'Chỉ gửi một tệp, trong phần "file".',
        en: 'Send one file, in the part named "file".',
      });
    }
    const hash = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) {
          done(tooLarge(maxBytes));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(part.file, counter, createWriteStream(tempPath, { mode: 0o600 }));
    if (part.file.truncated) throw tooLarge(maxBytes);
    file = { sha256: hash.digest('hex'), size };
  }
  if (file === null || file.size === 0) {
    if (file?.size === 0) throw new UploadRefused('NOT_A_PDF');
    throw new UploadRefused('UPLOAD_INCOMPLETE');
  }
  return { fields, ...file };
}

function parseFields(raw: Record<string, string>) {
  const input: Record<string, unknown> = { ...raw };
  if (raw.visibleTo !== undefined) {
    try {
      input.visibleTo = JSON.parse(raw.visibleTo) as unknown;
    } catch {
      throw new UploadRefused('VALIDATION_FAILED', {
        vi: 'Trường visibleTo phải là JSON.',
        en: 'The visibleTo field must be JSON.',
      });
    }
  }
  if (hasPrototypeKey(input)) throw new UploadRefused('VALIDATION_FAILED');
  const parsed = UploadFieldsSchema.safeParse(input);
  if (!parsed.success) {
    const error = validationError(parsed.error);
    throw new UploadRefused('VALIDATION_FAILED', error.message);
  }
  return parsed.data;
}

const MALFORMED_UPLOAD = {
  vi: 'Dữ liệu tải lên không đúng dạng multipart/form-data.',
  en: 'The upload is not well-formed multipart/form-data.',
};

function isMalformedMultipart(error: unknown): boolean {
  return error instanceof Error && /^(Multipart: Boundary not found|Malformed part header)/i.test(error.message);
}

function isClientAbort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error instanceof Error && /Unexpected end of (form|multipart)/i.test(error.message))
  );
}
