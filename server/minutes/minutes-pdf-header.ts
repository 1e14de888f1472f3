import { placeAndDate, QUOC_HIEU, TIEU_NGU, upperVietnamese } from '../../shared/domain/index.js';
import type { MinutesContent } from '../../shared/protocol/index.js';
import { mm, PAGE } from './minutes-layout.js';

/**
 * The parts of the PDF that Decree 30 places exactly: the two-column header (organisation
 * and number left, Quốc hiệu and tiêu ngữ right), the place and date, the title, and the
 * signature blocks side by side. pdfmake document nodes.
 */

export type PdfNode = string | { [key: string]: unknown };

export const CONTENT_WIDTH = mm(PAGE.widthMm - PAGE.marginMm.left - PAGE.marginMm.right);
const LEFT_WIDTH = CONTENT_WIDTH * 0.4;
const RIGHT_WIDTH = CONTENT_WIDTH - LEFT_WIDTH;

/** A rule `length` long, centred in a column (under the organisation's name). */
function rule(columnWidth: number, length: number): PdfNode {
  const x1 = (columnWidth - length) / 2;
  return { canvas: [{ type: 'line', x1, y1: 0, x2: x1 + length, y2: 0, lineWidth: 0.6 }], margin: [0, 3, 0, 4] };
}

/** A block as wide as its text, centred, with a rule under it of the same length. */
function underlinedToFit(text: PdfNode): PdfNode {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        table: { body: [[text]] },
        layout: {
          hLineWidth: (i: number) => (i === 1 ? 0.6 : 0),
          vLineWidth: () => 0,
          paddingLeft: () => 0,
          paddingRight: () => 0,
          paddingTop: () => 0,
          paddingBottom: () => 1,
        },
      },
      { width: '*', text: '' },
    ],
    columnGap: 0,
  };
}

export function headerNodes(content: MinutesContent): PdfNode[] {
  const { header } = content;
  const left: PdfNode[] = [];
  if (header.parentOrganisation) {
    left.push({ text: upperVietnamese(header.parentOrganisation), fontSize: PAGE.headerPt, alignment: 'center' });
  }
  left.push(
    { text: upperVietnamese(header.organisation), bold: true, fontSize: PAGE.headerPt, alignment: 'center' },
    rule(LEFT_WIDTH, LEFT_WIDTH / 3),
    { text: `Số: ${header.number || '      '}`, fontSize: PAGE.bodyPt, alignment: 'center', margin: [0, 2, 0, 0] },
  );
  const right: PdfNode[] = [
    { text: QUOC_HIEU, bold: true, fontSize: PAGE.headerPt, alignment: 'center' },
    underlinedToFit({ text: TIEU_NGU, bold: true, fontSize: PAGE.mottoPt, alignment: 'center' }),
  ];
  return [
    {
      columns: [
        { width: LEFT_WIDTH, stack: left },
        { width: RIGHT_WIDTH, stack: right },
      ],
      columnGap: 0,
    },
    {
      text: placeAndDate(header.place, header.date),
      italics: true,
      alignment: 'right',
      margin: [0, mm(4), 0, mm(6)],
    },
    { text: 'BIÊN BẢN', bold: true, fontSize: PAGE.titlePt, alignment: 'center' },
    { text: header.title, bold: true, alignment: 'center', margin: [0, 2, 0, mm(6)] },
  ];
}

/** "THƯ KÝ" left, "CHỦ TỌA" right, each with room to sign or stamp, then the name. */
export function signatureNodes(content: MinutesContent): PdfNode {
  const block = (title: string, name: string): PdfNode => ({
    width: '*',
    stack: [
      { text: title, bold: true },
      { text: '(Ký, ghi rõ họ tên)', italics: true },
      { text: ' ', margin: [0, 0, 0, mm(PAGE.signatureRoomMm)] },
      { text: name, bold: true },
    ],
    alignment: 'center',
  });
  return {
    columns: [block('THƯ KÝ', content.closing.signers.secretary), block('CHỦ TỌA', content.closing.signers.chair)],
    columnGap: mm(10),
    margin: [0, mm(8), 0, 0],
  };
}
