import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../server/cli/verify-command.js';
import { signPdf, verifyPdfSignatures } from '../../server/signatures/index.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from '../support/test-pki.js';

/**
 * Hostile PDFs at the verifier and at `cabinet verify`: no exception, bounded time, and an
 * honest verdict: nothing appended after the last signature passes for "the whole document".
 */
let work: string;
let ca: TestCa;
let chair: TestIdentity;
let signed: Buffer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cabinet-pdf-attacks-'));
  ca = await makeCa('CA tấn công PDF', { organization: 'Test' });
  chair = await issueLeaf(ca, { userId: 'chair', deviceId: 'd', name: 'Chair', organization: 'Test' });
  signed = await signPdf(Buffer.from(await makePdf({ pages: ['Biên bản: 10 tỷ đồng'] })), chair.signer, {
    reason: 'Phê duyệt',
  });
  writeFileSync(join(work, 'ca.pem'), ca.pem);
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

async function cli(bytes: Buffer): Promise<{ code: number; lines: string[]; ms: number }> {
  const file = join(work, `f-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  const lines: string[] = [];
  const began = Date.now();
  const code = await verifyCommand({ file, cas: [join(work, 'ca.pem')], dataDir: join(work, 'no-data') }, (l) =>
    lines.push(l),
  );
  return { code, lines, ms: Date.now() - began };
}

/** An incremental update that draws over page 1 (a new content stream) without signing. */
function appendedRevision(pdf: Buffer, extra = ''): Buffer {
  const text = pdf.toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1] ?? '0';
  const at = pdf.length;
  const body =
    `\n99 0 obj\n<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 700 Td (1000 ty dong) Tj ET\nendstream\nendobj\n${extra}` +
    `xref\n0 1\n0000000000 65535 f \n99 1\n${String(at + 1).padStart(10, '0')} 00000 n \n` +
    `trailer\n<< /Size 100 /Prev ${startxref} >>\nstartxref\n${at + 1}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body, 'latin1')]);
}

describe('hostile PDFs', () => {
  it('the untouched signed PDF is valid (the control)', async () => {
    const { code, lines } = await cli(signed);
    expect(code, lines.join('\n')).toBe(0);
  });

  it('a revision appended after the last signature is never reported as covered', async () => {
    const changed = appendedRevision(signed);
    const [report] = await verifyPdfSignatures(changed, { anchors: [ca.der] });
    expect(report!.verification.ok).toBe(true);
    expect(report!.coversWholeDocument).toBe(false);
    const { code, lines } = await cli(changed);
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('NOT the whole document');
  });

  it('an appended copy of the signature dictionary claiming the whole file, or a pre-set /ByteRange, does not pass', async () => {
    const text = signed.toString('latin1');
    const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)!;
    const [b0, b1, b2] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // A second dictionary, appended, whose range runs to the new end of the file over the same hole.
    const draft = appendedRevision(
      signed,
      '100 0 obj\n<< /Type /Sig /ByteRange [0 0000000000 0000000000 0000000000] >>\nendobj\n',
    );
    const total = draft.length;
    const forged = draft
      .toString('latin1')
      .replace(
        '/ByteRange [0 0000000000 0000000000 0000000000]',
        `/ByteRange [${b0} ${String(b1).padStart(10, '0')} ${String(b2).padStart(10, '0')} ${String(total - b2).padStart(10, '0')}]`,
      );
    expect(forged.length).toBe(total);
    const reports = await verifyPdfSignatures(Buffer.from(forged, 'latin1'), { anchors: [ca.der] });
    expect(reports.some((r) => r.coversWholeDocument && r.verification.ok)).toBe(false);
    const { code } = await cli(Buffer.from(forged, 'latin1'));
    expect(code).toBe(1);
  });

  it('huge or overlapping /ByteRange values, thousands of signatures, deep nesting: bounded, no exception', async () => {
    const head = '%PDF-1.7\n';
    const files = [
      `${head}1 0 obj << /Type /Sig /ByteRange [0 999999999999999 999999999999999 999999999999999] /Contents <00> >> endobj\n%%EOF`,
      `${head}1 0 obj << /ByteRange [0 5 3 2] /Contents <3000> >> endobj\n%%EOF`,
      head +
        Array.from({ length: 5000 }, (_, i) => `${i} 0 obj << /ByteRange [0 ${i + 1} ${i + 3} 1] >> endobj\n`).join(''),
      `${head}${'['.repeat(200_000)}${']'.repeat(200_000)}\n<< /ByteRange [0 10 20 5] /Contents <${'30'.repeat(10)}> >>`,
      `${head}${'<<'.repeat(100_000)}/ByteRange [0 1 2 3]${'>>'.repeat(100_000)}`,
      `${head}/ByteRange [${'9 '.repeat(60)}]`,
    ];
    for (const f of files) {
      const began = Date.now();
      const reports = await verifyPdfSignatures(Buffer.from(f, 'latin1'), { anchors: [ca.der] });
      expect(Date.now() - began).toBeLessThan(5_000);
      expect(reports.length).toBeLessThanOrEqual(64);
      expect(reports.every((r) => !r.verification.ok)).toBe(true);
      const { code } = await cli(Buffer.from(f, 'latin1'));
      expect(code).toBe(1);
    }
  }, 40_000);

  it('50 MB of garbage behind a PDF header is judged NOT VALID in bounded time', async () => {
    const junk = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < junk.length; i += 4096) junk.write('/ByteRange [0 1 2 3] ', i, 'latin1');
    junk.write('%PDF-1.7\n', 0, 'latin1');
    const { code, ms } = await cli(junk);
    expect(code).toBe(1);
    expect(ms).toBeLessThan(20_000);
  }, 40_000);
});
