import pdfmake from 'pdfmake';
import { MinutesContentSchema, type MinutesContent } from '../../shared/protocol/index.js';
import { minutesBody, minutesClosing, type Block, type Run } from './minutes-blocks.js';
import { MINUTES_FONT_FILES, mm, PAGE } from './minutes-fonts.js';
import { headerNodes, signatureNodes, type PdfNode } from './minutes-pdf-header.js';

/**
 * The minutes as a PDF laid out by Decree 30/2020/NĐ-CP, made with pdfmake (tables, columns,
 * wrapping and page headers; pdfkit underneath). pdfkit embeds each font as a subset with a
 * ToUnicode map and writes a classic cross-reference table without object streams, which is
 * what `signPdf` (server/signatures) appends its incremental signatures to.
 */

const FONT = 'LiberationSerif';
const FONT_PATHS: ReadonlySet<string> = new Set(Object.values(MINUTES_FONT_FILES));

// pdfmake is one shared instance: it may read only our fonts, and fetch nothing.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => FONT_PATHS.has(path));
pdfmake.setFonts({ [FONT]: { ...MINUTES_FONT_FILES } });

function runs(list: readonly Run[]): PdfNode[] {
  return list.map((r) => ({ text: r.text, bold: r.bold ?? false, italics: r.italics ?? false }));
}

function blockNode(block: Block): PdfNode {
  switch (block.kind) {
    case 'heading':
      return { text: block.text, bold: true, margin: [0, mm(3), 0, mm(1.5)] };
    case 'subheading':
      return { text: block.text, bold: true, margin: [0, mm(2), 0, mm(1)] };
    case 'paragraph':
      return { text: runs(block.runs), alignment: 'justify', margin: [0, 0, 0, mm(1)] };
    case 'bullet':
      return { text: [{ text: '- ' }, ...runs(block.runs)], margin: [mm(5), 0, 0, mm(0.5)] };
    case 'table': {
      const total = block.widths.reduce((a, b) => a + b, 0);
      const cell = (text: string, i: number, head: boolean): PdfNode => ({
        text,
        bold: head,
        alignment: head ? 'center' : (block.align[i] ?? 'left'),
      });
      return {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: block.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
          body: [
            block.header.map((h, i) => cell(h, i, true)),
            ...block.rows.map((r) => r.map((c, i) => cell(c, i, false))),
          ],
        },
        fontSize: PAGE.tablePt,
        margin: [0, mm(1), 0, mm(2)],
      };
    }
  }
}

function definition(content: MinutesContent): object {
  const { marginMm } = PAGE;
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [mm(marginMm.left), mm(marginMm.top), mm(marginMm.right), mm(marginMm.bottom)],
    // Decree 30: page numbers centred in the top margin, from the second page on.
    header: (currentPage: number): PdfNode | null =>
      currentPage === 1
        ? null
        : {
            text: String(currentPage),
            alignment: 'center',
            fontSize: PAGE.bodyPt,
            margin: [0, mm(PAGE.pageNumberFromTopMm), 0, 0],
          },
    content: [
      ...headerNodes(content),
      ...minutesBody(content).map(blockNode),
      { stack: [...minutesClosing(content).map(blockNode), signatureNodes(content)], unbreakable: true },
    ],
    defaultStyle: { font: FONT, fontSize: PAGE.bodyPt, lineHeight: 1.1 },
    info: { title: `Biên bản: ${content.header.title}`, creator: 'Paperless Cabinet', producer: 'Paperless Cabinet' },
    language: 'vi-VN',
    version: '1.7',
  };
}

/** Renders checked content (it is parsed again: NFC, bounds) into the bytes of a PDF. */
export async function renderMinutesPdf(input: MinutesContent): Promise<Buffer> {
  const content = MinutesContentSchema.parse(input);
  return pdfmake.createPdf(definition(content)).getBuffer();
}
