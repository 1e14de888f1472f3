import { deflateSync } from 'node:zlib';

/**
 * PDFs written by hand, byte by byte, for the attacks: what pdf-lib would never make (a
 * ToUnicode map onto U+0000, a content stream that inflates to far more than it weighs).
 * Each is a well-formed file (header, objects, cross-reference table, trailer, %%EOF) so
 * that it passes the server's frame check and reaches pdf.js.
 */
export function rawPdf(objects: ReadonlyArray<string | Buffer>): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/**
 * One page whose text is "ABC", with a ToUnicode map that turns A into U+0000: pdf.js then
 * reports a page text holding a NUL character (PostgreSQL's text type cannot store one).
 */
export function pdfWithNulText(): Uint8Array {
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '3 beginbfchar <41> <0000> <42> <0042> <43> <0043> endbfchar',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>',
    stream('', Buffer.from('BT /F1 14 Tf 50 780 Td (ABC quokka zebra) Tj ET', 'latin1')),
    stream('', Buffer.from(cmap, 'latin1')),
  ]);
}

/**
 * One page whose content stream is `inflatedMb` MiB of spaces compressed with Flate (about a
 * thousandth of that on the wire): a decompression bomb for the reader that inspects uploads.
 */
export function flateBombPdf(inflatedMb: number): Uint8Array {
  const inflated = Buffer.alloc(inflatedMb * 1024 * 1024, 0x20);
  const text = Buffer.from('BT /F1 14 Tf 50 780 Td (Bom) Tj ET ', 'latin1');
  const data = deflateSync(Buffer.concat([text, inflated]), { level: 9 });
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('/Filter /FlateDecode', data),
  ]);
}

/** One page holding `words` distinct words (each eight letters) as its text layer. */
export function pdfWithManyWords(words: number): Uint8Array {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const lines: string[] = [];
  let line: string[] = [];
  for (let i = 0; i < words; i++) {
    let w = '';
    let n = i;
    for (let k = 0; k < 8; k++) {
      w += letters[n % 26];
      n = Math.floor(n / 26);
    }
    line.push(w);
    if (line.length === 100) {
      lines.push(`(${line.join(' ')}) Tj T*`);
      line = [];
    }
  }
  if (line.length) lines.push(`(${line.join(' ')}) Tj T*`);
  const content = Buffer.from(`BT /F1 0.4 Tf 0.27 TL 10 830 Td\n${lines.join('\n')}\nET`, 'latin1');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream('/Filter /FlateDecode', deflateSync(content)),
  ]);
}
