import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as PdfJs from 'pdfjs-dist';

/** pdf.js as Node runs it (its legacy build, the worker in this thread), as tests and the bench use it. */
const require = createRequire(import.meta.url);
const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
export const pdfjs = (await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as typeof PdfJs;

/** What every document opens with: fonts and cMaps from the package, and no eval, as in the app. */
export const pdfjsParams = {
  standardFontDataUrl: `${join(pdfjsDir, 'standard_fonts')}/`,
  cMapUrl: `${join(pdfjsDir, 'cmaps')}/`,
  cMapPacked: true,
  isEvalSupported: false,
};
