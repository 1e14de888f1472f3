import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/protocol/annotations.js';
import { annotationRecord, everyKind } from '../../../test/support/annotation-records.js';
import { runTool, pypdfAnnotations } from '../../../test/support/outside-tools.js';
import { makePdf, VIETNAMESE_PAGES } from '../../../test/support/pdf-fixtures.js';
import { AnnotationExportError, exportAnnotatedPdf, MAX_EXPORTED_ANNOTATIONS } from './index.js';

/**
 * The export of a plain (unsigned) document, read back by tools that are not ours: qpdf for
 * the structure, pypdf for the annotation dictionaries, poppler for what is drawn and which
 * font is embedded, pdftotext for the notes list.
 */

const EXPORTED_AT = new Date('2026-11-30T03:00:00Z');
const ZONE = 'Asia/Ho_Chi_Minh';
let dir: string;
let base: Uint8Array;
let records: Annotation[];
let exported: { pdf: Uint8Array; mode: string };
let file: string;

function subtypeOf(a: Annotation): string {
  if (a.geometry?.shape === 'boxes') return '/Highlight';
  return a.geometry?.shape === 'strokes' ? '/Ink' : '/FreeText';
}

async function pageCount(path: string): Promise<number> {
  const info = await runTool('pdfinfo', [path]);
  return Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-annotated-'));
  base = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  const tombstone = annotationRecord({ page: 1, kind: 'note', geometry: null, deleted: true, text: 'đã xóa' });
  records = [...everyKind(), tombstone];
  exported = await exportAnnotatedPdf({
    pdf: base,
    annotations: records,
    language: 'vi',
    title: 'Biên bản họp Đại hội đồng cổ đông',
    exportedAt: EXPORTED_AT,
    timeZone: ZONE,
  });
  file = join(dir, 'annotated.pdf');
  writeFileSync(file, exported.pdf);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unsigned document with one annotation of each kind', () => {
  it('is an incremental update: the original bytes are an exact prefix', () => {
    expect(exported.mode).toBe('incremental');
    expect(exported.pdf.length).toBeGreaterThan(base.length);
    expect(Buffer.from(exported.pdf.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);
  });

  it('qpdf --check: exit 0, no warning', async () => {
    const check = await runTool('qpdf', ['--check', file]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    expect(check.stdout).not.toMatch(/WARNING/i);
    expect(check.code).toBe(0);
  });

  it('pypdf lists each live record as a PDF annotation: page, subtype, author, text; the tombstone is not there', async () => {
    const listed = await pypdfAnnotations(file);
    const live = records.filter((a) => !a.deleted);
    expect(listed.annotations).toEqual(
      live.map((a) => ({
        page: a.page,
        subtype: subtypeOf(a),
        author: 'Nguyễn Văn Đức',
        contents: a.text !== '' ? a.text : a.quote,
        id: a.id,
      })),
    );
    expect(listed.annotations.map((a) => a.contents)).toContain('Đề nghị làm rõ điều 5 — Biểu quyết thông qua');
    expect(listed.annotations.map((a) => a.contents)).toContain('Nghị quyết Đại hội đồng cổ đông');
    expect(listed.pages).toBe(VIETNAMESE_PAGES.length + 1);
  });

  it('pdftoppm: the annotated pages look different with and without annotations, and poppler complains of nothing', async () => {
    const withAnnots = await runTool('pdftoppm', ['-r', '50', '-png', '-l', '4', file, join(dir, 'with')]);
    const without = await runTool('pdftoppm', [
      '-r',
      '50',
      '-png',
      '-l',
      '4',
      '-hide-annotations',
      file,
      join(dir, 'without'),
    ]);
    expect([withAnnots.code, without.code]).toEqual([0, 0]);
    // Neither "can't represent" (a glyph missing) nor "Syntax Error".
    expect(withAnnots.stderr + without.stderr).toBe('');
    const png = (name: string, page: number) => readFileSync(join(dir, `${name}-${page}.png`));
    for (const page of [1, 2, 3]) expect(png('with', page).equals(png('without', page)), `page ${page}`).toBe(false);
    expect(png('with', 4).equals(png('without', 4))).toBe(true);
  });

  it('pdffonts: Liberation Serif is embedded with its Unicode map', async () => {
    const fonts = await runTool('pdffonts', [file]);
    expect(fonts.code).toBe(0);
    const line = fonts.stdout.split('\n').find((l) => l.startsWith('LiberationSerif'));
    expect(line).toBeDefined();
    // name, type (two words), encoding, then emb sub uni, object number and generation.
    const [emb, , uni] = line!.trim().split(/\s+/).slice(-5);
    expect({ emb, uni }).toEqual({ emb: 'yes', uni: 'yes' });
  });

  it('pdftotext of the last page: the notes list, in page order, Vietnamese intact', async () => {
    const last = await pageCount(file);
    expect(last).toBe(VIETNAMESE_PAGES.length + 1);
    const text = (await runTool('pdftotext', ['-f', String(last), '-l', String(last), file, '-'])).stdout;
    expect(text).toContain('Danh sách ghi chú');
    expect(text).toContain('Tài liệu: Biên bản họp Đại hội đồng cổ đông');
    expect(text).toContain('Xuất lúc: 10:00 GMT+7 30/11/2026');
    expect(text).toContain('5 ghi chú');
    const entries = [
      'Trang 1 · Tô sáng · Nguyễn Văn Đức · 09:15 GMT+7 30/11/2026',
      '“Nghị quyết Đại hội đồng cổ đông”',
      'Trang 2 · Ghi chú · Nguyễn Văn Đức',
      'Đề nghị làm rõ điều 5 — Biểu quyết thông qua',
      'Trang 2 · Nét vẽ · Nguyễn Văn Đức',
      'Chỗ này cần số liệu năm trước',
      'Trang 3 · Tô sáng',
      '“Tờ trình về phương án”',
      'Ủng hộ, nhưng hỏi thêm về thời hạn',
      'Trang 3 · Tô sáng',
      'Xem lại phương án',
    ];
    let from = 0;
    for (const entry of entries) {
      const at = text.indexOf(entry, from);
      expect(at, entry).toBeGreaterThanOrEqual(0);
      from = at + entry.length;
    }
    expect(text).not.toContain('đã xóa');
    expect(text).not.toContain('Bản sao');
  });
});

describe('the notes list', () => {
  /** Exports `annotations` onto the five-page base into `name`, and reads the list back. */
  async function exportedList(name: string, annotations: Annotation[], language: 'vi' | 'en' = 'vi') {
    const out = await exportAnnotatedPdf({
      pdf: base,
      annotations,
      language,
      title: 'Biên bản',
      exportedAt: EXPORTED_AT,
    });
    const path = join(dir, name);
    writeFileSync(path, out.pdf);
    const text = (await runTool('pdftotext', ['-f', String(VIETNAMESE_PAGES.length + 1), path, '-'])).stdout;
    return { out, path, text, listPages: (await pageCount(path)) - VIETNAMESE_PAGES.length };
  }

  it('is in English when asked, with the same records', async () => {
    const { text } = await exportedList('english.pdf', everyKind(), 'en');
    expect(text).toContain('List of notes');
    expect(text).toContain('Exported: 30/11/2026, 03:00 GMT+0');
    expect(text).toContain('Page 2 · Note · Nguyễn Văn Đức · 30/11/2026, 02:15 GMT+0');
    expect(text).toContain('Page 2 · Drawing');
  });

  it('runs over several pages when long, every note in it, numbered n/total', async () => {
    const long = 'Ý kiến đóng góp về nội dung dự thảo nghị quyết, đề nghị bổ sung số liệu. '.repeat(6);
    const many = Array.from({ length: 120 }, (_, i) =>
      annotationRecord({
        page: (i % VIETNAMESE_PAGES.length) + 1,
        kind: 'note',
        geometry: { shape: 'box', rect: [60, 60 + (i % 20) * 30, 260, 85 + (i % 20) * 30], fontSize: 9 },
        text: `Ghi chú số ${i + 1}: ${long}`,
      }),
    );
    const { path, text, listPages } = await exportedList('long.pdf', many);
    expect(listPages).toBeGreaterThan(3);
    for (let i = 1; i <= 120; i++) expect(text, `note ${i}`).toContain(`Ghi chú số ${i}:`);
    expect(text).toContain(`Danh sách ghi chú — 1/${listPages}`);
    expect(text).toContain(`Danh sách ghi chú — ${listPages}/${listPages}`);
    expect((await runTool('qpdf', ['--check', path])).code).toBe(0);
    expect((await pypdfAnnotations(path)).annotations).toHaveLength(120);
  });

  it('an export of no annotations still carries the list, saying there are none', async () => {
    const { out, text, listPages } = await exportedList('none.pdf', []);
    expect(out.mode).toBe('incremental');
    expect(listPages).toBe(1);
    expect(text).toContain('Không có ghi chú nào.');
  });
});

describe('refusals', () => {
  const input = (annotations: Annotation[], pdf = base) =>
    exportAnnotatedPdf({ pdf, annotations, language: 'vi', title: 'x', exportedAt: EXPORTED_AT });

  it(`more than ${MAX_EXPORTED_ANNOTATIONS} live annotations: too-many, before any work`, async () => {
    const one = everyKind()[0]!;
    const many = Array.from({ length: MAX_EXPORTED_ANNOTATIONS + 1 }, () => one);
    await expect(input(many)).rejects.toMatchObject({ name: 'AnnotationExportError', reason: 'too-many' });
  });

  it('tombstones do not count towards the limit', async () => {
    const dead = annotationRecord({ page: 1, kind: 'ink', geometry: null, deleted: true });
    const out = await input([...Array.from({ length: MAX_EXPORTED_ANNOTATIONS + 1 }, () => dead), everyKind()[0]!]);
    expect(out.mode).toBe('incremental');
  });

  it('an annotation on a page the document does not have: bad-annotation', async () => {
    const far = annotationRecord({
      page: 9,
      kind: 'ink',
      geometry: { shape: 'strokes', strokes: [[1, 1, 2, 2]], thickness: 1 },
    });
    const refused = await input([far]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AnnotationExportError);
    expect(refused).toMatchObject({ reason: 'bad-annotation', message: expect.stringContaining('page 9') });
  });

  it('bytes that are no PDF: unreadable', async () => {
    const text = new TextEncoder().encode('Đây là một tệp văn bản, không phải PDF.\n');
    await expect(input(everyKind(), text)).rejects.toMatchObject({ reason: 'unreadable' });
  });
});
