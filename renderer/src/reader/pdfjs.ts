// pdf.js first: the viewer module reads `globalThis.pdfjsLib` when it loads.
import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { DocumentSource } from '../../../shared/client/api.js';
import { BY_RANGES, loadCachedDocument, type LoadingTask, type RangeReader } from './cached-range-transport.js';

/** The worker comes from our own origin (the build emits it); the CSP allows no other. */
pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Tablets run out of canvas memory long before desktops: a page zoomed past this many pixels
 * is drawn at lower resolution (CSS-scaled) rather than crashing the tab.
 */
export const MAX_CANVAS_PIXELS = 2048 * 4096;

/** The room has no internet: cMaps, standard fonts and wasm decoders come from our build (vite.config.ts). */
function dataUrl(folder: string): string {
  return new URL(`pdfjs/${folder}/`, document.baseURI).href;
}

let sharedWorker: pdfjsLib.PDFWorker | null = null;

/** One worker for every document the page opens: starting one costs more than the first page. */
function worker(): pdfjsLib.PDFWorker {
  sharedWorker ??= new pdfjsLib.PDFWorker();
  return sharedWorker;
}

/**
 * Starts loading a document from where the client core says its bytes are: the device's
 * cache, read by ranges through `ranges` (the client core); bytes in memory; or the server by
 * range requests.
 */
export function loadDocument(source: DocumentSource, ranges: RangeReader): LoadingTask {
  const common = {
    worker: worker(),
    cMapUrl: dataUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dataUrl('standard_fonts'),
    wasmUrl: dataUrl('wasm'),
    // The CSP allows no eval: pdf.js would otherwise probe `new Function` for its font paths.
    isEvalSupported: false,
    enableXfa: false,
  };
  if (source.kind === 'cached') return loadCachedDocument(pdfjsLib, source, ranges, common);
  if (source.kind === 'bytes') {
    // pdf.js transfers the buffer to its worker: give it a copy, the cache keeps its own.
    return pdfjsLib.getDocument({ ...common, data: source.data.slice() });
  }
  return pdfjsLib.getDocument({ ...common, ...BY_RANGES, url: source.url, httpHeaders: source.httpHeaders });
}

export { pdfjsLib };
export type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
