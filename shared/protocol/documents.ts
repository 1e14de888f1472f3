import { z } from 'zod';
import { IdSchema, MeetingRoleSchema, text } from './primitives.js';

/**
 * Documents are PDFs of a meeting, kept by the SHA-256 of their bytes. Their bytes travel
 * over HTTP only (never the socket); their metadata reaches each user as a list made for that
 * user, because a restricted document must not exist for anyone outside its list: it is not
 * in the meeting's change log (which every participant receives), but in `document:list`
 * and in `document:changed` events sent to the users who may see it.
 */

/** The default upload limit; the server may be started with another (`--max-document-mb`). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 200 * 1024 * 1024;

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 in lower-case hex');

/**
 * Who may see a restricted document besides the meeting's secretaries (who prepare the
 * meeting and always see its papers): these users, and the participants holding these
 * roles. `null` (or absent) means every participant of the meeting.
 */
export const VisibleToSchema = z
  .strictObject({
    users: z.array(IdSchema).max(1000).default([]),
    roles: z.array(MeetingRoleSchema).max(4).default([]),
  })
  .refine((v) => v.users.length + v.roles.length > 0, 'Name at least one user or role, or leave the list out')
  .refine(
    (v) => new Set(v.users).size === v.users.length && new Set(v.roles).size === v.roles.length,
    'No entry twice',
  );
export type VisibleTo = z.infer<typeof VisibleToSchema>;

export const PersonRefSchema = z.object({ id: IdSchema, displayName: z.string() });

/** One document as a user who may see it receives it: always its current version. */
export const DocumentInfoSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  agendaItemId: IdSchema.nullable(),
  title: z.string(),
  /** 1 for the first upload, rising with every new version. */
  version: z.number().int().positive(),
  sha256: Sha256Schema,
  size: z.number().int().positive(),
  pages: z.number().int().positive(),
  /** Pages with no text layer (scans): search cannot find what is on them. */
  textlessPages: z.array(z.number().int().positive()),
  visibleTo: VisibleToSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** When the current version was uploaded, and by whom. */
  versionAt: z.iso.datetime({ offset: true }),
  versionBy: PersonRefSchema,
  /** Rises with every change of the document (a version, its title, item or list). */
  revision: z.number().int().positive(),
});
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

export const DocumentVersionSchema = z.object({
  version: z.number().int().positive(),
  sha256: Sha256Schema,
  size: z.number().int().positive(),
  pages: z.number().int().positive(),
  uploadedAt: z.iso.datetime({ offset: true }),
  uploadedBy: PersonRefSchema,
});
export type DocumentVersion = z.infer<typeof DocumentVersionSchema>;

/**
 * The form fields of `POST /api/meetings/{meetingId}/documents` besides the `file` part.
 * `visibleTo` arrives as JSON text in a multipart field.
 */
export const UploadFieldsSchema = z.strictObject({
  title: text(300),
  agendaItemId: IdSchema.optional(),
  /** The id of the document this is a new version of. */
  replaces: IdSchema.optional(),
  visibleTo: VisibleToSchema.optional(),
});
export type UploadFields = z.input<typeof UploadFieldsSchema>;

/** What an upload answers (201). */
export const UploadAnswerSchema = DocumentInfoSchema;

export const DocumentListSchema = z.object({
  meetingId: IdSchema,
  documents: z.array(DocumentInfoSchema),
  /** The secretary recalled the meeting's documents: devices delete their copies. */
  recalled: z.boolean(),
});
export type DocumentList = z.infer<typeof DocumentListSchema>;

export const SearchQuerySchema = z.string().trim().min(1).max(200);

export const SearchHitSchema = z.object({
  documentId: IdSchema,
  title: z.string(),
  page: z.number().int().positive(),
  /** Some words of the page around the first match, with its diacritics. */
  snippet: z.string(),
  /** Set when the words were found in an annotation (the user's own, or one shared with them) rather than the paper. */
  annotation: z.object({ id: IdSchema, version: z.number().int().positive(), author: PersonRefSchema }).optional(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

/** Why a document left a user's list: their devices delete their copy and say why. */
export const DocumentGoneReasonSchema = z.enum(['access', 'removed', 'recalled']);
export type DocumentGoneReason = z.infer<typeof DocumentGoneReasonSchema>;

/**
 * Pushed to the users concerned (the meeting's room for a document every participant sees,
 * each allowed user's own room for a restricted one): documents they may now see, as they
 * are now, and documents they may no longer see.
 */
export const DocumentChangedSchema = z.object({
  meetingId: IdSchema,
  upserted: z.array(DocumentInfoSchema),
  removed: z.array(z.object({ id: IdSchema, reason: DocumentGoneReasonSchema })),
});
export type DocumentChanged = z.infer<typeof DocumentChangedSchema>;

/** What the room is shown: a document (every participant may see it) and its page. */
export const PresentationSchema = z.object({
  documentId: IdSchema,
  version: z.number().int().positive(),
  page: z.number().int().positive(),
  presenterId: IdSchema,
});
export type Presentation = z.infer<typeof PresentationSchema>;
