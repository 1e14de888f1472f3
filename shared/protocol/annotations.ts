import { z } from 'zod';
import { IdSchema, optionalText } from './primitives.js';
import { PersonRefSchema } from './documents.js';

/**
 * A delegate's mark on a page of one document version. Our own record, not pdf.js's
 * serialisation (which changes between its versions): the reader maps it to and from the
 * editors, the export writes it as real PDF annotations.
 *
 * Coordinates are the page's PDF user space (points, origin bottom-left, the page unrotated),
 * as pdf.js's editors and the PDF file itself use them.
 */
export const ANNOTATION_KINDS = ['highlight', 'ink', 'note'] as const;
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

/** A page is at most 14,400 pt (PDF's own limit); a little room around it for strokes that leave it. */
const Coordinate = z.number().min(-20_000).max(20_000);
const Box = z.tuple([Coordinate, Coordinate, Coordinate, Coordinate]);
/** Flat x,y pairs. */
const Polyline = z
  .array(Coordinate)
  .min(4)
  .max(4000)
  .refine((p) => p.length % 2 === 0, 'x,y pairs');

export const AnnotationGeometrySchema = z.discriminatedUnion('shape', [
  /** A text highlight: one box [x1, y1, x2, y2] per line of the selection. */
  z.strictObject({ shape: z.literal('boxes'), boxes: z.array(Box).min(1).max(200) }),
  /** A free-hand highlight or an ink drawing: strokes of x,y pairs, and their width in points. */
  z.strictObject({
    shape: z.literal('strokes'),
    strokes: z.array(Polyline).min(1).max(100),
    thickness: z.number().min(0.5).max(40),
  }),
  /** A text note: its box [x1, y1, x2, y2] and the size of its letters. */
  z.strictObject({ shape: z.literal('box'), rect: Box, fontSize: z.number().min(4).max(72) }),
]);
export type AnnotationGeometry = z.infer<typeof AnnotationGeometrySchema>;

/** The numbers one annotation may carry in all: an inbound socket message is at most 64 KiB. */
export const MAX_ANNOTATION_COORDINATES = 6000;

function coordinateCount(g: AnnotationGeometry): number {
  if (g.shape === 'boxes') return g.boxes.length * 4;
  if (g.shape === 'strokes') return g.strokes.reduce((n, s) => n + s.length, 0);
  return 4;
}

/** Which shapes each kind may have: a highlight is over text (boxes) or free-hand (strokes). */
const SHAPES_OF: Record<AnnotationKind, readonly AnnotationGeometry['shape'][]> = {
  highlight: ['boxes', 'strokes'],
  ink: ['strokes'],
  note: ['box'],
};

export const ColorSchema = z.string().regex(/^#[0-9a-f]{6}$/, 'a colour #rrggbb');

/** What the author's device sends: the annotation as it is now, whole (saving is an upsert). */
export const AnnotationInputSchema = z
  .strictObject({
    /** Made by the device (UUIDv7), so an annotation drawn offline has its id at once. */
    id: IdSchema,
    documentId: IdSchema,
    /** The document version it was made on; it stays with that version. */
    version: z.number().int().positive(),
    page: z.number().int().positive().max(100_000),
    kind: AnnotationKindSchema,
    geometry: AnnotationGeometrySchema,
    color: ColorSchema,
    opacity: z.number().min(0.05).max(1),
    /** The note's text, or a comment on a highlight or drawing; empty if none. */
    text: optionalText(4000),
    /** The highlighted words as the reader found them (the notes list and search show them). */
    quote: optionalText(2000),
    /** When the author made it, by the device's clock (shown, never used to order). */
    createdAt: z.iso.datetime({ offset: true }),
    /** Copied over from an annotation of an older version of the document. */
    carriedFrom: IdSchema.nullable(),
  })
  .refine((a) => SHAPES_OF[a.kind].includes(a.geometry.shape), {
    message: 'This kind of annotation does not have this shape',
    path: ['geometry'],
  })
  .refine((a) => a.kind !== 'note' || a.text.length > 0, { message: 'A note needs its text', path: ['text'] })
  .refine((a) => coordinateCount(a.geometry) <= MAX_ANNOTATION_COORDINATES, {
    message: `At most ${MAX_ANNOTATION_COORDINATES} coordinates: split the drawing`,
    path: ['geometry'],
  });
export type AnnotationInput = z.infer<typeof AnnotationInputSchema>;

/**
 * An annotation as the server keeps and sends it. `rev` is the server's order of the
 * author's annotation writes: of two versions of one annotation, the higher `rev` wins on
 * every device. A deleted annotation stays as a tombstone (`deleted`, geometry and text
 * emptied) so that a device that was offline drops it instead of sending it back.
 */
export const AnnotationSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  documentId: IdSchema,
  version: z.number().int().positive(),
  page: z.number().int().positive(),
  kind: AnnotationKindSchema,
  /** Null for a tombstone. */
  geometry: AnnotationGeometrySchema.nullable(),
  color: ColorSchema,
  opacity: z.number(),
  text: z.string(),
  quote: z.string(),
  /** Shown to everyone who may see the document; otherwise only to the author. */
  shared: z.boolean(),
  author: PersonRefSchema,
  createdAt: z.iso.datetime({ offset: true }),
  /** When the server recorded this version of it. */
  updatedAt: z.iso.datetime({ offset: true }),
  carriedFrom: IdSchema.nullable(),
  rev: z.number().int().positive(),
  deleted: z.boolean(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/**
 * Sent to the author's own devices (every one, on every node) when they write an
 * annotation, and to those who may see the document when a shared one changes, is
 * withdrawn (a tombstone: drop it) or deleted.
 */
export const AnnotationChangedSchema = z.object({ annotations: z.array(AnnotationSchema) });
export type AnnotationChanged = z.infer<typeof AnnotationChangedSchema>;

/** The caller's own annotations written after `sinceRev` (tombstones too), in `rev` order. */
export const AnnotationSyncRequestSchema = z.strictObject({ sinceRev: z.number().int().nonnegative() });
/** One page of `annotation:sync`. */
export const ANNOTATION_SYNC_PAGE = 500;
export const AnnotationSyncResultSchema = z.object({
  annotations: z.array(AnnotationSchema),
  /**
   * How far the server has looked: ask the next page from here. Not always the last `rev`
   * sent, since annotations on papers the user may no longer see are left out.
   */
  cursor: z.number().int().nonnegative(),
  /** More follow. */
  more: z.boolean(),
});

/** Others' annotations shared in a meeting, on documents the caller may see. */
export const SharedAnnotationsRequestSchema = z.strictObject({ meetingId: IdSchema });
export const SharedAnnotationsResultSchema = z.object({ annotations: z.array(AnnotationSchema) });

/** The export's answer says how the file was made: appended to the original (signatures kept) or rewritten. */
export const EXPORT_MODE_HEADER = 'x-cabinet-export';
/** The file name the server suggests, URI-encoded (a header carries no Vietnamese letters as they are). */
export const EXPORT_FILE_NAME_HEADER = 'x-cabinet-file-name';
