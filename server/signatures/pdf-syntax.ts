/**
 * The little PDF syntax signature handling needs, read straight from the bytes (no object
 * model: a signed file must never be re-saved): strings, text strings, dates, DER lengths.
 * Everything here is bounded and returns null rather than throwing on bad input.
 */

const LATIN1 = 'latin1';

/** A literal string `( … )` starting at `start` (the "("): its bytes, escapes undone, and where it ends. */
export function literalStringAt(pdf: Buffer, start: number, limit = 4096): { bytes: Buffer; end: number } | null {
  if (pdf[start] !== 0x28) return null;
  const out: number[] = [];
  let depth = 1;
  for (let i = start + 1; i < pdf.length && i < start + limit; i += 1) {
    const c = pdf[i]!;
    if (c === 0x5c) {
      const n = pdf[i + 1];
      if (n === undefined) return null;
      const simple: Record<number, number> = {
        0x6e: 10,
        0x72: 13,
        0x74: 9,
        0x62: 8,
        0x66: 12,
        0x28: 0x28,
        0x29: 0x29,
        0x5c: 0x5c,
      };
      if (simple[n] !== undefined) {
        out.push(simple[n]);
        i += 1;
      } else if (n >= 0x30 && n <= 0x37) {
        let j = i + 1;
        let value = 0;
        while (j < i + 4 && pdf[j]! >= 0x30 && pdf[j]! <= 0x37) value = value * 8 + (pdf[j++]! - 0x30);
        out.push(value & 0xff);
        i = j - 1;
      } else if (n === 0x0d || n === 0x0a) {
        i += n === 0x0d && pdf[i + 2] === 0x0a ? 2 : 1;
      } else {
        out.push(n);
        i += 1;
      }
      continue;
    }
    if (c === 0x28) depth += 1;
    if (c === 0x29 && (depth -= 1) === 0) return { bytes: Buffer.from(out), end: i + 1 };
    out.push(c);
  }
  return null;
}

/** A hex string `< … >` starting at `start`. */
export function hexStringAt(pdf: Buffer, start: number, limit = 1 << 20): { bytes: Buffer; end: number } | null {
  if (pdf[start] !== 0x3c || pdf[start + 1] === 0x3c) return null;
  const close = pdf.indexOf(0x3e, start);
  if (close === -1 || close - start > limit) return null;
  const hex = pdf.toString(LATIN1, start + 1, close).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  return { bytes: Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex'), end: close + 1 };
}

/** A PDF text string: UTF-16BE after its BOM (or UTF-8 after its BOM, PDF 2.0), else PDFDocEncoding (≈ Latin-1). */
export function decodeTextString(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  return bytes.toString(LATIN1);
}

/** A text string as a PDF hex string: ASCII as is would do, but UTF-16BE with BOM is right for any text. */
export function encodeTextString(text: string): string {
  const utf16 = Buffer.from(`\ufeff${text.normalize('NFC')}`, 'utf16le').swap16();
  return `<${utf16.toString('hex').toUpperCase()}>`;
}

/** The value of `/Key` inside `dict` (latin1 text of a dictionary) as text, for string values. */
export function textValue(pdf: Buffer, from: number, to: number, key: string): string | undefined {
  const dict = pdf.toString(LATIN1, from, to);
  const match = new RegExp(`/${key}\\s*([(<])`).exec(dict);
  if (!match) return undefined;
  const at = from + match.index + match[0].length - 1;
  const value = match[1] === '(' ? literalStringAt(pdf, at) : hexStringAt(pdf, at, 8192);
  return value ? decodeTextString(value.bytes) : undefined;
}

/** `D:YYYYMMDDHHmmSSOHH'mm'` (every part after the year optional). */
export function parsePdfDate(text: string | undefined): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = (Number(oh) * 60 + Number(om)) * 60_000;
  if (sign === '+') time -= offset;
  if (sign === '-') time += offset;
  return Number.isFinite(time) ? new Date(time) : undefined;
}

/** The length of the DER value at the start of `bytes` (tag, length, content), or null. */
export function derLength(bytes: Uint8Array): number | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length <= bytes.length ? 2 + count + length : null;
}
