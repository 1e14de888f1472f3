import type { PDFDocument } from '@cantoo/pdf-lib';

/**
 * Runs `work` with pdf-lib's change tracking off. In a document loaded for an incremental
 * update, every change to a PDF object makes pdf-lib look for the indirect object holding it
 * by going through every object of the document: each new annotation, line of text or written
 * stream costs a pass over all of them, and an export of a few thousand notes took minutes.
 *
 * Safe for what is new (objects numbered past the original's are written anyway) and while
 * committing (the writer only touches objects it is writing). Any object of the original that
 * `work` changes, it must mark itself for the update (`snapshot.markRefsForSave`).
 */
export async function withoutChangeTracking<T>(doc: PDFDocument, work: () => T | Promise<T>): Promise<T> {
  const context = doc.context;
  const track = context.registerObjectChange;
  context.registerObjectChange = () => {};
  try {
    return await work();
  } finally {
    context.registerObjectChange = track;
  }
}
