// Real PDFs the size of real meeting papers: text pages (pdf-lib, DejaVu Sans embedded) with
// a grey picture on every page, of noise so that it does not compress, like a scan.
import { randomBytes } from 'node:crypto';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { makeLongPdf } from '../support/pdf-fixtures.js';

/** The picture on every page: 84 KB of grey pixels. */
const IMAGE = { width: 300, height: 280 };

export async function scannedPdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makeLongPdf(pages));
  for (const page of doc.getPages()) {
    const picture = doc.context.register(
      doc.context.stream(randomBytes(IMAGE.width * IMAGE.height), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: IMAGE.width,
        Height: IMAGE.height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      }),
    );
    page.node.setXObject(PDFName.of('Scan'), picture);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(IMAGE.width, 0, 0, IMAGE.height, 150, 300),
      drawObject('Scan'),
      popGraphicsState(),
    );
  }
  return doc.save({ useObjectStreams: false });
}

/** Pages of `scannedPdf` for a file of about `bytes`. */
export const pagesFor = (bytes: number) => Math.max(1, Math.round(bytes / (IMAGE.width * IMAGE.height + 900)));
