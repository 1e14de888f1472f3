import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { placeAndDate, QUOC_HIEU, TIEU_NGU, upperVietnamese } from '../../shared/domain/index.js';
import { MinutesContentSchema, type MinutesContent } from '../../shared/protocol/index.js';
import { minutesBody, minutesClosing, type Align, type Block, type Run } from './minutes-blocks.js';
import { DOCX_FONT, PAGE } from './minutes-layout.js';

/**
 * The minutes as a Word document, for a secretary who finishes them in Word: the same
 * header, body and signatures as the PDF (Decree 30 layout), with Times New Roman named
 * (the file carries no font; Word has it, LibreOffice substitutes Liberation Serif).
 */

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (millimetres: number) => Math.round(millimetres * TWIPS_PER_MM);
const halfPoints = (points: number) => Math.round(points * 2);

const CONTENT_MM = PAGE.widthMm - PAGE.marginMm.left - PAGE.marginMm.right;
const LEFT_MM = CONTENT_MM * 0.4;
const RIGHT_MM = CONTENT_MM - LEFT_MM;
/** The tiêu ngữ in Times New Roman bold 13 pt is 159 pt long: its rule is as long. */
const MOTTO_MM = (159 / 72) * 25.4;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } as const;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

function textRuns(list: readonly Run[], size?: number): TextRun[] {
  return list.map(
    (r) =>
      new TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italics ?? false, size: size && halfPoints(size) }),
  );
}

function centred(text: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: textRuns([{ text, ...options }], options.size) });
}

/** A paragraph whose bottom border, shortened by indents to `lineMm` and centred, is the rule. */
function ruled(children: TextRun[], columnMm: number, lineMm: number): Paragraph {
  const indent = twips(Math.max(0, (columnMm - lineMm) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: indent, right: indent },
    border: { bottom: LINE },
    children,
  });
}

function headerTable(content: MinutesContent): Table {
  const { header } = content;
  const left: Paragraph[] = [];
  if (header.parentOrganisation)
    left.push(centred(upperVietnamese(header.parentOrganisation), { size: PAGE.headerPt }));
  left.push(
    ruled(textRuns([{ text: upperVietnamese(header.organisation), bold: true }], PAGE.headerPt), LEFT_MM, LEFT_MM / 3),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 80 },
      children: textRuns([{ text: `Số: ${header.number}` }]),
    }),
  );
  const right = [
    centred(QUOC_HIEU, { bold: true, size: PAGE.headerPt }),
    ruled(textRuns([{ text: TIEU_NGU, bold: true }], PAGE.mottoPt), RIGHT_MM, MOTTO_MM),
  ];
  const cell = (children: Paragraph[], mm: number) =>
    new TableCell({ children, borders: NO_BORDERS, width: { size: twips(mm), type: WidthType.DXA } });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(CONTENT_MM), type: WidthType.DXA },
    columnWidths: [twips(LEFT_MM), twips(RIGHT_MM)],
    rows: [new TableRow({ children: [cell(left, LEFT_MM), cell(right, RIGHT_MM)] })],
  });
}

function bodyTable(block: Extract<Block, { kind: 'table' }>): Table {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => twips((CONTENT_MM * w) / total));
  const row = (cells: string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            margins: { left: 80, right: 80 },
            children: [
              new Paragraph({
                alignment: head ? AlignmentType.CENTER : ALIGN[block.align[i] ?? 'left'],
                children: textRuns([{ text, bold: head }], PAGE.tablePt),
              }),
            ],
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(CONTENT_MM), type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(block.header, true), ...block.rows.map((r) => row(r, false))],
  });
}

/**
 * Headings and labels stay with what follows them; `keepNext` keeps other paragraphs with the next too
 * (the closing with the signatures).
 */
function blockElements(block: Block, keepNext = false): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 160, after: 80 },
          children: textRuns([{ text: block.text, bold: true }]),
        }),
      ];
    case 'subheading':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120, after: 60 },
          children: textRuns([{ text: block.text, bold: true }]),
        }),
      ];
    case 'label':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { after: 60 },
          children: textRuns([{ text: block.text, bold: true }]),
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          keepNext,
          alignment: AlignmentType.JUSTIFIED,
          spacing: { after: 60 },
          children: textRuns(block.runs),
        }),
      ];
    case 'bullet':
      return [
        new Paragraph({ keepNext, indent: { left: twips(5) }, children: textRuns([{ text: '- ' }, ...block.runs]) }),
      ];
    case 'table':
      // Word needs a paragraph between two tables, or it merges them.
      return [bodyTable(block), new Paragraph({ spacing: { after: 60 }, children: [] })];
  }
}

function signatures(content: MinutesContent): Table {
  const block = (title: string, name: string) =>
    new TableCell({
      borders: NO_BORDERS,
      width: { size: twips(CONTENT_MM / 2), type: WidthType.DXA },
      children: [
        centred(title, { bold: true }),
        centred('(Ký, ghi rõ họ tên)', { italics: true }),
        new Paragraph({ spacing: { before: twips(PAGE.signatureRoomMm) }, children: [] }),
        centred(name, { bold: true }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(CONTENT_MM), type: WidthType.DXA },
    columnWidths: [twips(CONTENT_MM / 2), twips(CONTENT_MM / 2)],
    rows: [
      new TableRow({
        cantSplit: true,
        children: [block('THƯ KÝ', content.closing.signers.secretary), block('CHỦ TỌA', content.closing.signers.chair)],
      }),
    ],
  });
}

/** Renders checked content (parsed again: NFC, bounds) into the bytes of a .docx. */
export async function renderMinutesDocx(input: MinutesContent): Promise<Buffer> {
  const content = MinutesContentSchema.parse(input);
  const { header } = content;
  const { marginMm } = PAGE;
  const doc = new Document({
    creator: 'Paperless Cabinet',
    title: `Biên bản: ${header.title}`,
    styles: { default: { document: { run: { font: DOCX_FONT, size: halfPoints(PAGE.bodyPt) } } } },
    sections: [
      {
        properties: {
          // A first page of its own: its header stays empty, the others carry the page number.
          titlePage: true,
          page: {
            size: { width: twips(PAGE.widthMm), height: twips(PAGE.heightMm) },
            margin: {
              top: twips(marginMm.top),
              bottom: twips(marginMm.bottom),
              left: twips(marginMm.left),
              right: twips(marginMm.right),
              header: twips(PAGE.pageNumberFromTopMm),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children: [
          headerTable(content),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 240, after: 240 },
            children: textRuns([{ text: placeAndDate(header.place, header.date), italics: true }]),
          }),
          centred('BIÊN BẢN', { bold: true, size: PAGE.titlePt }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: textRuns([{ text: header.title, bold: true }]),
          }),
          ...minutesBody(content).flatMap((b) => blockElements(b)),
          ...minutesClosing(content).flatMap((b) => blockElements(b, true)),
          new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [] }),
          signatures(content),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
