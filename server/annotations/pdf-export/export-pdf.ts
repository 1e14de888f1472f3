import fontkit from '@cantoo/fontkit';
import { EncryptedPDFError, PDFDocument } from '@cantoo/pdf-lib';
import type { Annotation } from '../../../shared/protocol/annotations.js';
import { hasSignatureDictionary } from '../../signatures/pdf-locate.js';
import { verifyPdfSignatures } from '../../signatures/pdf-verify.js';
import { addAnnotation } from './annotation-dictionaries.js';
import { AnnotationExportError } from './annotation-export-error.js';
import { withoutChangeTracking } from './change-tracking.js';
import { liberationSerif } from './liberation-serif.js';
import { appendNotesList } from './notes-list.js';
import { notesListLabels, type ExportLanguage } from './notes-list-labels.js';

/**
 * A document version with a delegate's annotations, as a PDF any reader shows: the original
 * bytes untouched, the annotations and a list of them appended as an incremental update, so
 * every signature of the original still verifies. When that cannot be done (an encrypted or
 * odd file), a full rewrite instead, which says at its top that it is one.
 */

/** Several thousand annotations already make a notes list of hundreds of pages. */
export const MAX_EXPORTED_ANNOTATIONS = 5000;

export interface AnnotatedPdfInput {
  pdf: Uint8Array;
  annotations: readonly Annotation[];
  language: ExportLanguage;
  title: string;
  exportedAt: Date;
  /** The zone the notes list shows times in (IANA name); UTC unless given. */
  timeZone?: string;
}

export interface AnnotatedPdf {
  pdf: Uint8Array;
  /** 'unsigned-copy': a full rewrite; the original's signatures (if any) are gone. */
  mode: 'incremental' | 'unsigned-copy';
}

async function annotate(
  doc: PDFDocument,
  live: readonly Annotation[],
  input: AnnotatedPdfInput,
  banner?: string,
): Promise<void> {
  doc.registerFontkit(fontkit);
  // No ligatures: an "fi" glyph would copy out of the PDF as something else than "fi".
  const font = await doc.embedFont(await liberationSerif(), { subset: true, features: { liga: false } });
  const changed = await withoutChangeTracking(doc, () => live.flatMap((a) => addAnnotation(doc, font, a)));
  doc.context.snapshot?.markRefsForSave(changed);
  await appendNotesList(doc, font, {
    annotations: live,
    language: input.language,
    title: input.title,
    exportedAt: input.exportedAt,
    timeZone: input.timeZone ?? 'UTC',
    ...(banner ? { banner } : {}),
  });
}

/**
 * Whether the file's last cross-reference section is a stream (PDF 1.5). The update then
 * writes one too: a classic table whose /Prev points at a stream is what only lenient
 * readers accept.
 */
function endsWithXrefStream(pdf: Uint8Array): boolean {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!found) return false;
  const at = Number(found[1]);
  return Buffer.from(pdf.subarray(at, at + 4)).toString('latin1') !== 'xref';
}

async function incremental(live: readonly Annotation[], input: AnnotatedPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.load(input.pdf, { forIncrementalUpdate: true, updateMetadata: false });
  await annotate(doc, live, input);
  const useObjectStreams = endsWithXrefStream(input.pdf);
  return withoutChangeTracking(doc, () => doc.commit({ useObjectStreams }));
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * The original is a prefix of the export, and each of its signatures gets the same verdict
 * as before (checked without trust anchors: what matters here is that the signed bytes did
 * not change, not who signed them).
 */
async function keepsOriginal(original: Uint8Array, exported: Uint8Array, signed: boolean): Promise<boolean> {
  if (exported.length <= original.length || !sameBytes(exported.subarray(0, original.length), original)) return false;
  if (!signed) return true;
  const policy = { anchors: [] };
  const [before, after] = await Promise.all([
    verifyPdfSignatures(Buffer.from(original), policy),
    verifyPdfSignatures(Buffer.from(exported), policy),
  ]);
  const verdict = (r: (typeof before)[number]) => (r.verification.ok ? 'ok' : `${r.verification.reason}`);
  return before.length === after.length && before.every((r, i) => verdict(r) === verdict(after[i]!));
}

async function rewritten(
  live: readonly Annotation[],
  input: AnnotatedPdfInput,
  signed: boolean,
  encrypted: boolean,
): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    // The empty password opens a file that is encrypted only to restrict it (no password to
    // read); the copy is written without the encryption.
    doc = await PDFDocument.load(input.pdf, { updateMetadata: false, password: '' });
  } catch (e) {
    if (encrypted) throw new AnnotationExportError('encrypted', 'The PDF is protected by a password');
    throw new AnnotationExportError('unreadable', `The PDF cannot be read: ${e instanceof Error ? e.message : e}`);
  }
  const labels = notesListLabels(input.language);
  await annotate(doc, live, input, signed ? labels.rewrittenSigned : labels.rewritten);
  return doc.save();
}

export async function exportAnnotatedPdf(input: AnnotatedPdfInput): Promise<AnnotatedPdf> {
  const live = input.annotations.filter((a) => !a.deleted && a.geometry !== null);
  if (live.length > MAX_EXPORTED_ANNOTATIONS)
    throw new AnnotationExportError(
      'too-many',
      `${live.length} annotations: an export takes at most ${MAX_EXPORTED_ANNOTATIONS}`,
    );
  const signed = hasSignatureDictionary(Buffer.from(input.pdf));
  let encrypted = false;
  try {
    const pdf = await incremental(live, input);
    if (await keepsOriginal(input.pdf, pdf, signed)) return { pdf, mode: 'incremental' };
  } catch (e) {
    if (e instanceof AnnotationExportError) throw e;
    // pdf-lib cannot encrypt what it appends: an encrypted file gets a decrypted copy.
    encrypted = e instanceof EncryptedPDFError;
  }
  return { pdf: await rewritten(live, input, signed, encrypted), mode: 'unsigned-copy' };
}
