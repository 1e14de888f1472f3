import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfSignatureCms, PdfSignError, signPdf, verifyPdfSignatures } from '../../server/signatures/index.js';
import type { TrustPolicy } from '../../shared/signatures/index.js';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { issueLeaf, makeCa, type TestCa, type TestIdentity } from '../support/test-pki.js';

/**
 * PAdES B-B signatures on real PDFs, checked by three tools: poppler's pdfsig (through an NSS
 * database that trusts the test CA), OpenSSL (each CMS against the bytes of its /ByteRange),
 * qpdf (the file's structure), and by our own verifier.
 */

const run = promisify(execFile);
let dir: string;
let nss: string;
let ca: TestCa;
let chair: TestIdentity;
let secretary: TestIdentity;
let policy: TrustPolicy;
let base: Buffer;
let once: Buffer;
let twice: Buffer;

async function tool(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(cmd, args, { maxBuffer: 64 << 20 });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** pdfsig's report, one block of lines per signature. */
async function pdfsig(pdf: Buffer, name: string): Promise<string[]> {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  const { out } = await tool('pdfsig', ['-nssdir', `sql:${nss}`, file]);
  return out.split(/^Signature #\d+:$/m).slice(1);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-pdfsig-'));
  nss = join(dir, 'nss');
  ca = await makeCa();
  chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-chair', name: 'Nguyễn Văn Chủ Tọa' });
  secretary = await issueLeaf(ca, { userId: 'u-secretary', deviceId: 'd-secretary', name: 'Lê Thị Thư Ký' });
  policy = { anchors: [ca.der] };
  writeFileSync(join(dir, 'ca.pem'), ca.pem);
  await run('mkdir', ['-p', nss]);
  await run('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
  await run('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'cabinet-test-ca', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem')]);
  base = Buffer.from(await makePdf({ pages: [...VIETNAMESE_PAGES], title: 'Biên bản họp' }));
  once = await signPdf(base, chair.signer, { reason: 'Phê duyệt biên bản', name: chair.name, location: 'Hà Nội' });
  twice = await signPdf(once, secretary.signer, { reason: 'Thư ký xác nhận', name: secretary.name });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two signers on one PDF', () => {
  it('the second signature is appended: the first revision is kept byte for byte', () => {
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);
  });

  it('pdfsig: both valid and trusted, #1 not the total document, #2 the total document', async () => {
    const [first, second] = await pdfsig(twice, 'twice.pdf');
    expect(first).toContain('Signature Validation: Signature is Valid.');
    expect(first).toContain('Certificate Validation: Certificate is Trusted.');
    expect(first).toContain('Not total document signed');
    expect(first).toContain('Signer Certificate Common Name: Nguyễn Văn Chủ Tọa');
    expect(first).toContain('ETSI.CAdES.detached');
    expect(second).toContain('Signature Validation: Signature is Valid.');
    expect(second).toContain('Certificate Validation: Certificate is Trusted.');
    expect(second).toMatch(/^\s*- Total document signed$/m);
    expect(second).toContain('Signer Certificate Common Name: Lê Thị Thư Ký');
  });

  it('our verifier: both valid, names, reasons in Vietnamese, field names, coverage', async () => {
    const reports = await verifyPdfSignatures(twice, policy);
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      index: 1,
      fieldName: 'Signature1',
      reason: 'Phê duyệt biên bản',
      location: 'Hà Nội',
      coversWholeDocument: false,
      verification: { ok: true, signer: { commonName: 'Nguyễn Văn Chủ Tọa', userId: 'u-chair', deviceId: 'd-chair' } },
    });
    expect(reports[1]).toMatchObject({
      index: 2,
      fieldName: 'Signature2',
      reason: 'Thư ký xác nhận',
      coversWholeDocument: true,
      verification: { ok: true, signer: { userId: 'u-secretary' } },
    });
    expect(reports[0]!.signingTime).toBeInstanceOf(Date);
  });

  it('qpdf: the structure checks clean and reads the Vietnamese reasons', async () => {
    const file = join(dir, 'qpdf.pdf');
    writeFileSync(file, twice);
    const check = await tool('qpdf', ['--check', file]);
    expect(check.out).toContain('No syntax or stream encoding errors');
    expect(check.code).toBe(0);
    const json = await tool('qpdf', ['--json', file]);
    expect(json.out).toContain('"/Reason": "u:Phê duyệt biên bản"');
    expect(json.out).toContain('"/Reason": "u:Thư ký xác nhận"');
  });

  it('openssl cms -verify -cades accepts each CMS against the bytes of its /ByteRange', async () => {
    const parts = extractPdfSignatureCms(twice);
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      writeFileSync(join(dir, 'part.p7s'), part.cms);
      writeFileSync(join(dir, 'part.bin'), part.signedBytes);
      const args = [
        'cms',
        '-verify',
        '-cades',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'part.p7s'),
        '-content',
        join(dir, 'part.bin'),
      ];
      const result = await tool('openssl', [
        ...args,
        '-CAfile',
        join(dir, 'ca.pem'),
        '-purpose',
        'any',
        '-out',
        join(dir, 'part.out'),
      ]);
      expect(result.out).toContain('Verification successful');
      expect(result.code).toBe(0);
    }
  });

  it('a byte changed in revision 1 breaks both signatures; in revision 2, only #2', async () => {
    const early = Buffer.from(twice);
    early[11] = early[11]! ^ 0x01; // the binary comment after the header: still a readable PDF
    const late = Buffer.from(twice);
    expect(late[once.length]).toBe(0x0a);
    late[once.length] = 0x20; // the newline that opens revision 2
    const [e1, e2] = await pdfsig(early, 'early.pdf');
    expect(e1).toContain('Digest Mismatch');
    expect(e2).toContain('Digest Mismatch');
    const [l1, l2] = await pdfsig(late, 'late.pdf');
    expect(l1).toContain('Signature is Valid.');
    expect(l2).toContain('Digest Mismatch');
    const ours = (pdf: Buffer) =>
      verifyPdfSignatures(pdf, policy).then((r) => r.map((s) => (s.verification.ok ? 'ok' : s.verification.reason)));
    expect(await ours(early)).toEqual(['CONTENT_CHANGED', 'CONTENT_CHANGED']);
    expect(await ours(late)).toEqual(['ok', 'CONTENT_CHANGED']);
  });

  it('untrusted without the CA', async () => {
    const reports = await verifyPdfSignatures(twice, { anchors: [] });
    expect(reports.map((r) => r.verification)).toMatchObject([
      { ok: false, reason: 'UNTRUSTED' },
      { ok: false, reason: 'UNTRUSTED' },
    ]);
  });
});

