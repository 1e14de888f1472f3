import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';

/**
 * Real PDFs made in the tests: pdf-lib with DejaVu Sans embedded (subset, with its ToUnicode
 * map), so Vietnamese is real text that pdf.js, poppler and our search read back exactly.
 */

const require = createRequire(import.meta.url);
const FONT = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

export interface PdfSpec {
  /** The text of each page (lines split on "\n"); a page given as null has no text (a scan). */
  pages: ReadonlyArray<string | null>;
  title?: string;
}

export async function makePdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(FONT, { subset: true });
  if (spec.title) doc.setTitle(spec.title);
  for (const text of spec.pages) {
    const page = doc.addPage([595, 842]);
    if (text === null) {
      // What a scanner makes: a picture of a page, no text layer.
      page.drawRectangle({ x: 60, y: 400, width: 470, height: 300, color: rgb(0.85, 0.85, 0.85) });
      continue;
    }
    let y = 780;
    for (const line of text.split('\n')) {
      page.drawText(line, { x: 50, y, size: 14, font });
      y -= 20;
    }
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * Pages packed with text at a tiny size (each given as its lines): hundreds of kilobytes of
 * text layer a page in a file of a few, as a hostile or careless maker can produce (pdf.js
 * reads only what lies on the page).
 */
export async function makeDensePdf(pages: ReadonlyArray<readonly string[]>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(FONT, { subset: true });
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 5, y: 835 - i * 1.2, size: 1, font }));
  }
  return doc.save({ useObjectStreams: false });
}

/** The Vietnamese sentences the tests search for, each on a page of its own. */
export const VIETNAMESE_PAGES = [
  'Nghị quyết Đại hội đồng cổ đông thường niên năm 2026',
  'Biểu quyết thông qua báo cáo tài chính đã được kiểm toán',
  'Tờ trình về phương án phân phối lợi nhuận',
  'Danh sách ứng cử viên Hội đồng quản trị nhiệm kỳ mới',
  'Trang năm: kế hoạch đầu tư xây dựng cơ bản của thành phố',
] as const;

/** A long document (the fast-first-page case): each page says its number, some pages carry a word to find. */
export async function makeLongPdf(pageCount: number, padding = 0): Promise<Uint8Array> {
  const filler = padding > 0 ? '\n' + 'Nội dung chi tiết của trang. '.repeat(padding) : '';
  const pages = Array.from({ length: pageCount }, (_, i) =>
    i === pageCount - 1 ? `Trang ${i + 1}: điều khoản thi hành cuối cùng${filler}` : `Trang ${i + 1}${filler}`,
  );
  return makePdf({ pages });
}

/** Not PDFs, for the refusals: a renamed text file, an empty file, a PDF cut short. */
export async function fakePdfs(): Promise<Record<'text' | 'empty' | 'truncated' | 'headerOnly', Uint8Array>> {
  const real = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  return {
    text: new TextEncoder().encode('Đây là một tệp văn bản, không phải PDF.\n'),
    empty: new Uint8Array(0),
    truncated: real.slice(0, Math.floor(real.length / 2)),
    headerOnly: new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
  };
}
