import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { degrees, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/protocol/annotations.js';
import { annotationRecord, everyKind } from '../../../test/support/annotation-records.js';
import { pypdfAnnotations, runTool } from '../../../test/support/outside-tools.js';
import { makePdf, VIETNAMESE_PAGES } from '../../../test/support/pdf-fixtures.js';
import { issueLeaf, makeCa, type TestCa } from '../../../test/support/test-pki.js';
import { signPdf, verifyPdfSignatures } from '../../signatures/index.js';
import { exportAnnotatedPdf } from './index.js';

/**
 * The export of files that are not the plain case: signed, already annotated (with /Annots
 * direct or indirect), written with object and cross-reference streams, rotated, encrypted.
 */

let dir: string;
let base: Uint8Array;
let counter = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-annotated-odd-'));
  base = await makePdf({ pages: [...VIETNAMESE_PAGES] });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportOf(pdf: Uint8Array, annotations: readonly Annotation[] = everyKind()) {
  return exportAnnotatedPdf({ pdf, annotations, language: 'vi', title: 'Biên bản', exportedAt: new Date() });
}

function saved(pdf: Uint8Array): string {
  const file = join(dir, `file-${++counter}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

async function qpdfClean(file: string): Promise<void> {
  const check = await runTool('qpdf', ['--check', file]);
  expect(check.stdout + check.stderr).not.toMatch(/WARNING|ERROR/);
  expect(check.code).toBe(0);
}

const isPrefix = (original: Uint8Array, exported: Uint8Array) =>
  Buffer.from(exported.subarray(0, original.length)).equals(Buffer.from(original));

/** The text of the notes list: the pages after the original's `pages`. */
async function notesListText(file: string, pages: number): Promise<string> {
  return (await runTool('pdftotext', ['-f', String(pages + 1), file, '-'])).stdout;
}

describe('a signed document', () => {
  let ca: TestCa;
  let signed: Buffer;
  let nss: string;

  beforeAll(async () => {
    ca = await makeCa();
    const chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-chair', name: 'Nguyễn Văn Chủ Tọa' });
    signed = await signPdf(Buffer.from(base), chair.signer, { reason: 'Phê duyệt', name: chair.name });
    nss = join(dir, 'nss');
    mkdirSync(nss);
    writeFileSync(join(dir, 'ca.pem'), ca.pem);
    expect((await runTool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'])).code).toBe(0);
    const trust = ['-A', '-d', `sql:${nss}`, '-n', 'cabinet-test-ca', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem')];
    expect((await runTool('certutil', trust)).code).toBe(0);
  });

  it('is updated incrementally: the signed bytes stay a prefix, and our verifier still finds the signature valid', async () => {
    const out = await exportOf(signed);
    expect(out.mode).toBe('incremental');
    expect(isPrefix(signed, out.pdf)).toBe(true);
    const [report, ...others] = await verifyPdfSignatures(Buffer.from(out.pdf), { anchors: [ca.der] });
    expect(others).toEqual([]);
    expect(report!.verification).toMatchObject({ ok: true });
    expect(report!.coversWholeDocument).toBe(false);
  });

  it('pdfsig: the signature is valid and trusted, the annotations come after it; qpdf and pypdf read the file', async () => {
    const file = saved((await exportOf(signed)).pdf);
    const report = await runTool('pdfsig', ['-nssdir', `sql:${nss}`, file]);
    expect(report.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(report.stdout).toContain('Certificate Validation: Certificate is Trusted.');
    expect(report.stdout).toContain('Not total document signed');
    await qpdfClean(file);
    expect((await pypdfAnnotations(file)).annotations.map((a) => a.contents)).toContain(
      'Đề nghị làm rõ điều 5 — Biểu quyết thông qua',
    );
  });

  it('signed and then encrypted: a rewritten copy, which says at the top of its notes list that the signatures are gone', async () => {
    const encrypted = join(dir, 'signed-encrypted.pdf');
    writeFileSync(join(dir, 'signed.pdf'), signed);
    await runTool('qpdf', ['--encrypt', '', 'owner', '256', '--', join(dir, 'signed.pdf'), encrypted]);
    const out = await exportOf(readFileSync(encrypted));
    expect(out.mode).toBe('unsigned-copy');
    const file = saved(out.pdf);
    await qpdfClean(file);
    const text = await notesListText(file, VIETNAMESE_PAGES.length);
    expect(text.indexOf('Bản sao này không còn chữ ký số của bản gốc.')).toBeGreaterThan(-1);
    expect(text.indexOf('Bản sao này không còn chữ ký số')).toBeLessThan(text.indexOf('Trang 1 · Tô sáng'));
  });
});

describe('a page that already has annotations', () => {
  async function annotatedBefore(indirect: boolean): Promise<Uint8Array> {
    const doc = await PDFDocument.load(base);
    const old = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [20, 20, 40, 40],
      T: PDFHexString.fromText('Lê Thị Thư Ký'),
      Contents: PDFHexString.fromText('Ghi chú có từ trước'),
    });
    const list = doc.context.obj([doc.context.register(old)]);
    doc.getPage(0).node.set(PDFName.of('Annots'), indirect ? doc.context.register(list) : list);
    return doc.save({ useObjectStreams: false });
  }

  for (const indirect of [false, true]) {
    it(`keeps them, before ours (/Annots ${indirect ? 'an indirect' : 'a direct'} array)`, async () => {
      const before = await annotatedBefore(indirect);
      expect(Buffer.from(before).toString('latin1')).toMatch(indirect ? /\/Annots \d+ 0 R/ : /\/Annots \[/);
      const out = await exportOf(before);
      expect(out.mode).toBe('incremental');
      expect(isPrefix(before, out.pdf)).toBe(true);
      const file = saved(out.pdf);
      await qpdfClean(file);
      const firstPage = (await pypdfAnnotations(file)).annotations.filter((a) => a.page === 1);
      expect(firstPage.map((a) => [a.subtype, a.author, a.contents])).toEqual([
        ['/Text', 'Lê Thị Thư Ký', 'Ghi chú có từ trước'],
        ['/Highlight', 'Nguyễn Văn Đức', 'Nghị quyết Đại hội đồng cổ đông'],
      ]);
    });
  }
});

describe('a file written with object streams and a cross-reference stream', () => {
  const producers: Record<string, () => Promise<Uint8Array>> = {
    "pdf-lib's default save": async () => (await PDFDocument.load(base)).save(),
    'qpdf --object-streams=generate': async () => {
      const from = saved(base);
      const to = join(dir, 'object-streams.pdf');
      await runTool('qpdf', ['--object-streams=generate', from, to]);
      return readFileSync(to);
    },
  };

  for (const [producer, make] of Object.entries(producers)) {
    it(`${producer}: the update is a cross-reference stream too, and qpdf finds nothing wrong`, async () => {
      const streamed = await make();
      expect(Buffer.from(streamed).toString('latin1')).toContain('/ObjStm');
      const out = await exportOf(streamed);
      expect(out.mode).toBe('incremental');
      expect(isPrefix(streamed, out.pdf)).toBe(true);
      const update = Buffer.from(out.pdf.subarray(streamed.length)).toString('latin1');
      expect(update).toContain('/XRef');
      expect(update).not.toMatch(/^xref$/m);
      const file = saved(out.pdf);
      await qpdfClean(file);
      expect((await pypdfAnnotations(file)).annotations).toHaveLength(everyKind().length);
    });
  }
});

describe('a page turned with /Rotate 90', () => {
  it('exports without error: qpdf clean, poppler draws it without complaint, the note is listed', async () => {
    const doc = await PDFDocument.load(base);
    doc.getPage(1).setRotation(degrees(90));
    const rotated = await doc.save({ useObjectStreams: false });
    const note = annotationRecord({
      page: 2,
      kind: 'note',
      geometry: { shape: 'box', rect: [100, 300, 160, 600], fontSize: 11 },
      text: 'Ghi chú trên trang xoay ngang',
    });
    const out = await exportOf(rotated, [note]);
    expect(out.mode).toBe('incremental');
    const file = saved(out.pdf);
    await qpdfClean(file);
    const drawn = await runTool('pdftoppm', ['-r', '50', '-png', '-f', '2', '-l', '2', file, join(dir, 'rotated')]);
    expect(drawn.code).toBe(0);
    expect(drawn.stderr).toBe('');
    expect((await pypdfAnnotations(file)).annotations).toEqual([
      {
        page: 2,
        subtype: '/FreeText',
        author: 'Nguyễn Văn Đức',
        contents: 'Ghi chú trên trang xoay ngang',
        id: note.id,
      },
    ]);
  });
});

describe('an encrypted file', () => {
  async function encrypted(userPassword: string): Promise<Buffer> {
    const to = join(dir, `encrypted-${++counter}.pdf`);
    await runTool('qpdf', ['--encrypt', userPassword, 'owner-secret', '256', '--', saved(base), to]);
    return readFileSync(to);
  }

  it('without a password to open it: a decrypted, rewritten copy that says so', async () => {
    const locked = await encrypted('');
    expect(locked.toString('latin1')).toContain('/Encrypt');
    const out = await exportOf(locked);
    expect(out.mode).toBe('unsigned-copy');
    const file = saved(out.pdf);
    await qpdfClean(file);
    expect((await runTool('qpdf', ['--show-encryption', file])).stdout).toContain('File is not encrypted');
    expect((await pypdfAnnotations(file)).annotations).toHaveLength(everyKind().length);
    const text = await notesListText(file, VIETNAMESE_PAGES.length);
    expect(text).toContain('Bản sao này được ghi lại toàn bộ');
    expect(text).not.toContain('chữ ký số');
  });

  it('with a password to open it: refused as encrypted', async () => {
    const locked = await encrypted('mat-khau');
    await expect(exportOf(locked)).rejects.toMatchObject({ name: 'AnnotationExportError', reason: 'encrypted' });
  });
});
