import { derLength, parsePdfDate, textValue } from './pdf-syntax.js';

/**
 * Finding the signatures of a PDF in its bytes: every signature dictionary with a numeric
 * /ByteRange, the CMS in its /Contents hole, the bytes it signs, and what the dictionary and
 * its field say. Hostile input (ranges past the end, overlapping, a hole that is no hex
 * string) yields a `problem`, never an exception; work is bounded.
 */

export const MAX_SIGNATURES = 64;
const LATIN1 = 'latin1';

export interface LocatedSignature {
  /** Where its /ByteRange stands in the file. */
  position: number;
  byteRange: [number, number, number, number] | null;
  fieldName?: string;
  reason?: string;
  name?: string;
  location?: string;
  /** The dictionary's /M. */
  claimedTime?: Date;
  /** Present when the signature could be cut out: the CMS (trailing padding removed) and the signed bytes. */
  cms?: Uint8Array;
  signedBytes?: Buffer;
  /** Whether the signed bytes reach the end of the file. */
  coversWholeDocument: boolean;
  /** Why it could not be cut out (or its range is no revision); absent when it could. */
  problem?: string;
}

interface ObjectBounds {
  start: number;
  end: number;
  ref?: string;
}

function objectAround(text: string, at: number): ObjectBounds {
  const head = text.lastIndexOf(' obj', at);
  const tail = text.indexOf('endobj', at);
  const end = tail === -1 ? Math.min(text.length, at + 65_536) : tail;
  if (head === -1) return { start: Math.max(0, at - 4096), end };
  const ref = /(\d+)\s+(\d+)\s*$/.exec(text.slice(Math.max(0, head - 24), head));
  const bounds: ObjectBounds = { start: head, end };
  if (ref) bounds.ref = `${ref[1]} ${ref[2]}`;
  return bounds;
}

/** The /T of the field (widget) whose /V is the signature dictionary `ref`. */
function fieldNameOf(pdf: Buffer, text: string, ref: string): string | undefined {
  const [num, gen] = ref.split(' ');
  const pattern = new RegExp(`/V\\s+${num}\\s+${gen}\\s+R\\b`, 'g');
  for (let m = pattern.exec(text), n = 0; m && n < 16; m = pattern.exec(text), n += 1) {
    const field = objectAround(text, m.index);
    const name = textValue(pdf, field.start, field.end, 'T');
    if (name !== undefined) return name;
  }
  return undefined;
}

function parseByteRange(inner: string): [number, number, number, number] | 'placeholder' | null {
  if (inner.includes('*')) return 'placeholder';
  const parts = inner.trim().split(/\s+/);
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,15}$/.test(p))) return null;
  return parts.map(Number) as [number, number, number, number];
}

/** Cuts the CMS and the signed bytes out along the range, or says why not. */
function cut(pdf: Buffer, text: string, found: LocatedSignature, range: [number, number, number, number]): void {
  const [b0, b1, b2, b3] = range;
  const length = pdf.length;
  const fail = (problem: string): void => {
    found.problem = problem;
  };
  if (b0 !== 0) return fail('the signed range does not start at the beginning of the file');
  if (b1 <= 0 || b2 <= b1 + 1 || b2 + b3 > length)
    return fail(`the /ByteRange [${range.join(' ')}] does not fit a file of ${length} bytes`);
  if (found.position >= b1 && found.position < b2)
    return fail('the /ByteRange stands inside the part it leaves unsigned');
  if (pdf[b1] !== 0x3c || pdf[b2 - 1] !== 0x3e || !/\/Contents\s*$/.test(text.slice(Math.max(0, b1 - 32), b1)))
    return fail('the unsigned hole is not the /Contents hex string');
  const hex = text.slice(b1 + 1, b2 - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return fail('/Contents is not a hex string');
  const padded = Buffer.from(hex, 'hex');
  const size = derLength(padded);
  if (size === null) return fail('/Contents holds no DER value');
  found.cms = new Uint8Array(padded.subarray(0, size));
  const end = b2 + b3;
  found.coversWholeDocument = end === length;
  if (!found.coversWholeDocument && !/%%EOF\s*$/.test(text.slice(Math.max(0, end - 40), end)))
    return fail('the signed range ends inside a revision, not at a %%EOF');
  found.signedBytes = Buffer.concat([pdf.subarray(0, b1), pdf.subarray(b2, end)]);
}

function describe(pdf: Buffer, text: string, found: LocatedSignature): void {
  const dict = objectAround(text, found.position);
  const reason = textValue(pdf, dict.start, dict.end, 'Reason');
  const name = textValue(pdf, dict.start, dict.end, 'Name');
  const location = textValue(pdf, dict.start, dict.end, 'Location');
  const claimedTime = parsePdfDate(textValue(pdf, dict.start, dict.end, 'M'));
  if (reason !== undefined) found.reason = reason;
  if (name !== undefined) found.name = name;
  if (location !== undefined) found.location = location;
  if (claimedTime) found.claimedTime = claimedTime;
  const fieldName = dict.ref ? fieldNameOf(pdf, text, dict.ref) : undefined;
  if (fieldName !== undefined) found.fieldName = fieldName;
}

/** Every signature dictionary of the file, in file order (placeholders not yet signed are left out). */
export function locateSignatures(pdf: Buffer): LocatedSignature[] {
  const text = pdf.toString(LATIN1);
  const out: LocatedSignature[] = [];
  const pattern = /\/ByteRange\s*\[([^\]]{0,120})\]/g;
  for (let m = pattern.exec(text); m && out.length < MAX_SIGNATURES; m = pattern.exec(text)) {
    const range = parseByteRange(m[1]!);
    if (range === 'placeholder') continue;
    if (range && out.some((o) => o.byteRange?.every((v, i) => v === range[i]))) continue;
    const found: LocatedSignature = { position: m.index, byteRange: range, coversWholeDocument: false };
    if (range) cut(pdf, text, found, range);
    else found.problem = `unreadable /ByteRange [${m[1]!.slice(0, 40)}]`;
    describe(pdf, text, found);
    out.push(found);
  }
  return out;
}

/** Whether the file already carries a signature (signed or not yet). */
export function hasSignatureDictionary(pdf: Buffer): boolean {
  return /\/ByteRange\s*\[/.test(pdf.toString(LATIN1));
}
