import pdfmake from 'pdfmake';
import { MinutesContentSchema, type MinutesContent } from '../../shared/protocol/index.js';
import { minutesBody, minutesClosing, type Block, type Run } from './minutes-blocks.js';
import { MINUTES_FONT_FILES, mm, PAGE } from './minutes-layout.js';
import { headerNodes, signatureNodes, type PdfNode } from './minutes-pdf-header.js';

/**
 * The minutes as a PDF laid out by Decree 30/2020/NĐ-CP, made with pdfmake (tables, columns,
 * wrapping and page headers; pdfkit underneath). pdfkit embeds each font as a subset with a
 * ToUnicode map and writes a classic cross-reference table without object streams, which is
 * what `signPdf` (server/signatures) appends its incremental signatures to.
 */

const FONT = 'LiberationSerif';
const PAGE_NUMBER_STYLE = 'pageNumber';
const TABLE_HEADER_STYLE = 'tableHeader';

/** What pdfmake tells `pageBreakBefore` of a node. */
interface PageNode {
  headlineLevel?: number;
  style?: unknown;
}
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
      return { text: block.text, bold: true, margin: [0, mm(3), 0, mm(1.5)], headlineLevel: 1 };
    case 'subheading':
      return { text: block.text, bold: true, margin: [0, mm(2), 0, mm(1)], headlineLevel: 1 };
    case 'label':
      return { text: block.text, bold: true, margin: [0, 0, 0, mm(1)], headlineLevel: 1 };
    case 'paragraph':
      return { text: runs(block.runs), alignment: 'justify', margin: [0, 0, 0, mm(1)] };
    case 'bullet':
      return { text: [{ text: '- ' }, ...runs(block.runs)], margin: [mm(5), 0, 0, mm(0.5)] };
    case 'table':
      return tableNode(block, null);
  }
}

/**
 * A table, under its label if it has one. The label is the table's first row (no borders),
 * repeated with the column headings on every page it runs over: pdfmake then keeps it with
 * the headings and the first row, which a label of its own above the table does not get.
 */
function tableNode(block: Extract<Block, { kind: 'table' }>, label: string | null): PdfNode {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const cell = (text: string, i: number, head: boolean): PdfNode =>
    head ? { text, style: TABLE_HEADER_STYLE } : { text, alignment: block.align[i] ?? 'left' };
  const labelRow: PdfNode[] =
    label === null
      ? []
      : [
          {
            text: label,
            bold: true,
            fontSize: PAGE.bodyPt,
            colSpan: block.widths.length,
            border: [false, false, false, false],
            margin: [-4, 0, 0, mm(1)],
          },
          ...block.widths.slice(1).map(() => ({ text: '', border: [false, false, false, false] })),
        ];
  const headerRows = label === null ? 1 : 2;
  return {
    table: {
      // The headings repeat on every page, and never stay behind without a row under them.
      headerRows,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: block.widths.map((w) => `${((w / total) * 100).toFixed(2)}%`),
      body: [
        ...(label === null ? [] : [labelRow]),
        block.header.map((h, i) => cell(h, i, true)),
        ...block.rows.map((r) => r.map((c, i) => cell(c, i, false))),
      ],
    },
    // pdfmake draws the top rule over a spanned cell whatever its borders say.
    layout: { hLineWidth: (i: number) => (label !== null && i === 0 ? 0 : 1) },
    fontSize: PAGE.tablePt,
    margin: [0, label === null ? mm(1) : 0, 0, mm(2)],
  };
}

/** The body's blocks as nodes, each label directly above a table made part of that table. */
function bodyNodes(blocks: readonly Block[]): PdfNode[] {
  const nodes: PdfNode[] = [];
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.kind === 'label' && next?.kind === 'table') {
      nodes.push(tableNode(next, block.text));
      i += 1;
    } else {
      nodes.push(blockNode(block));
    }
  }
  return nodes;
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
            style: PAGE_NUMBER_STYLE,
            margin: [0, mm(PAGE.pageNumberFromTopMm), 0, 0],
          },
    // A heading or label last on its page goes to the next, with what it heads. (pdfmake 0.3
    // asks with functions, where 0.2 passed lists; the page number counts as a node.)
    pageBreakBefore: (node: PageNode, query: { getFollowingNodesOnPage(): PageNode[] }) =>
      node.headlineLevel === 1 && query.getFollowingNodesOnPage().every((n) => n.style === PAGE_NUMBER_STYLE),
    styles: {
      [PAGE_NUMBER_STYLE]: { alignment: 'center', fontSize: PAGE.bodyPt },
      [TABLE_HEADER_STYLE]: { alignment: 'center', bold: true },
    },
    content: [
      ...headerNodes(content),
      ...bodyNodes(minutesBody(content)),
      { stack: [...bodyNodes(minutesClosing(content)), signatureNodes(content)], unbreakable: true },
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
