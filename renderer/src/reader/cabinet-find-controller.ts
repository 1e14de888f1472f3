import './pdfjs.js';
import { PDFFindController } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { foldD, foldQuery } from './vietnamese-find.js';

/** pdf.js's find, with `đ` matched by `d` (see vietnamese-find.ts); everything else is pdf.js's own. */
export class CabinetFindController extends PDFFindController {
  override match(query: string | string[], pageContent: string, pageIndex: number) {
    return super.match(foldQuery(query), foldD(pageContent), pageIndex);
  }
}
