import { parse } from 'csv-parse/sync';
import {
  MAX_IMPORT_ROWS,
  PERSON_TEXT_MAX,
  PERSON_IMPORT_COLUMNS,
  REQUIRED_IMPORT_COLUMNS,
  USERNAME_MAX,
  type ImportFormat,
  type PersonImportColumn,
  type PersonImportError,
} from '../../shared/protocol/index.js';
import { foldForSearch } from '../../shared/domain/search-fold.js';
import { importMessage } from './import-messages.js';
import { readXlsxRows } from './xlsx-reader.js';
import { zipRefusal } from './zip-bounds.js';

/** One line (CSV) or row (workbook) below the header: its number in the file, its cells by column. */
export interface RawImportRow {
  row: number;
  cells: Partial<Record<PersonImportColumn, string>>;
  /** Cells beyond the header's columns that hold something. */
  extra: boolean;
}

export type ReadImport = { ok: true; rows: RawImportRow[] } | { ok: false; errors: PersonImportError[] };

const refused = (error: Omit<PersonImportError, 'message'>, detail: Parameters<typeof importMessage>[2] = {}) => ({
  ok: false as const,
  errors: [{ ...error, message: importMessage(error.code, error.row, detail) }],
});

/** A header's name as compared: no marks, \`đ\` as \`d\`, lower case, single spaces ("Họ và  tên" → "ho va ten"). */
const headerKey = (name: string) => foldForSearch(name).trim().replace(/\s+/g, ' ');

/**
 * The header names a column may have: its own (any case), or the Vietnamese an office's own
 * spreadsheet already uses ("Họ và tên", "Chức vụ"), with or without diacritics.
 */
const HEADER_NAMES: ReadonlyMap<string, PersonImportColumn> = new Map([
  ...PERSON_IMPORT_COLUMNS.map((c) => [headerKey(c), c] as const),
  ...(
    [
      ['Tên đăng nhập', 'username'],
      ['Tài khoản', 'username'],
      ['Họ và tên', 'displayName'],
      ['Họ tên', 'displayName'],
      ['Chức vụ', 'title'],
      ['Đơn vị', 'unit'],
      ['Số ghế', 'seat'],
      ['Ghế', 'seat'],
      ['Thư điện tử', 'email'],
      ['E-mail', 'email'],
    ] as const
  ).map(([name, column]) => [headerKey(name), column] as const),
]);

/** Reads a file into rows; a file that cannot be read, or a wrong header, is refused whole. */
export async function readImportFile(format: ImportFormat, bytes: Uint8Array): Promise<ReadImport> {
  const lines = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  if (!lines.ok) return lines;
  const [header, ...body] = lines.rows;
  if (!header) return refused({ row: 1, code: 'EMPTY_FILE' });
  const columns: Array<PersonImportColumn | null> = [];
  for (const name of header.cells) {
    const wanted = headerKey(name);
    const column = HEADER_NAMES.get(wanted);
    if (!column && wanted !== '') return refused({ row: header.row, code: 'BAD_HEADER' }, { value: name.trim() });
    columns.push(column ?? null);
  }
  if (!REQUIRED_IMPORT_COLUMNS.every((c) => columns.includes(c)))
    return refused({ row: header.row, code: 'BAD_HEADER' });
  if (body.length === 0) return refused({ row: header.row, code: 'EMPTY_FILE' });
  if (body.length > MAX_IMPORT_ROWS) {
    const first = body[MAX_IMPORT_ROWS];
    return refused({ row: first?.row ?? 0, code: 'TOO_MANY_ROWS' }, { max: MAX_IMPORT_ROWS });
  }
  return {
    ok: true,
    rows: body.map(({ row, cells }) => {
      const named: RawImportRow['cells'] = {};
      columns.forEach((column, i) => {
        if (column) named[column] = cells[i] ?? '';
      });
      return { row, cells: named, extra: cells.slice(columns.length).some((c) => c.trim() !== '') };
    }),
  };
}

type Lines = { ok: true; rows: Array<{ row: number; cells: string[] }> } | { ok: false; errors: PersonImportError[] };

/** UTF-8 only (a byte that is not refuses the file), with or without a BOM; comma or semicolon (Excel's in Vietnamese locales). */
function readCsv(bytes: Uint8Array): Lines {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refused({ row: 0, code: 'MALFORMED_FILE' }, { reason: 'không phải UTF-8 / not UTF-8' });
  }
  // Lines may end in CR alone (Excel for the old Mac's "CSV"), as the parser allows.
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  try {
    const records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // A line of the file may not be one record: stop long before memory does.
      max_record_size: 64 * 1024,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    // Blank-looking lines (only delimiters) are no people.
    const rows = records
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => ({ row: r.info.lines, cells: r.record }));
    return { ok: true, rows };
  } catch (error) {
    const e = error as { lines?: number; code?: string };
    return refused({ row: e.lines ?? 0, code: 'MALFORMED_FILE' }, { reason: e.code ?? 'CSV' });
  }
}

/** Columns read of a worksheet: the header's (a few) and some more, to see what is written past them. */
const MAX_XLSX_COLUMNS = 64;

/**
 * The most of a cell read: past every field's bound (a longer one is refused as TOO_LONG all
 * the same). A workbook's cells may all name one shared string of megabytes, held once in the
 * file and in memory; each cell read whole would be that string again in each row, in each
 * refused row's message and in the answer (a 20 KB file ran the server out of memory).
 */
export const MAX_CELL_CHARS = Math.max(USERNAME_MAX, ...Object.values(PERSON_TEXT_MAX)) + 1;

/** The first worksheet of an Excel workbook; what a cell shows is what is read (a seat typed as 12 reads "12"). */
async function readXlsx(bytes: Uint8Array): Promise<Lines> {
  // Bounded before exceljs, which inflates every entry whole, however large.
  const refusal = await zipRefusal(bytes);
  if (refusal) return refused({ row: 0, code: 'MALFORMED_FILE' }, { reason: `.xlsx: ${refusal}` });
  const read = await readXlsxRows(bytes, {
    maxRows: MAX_IMPORT_ROWS,
    maxColumns: MAX_XLSX_COLUMNS,
    maxCellChars: MAX_CELL_CHARS,
  });
  if (!read.ok)
    return refused(
      { row: 0, code: 'MALFORMED_FILE' },
      {
        reason:
          read.reason === 'not-xlsx'
            ? 'không phải tệp .xlsx / not an .xlsx file'
            : 'không đọc được tệp .xlsx / the .xlsx file could not be read',
      },
    );
  return read;
}
