import { z } from 'zod';
import { MAX_RANGE_BYTES } from '../../shared/client/index.js';
import {
  AskQuerySchema,
  IdSchema,
  LoginRequestSchema,
  MAX_IMPORT_BYTES,
  Sha256Schema,
  UploadFieldsSchema,
} from '../../shared/protocol/index.js';

/**
 * The arguments of the IPC channels, checked in the main process before anything reaches the
 * core: what a compromised renderer can send is exactly what these allow.
 */

/** A file as the page hands it over: its bytes (a File cannot cross IPC, and no path is ever read). */
function fileAsBytes(minSize: number, maxSize: number) {
  return z.strictObject({
    name: z.string().min(1).max(255),
    size: z.number().int().min(minSize).max(maxSize),
    body: z.instanceof(Uint8Array),
  });
}
const sizeIsTheBytes = (input: { file: { size: number; body: Uint8Array } }) =>
  input.file.body.byteLength === input.file.size;
const SIZE_MISMATCH = { message: 'The file size does not match its bytes', path: ['file', 'size'] };

export const AnnotatedExportInputSchema = z.strictObject({
  documentId: IdSchema,
  version: z.number().int().positive(),
  withShared: z.boolean(),
  language: z.enum(['vi', 'en']),
});

export const MinutesFormatSchema = z.enum(['pdf', 'docx']);

/** A question to the assistant: the meeting, and 1 to 300 characters (as the server takes them). */
export const AskAssistantArgsSchema = z.tuple([IdSchema, AskQuerySchema]);

/**
 * Past this the renderer is not sending a meeting paper: the bytes cross IPC as one copy.
 * The server's own limit (200 MB by default, configurable) gives the user's message.
 */
export const MAX_IPC_UPLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * An upload as the page hands it over: the form fields and the file as its bytes (a
 * Uint8Array: a File cannot cross IPC, and nothing else is read as a file).
 */
export const UploadInputSchema = UploadFieldsSchema.extend({
  meetingId: IdSchema,
  file: fileAsBytes(0, MAX_IPC_UPLOAD_BYTES),
}).refine(sizeIsTheBytes, SIZE_MISMATCH);

/** A list of people to import: the server refuses past MAX_IMPORT_BYTES; the bytes must be what is announced. */
export const PeopleImportInputSchema = z
  .strictObject({ file: fileAsBytes(1, MAX_IMPORT_BYTES), dryRun: z.boolean() })
  .refine(sizeIsTheBytes, SIZE_MISMATCH);

/**
 * A range of a cached copy, as pdf.js asks for it: `begin` included, `end` excluded, not
 * empty and at most MAX_RANGE_BYTES (the core checks it lies within the copy).
 */
export const DocumentRangeArgsSchema = z
  .tuple([Sha256Schema, z.number().int().nonnegative(), z.number().int().positive()])
  .refine(([, begin, end]) => Number.isSafeInteger(end) && begin < end && end - begin <= MAX_RANGE_BYTES, {
    message: `Not a range of 1 to ${MAX_RANGE_BYTES} bytes`,
  });

/** A notice's id as the core makes it (document-plan.ts). */
export const NoticeIdSchema = z.string().regex(/^[0-9a-f-]{36}:(access|removed|recalled):\d{1,12}$/);

/** The server address a person types at sign-in: a plain http(s) URL, nothing else. */
export const LoginInputSchema = LoginRequestSchema.extend({
  serverUrl: z.url({ protocol: /^https?$/ }).max(2000),
});

/** Only an https server can be trusted; plain http is answered by the trust itself (NOT_TLS). */
export const TrustServerArgsSchema = z.tuple([
  z.url({ protocol: /^https?$/ }).max(2000),
  // `AB:CD:…`, `ab cd …` or bare hex: 32 bytes.
  z
    .string()
    .max(200)
    .refine((text) => /^[0-9a-f]{64}$/.test(text.replace(/[\s:]/g, '').toLowerCase()), {
      message: 'Not a SHA-256 fingerprint',
    }),
]);