describe('files placeholder-plain cannot read as they are', () => {
  it('an unsigned PDF with object streams is re-saved first, then signs twice', async () => {
    const doc = await PDFDocument.load(base);
    const compressed = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(compressed.toString('latin1')).toContain('/ObjStm');
    const signed = await signPdf(compressed, chair.signer, { reason: 'Phê duyệt' });
    const again = await signPdf(signed, secretary.signer);
    const reports = await verifyPdfSignatures(again, policy);
    expect(reports.map((r) => [r.verification.ok, r.coversWholeDocument])).toEqual([
      [true, false],
      [true, true],
    ]);
    const [first, second] = await pdfsig(again, 'objstm.pdf');
    expect(first).toContain('Signature is Valid.');
    expect(second).toContain('Signature is Valid.');
  });

  it('a signed PDF with object streams is refused: re-saving it would break its signatures', async () => {
    const inFile = join(dir, 'in.pdf');
    const outFile = join(dir, 'objstm-signed.pdf');
    writeFileSync(inFile, once);
    await tool('qpdf', ['--object-streams=generate', inFile, outFile]);
    const byQpdf = readFileSync(outFile);
    expect(byQpdf.toString('latin1')).toContain('/ObjStm');
    // pdf-lib even puts the signature dictionary into an object stream: found all the same.
    const byPdfLib = Buffer.from(await PDFDocument.load(once).then((d) => d.save({ useObjectStreams: true })));
    for (const rewritten of [byQpdf, byPdfLib]) {
      await expect(signPdf(rewritten, secretary.signer)).rejects.toThrow(PdfSignError);
      await expect(signPdf(rewritten, secretary.signer)).rejects.toThrow(/signed PDF/);
    }
  });
});

describe('hostile PDFs: reports or nothing, never a throw', () => {
  it('no signature, garbage, truncated, ranges past the end, overlapping, absurd numbers', async () => {
    expect(await verifyPdfSignatures(base, policy)).toEqual([]);
    expect(await verifyPdfSignatures(Buffer.from('%PDF-1.7\n garbage /ByteRange'), policy)).toEqual([]);
    expect(await verifyPdfSignatures(Buffer.alloc(0), policy)).toEqual([]);

    const truncated = await verifyPdfSignatures(twice.subarray(0, Math.floor(once.length * 0.9)), policy);
    expect(truncated.length).toBeGreaterThan(0);
    expect(truncated.every((r) => !r.verification.ok && r.verification.reason === 'MALFORMED')).toBe(true);

    const text = twice.toString('latin1');
    const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!;
    const variants = [
      `0 ${range[2]} ${range[3]} 99999999`,
      `0 ${range[2]} 100 50`,
      '0 99999999999999999999 1 1',
      `5 ${range[2]} ${range[3]} ${range[4]}`,
    ];
    for (const numbers of variants) {
      const hostile = Buffer.from(text.replace(range[0], `/ByteRange [${numbers}]`), 'latin1');
      const reports = await verifyPdfSignatures(hostile, policy);
      expect(reports[0]!.verification).toMatchObject({ ok: false, reason: 'MALFORMED' });
    }
  });
});
