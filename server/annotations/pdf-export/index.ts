/** The annotated PDF export: pure Node (no server state), to run on the client later too. */
export {
  exportAnnotatedPdf,
  MAX_EXPORTED_ANNOTATIONS,
  type AnnotatedPdf,
  type AnnotatedPdfInput,
} from './export-pdf.js';
export { AnnotationExportError, type AnnotationExportFailure } from './annotation-export-error.js';
export type { ExportLanguage } from './notes-list-labels.js';
