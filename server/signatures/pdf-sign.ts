import { randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SUBFILTER_ETSI_CADES_DETACHED, findByteRange, removeTrailingNewLine } from '@signpdf/utils';
import { signDetachedCms, type CmsSigner } from '../../shared/signatures/index.js';
import { hasSignatureDictionary } from './pdf-locate.js';
import { encodeTextString } from './pdf-syntax.js';
import { rewriteLastXref } from './pdf-update.js';

/**
 * PAdES B-B signing: a signature field and dictionary (SubFilter ETSI.CAdES.detached, the
 * time in /M) appended to the file as an incremental update, and a detached CMS with
 * signing-certificate-v2 over its /ByteRange. Signing a signed file appends again, so every
 * earlier signature stays valid; a signed file is never re-saved.
 */

export class PdfSignError extends Error {
  override name = 'PdfSignError';
}

export interface PdfSignOptions {
  reason?: string;
  name?: string;
  location?: string;
  signingTime?: Date;
}

/** Room for the CMS (bytes): an RSA 2048 signature with a chain of a few certificates is ~4 KiB. */
const SIGNATURE_LENGTH = 16_384;
/** Written as a PDF name (/App /Name): no spaces. */
const APP_NAME = 'PaperlessCabinet';

/**
 * placeholder-plain writes a non-ASCII string as UTF-16BE but then through a UTF-8 Buffer,
 * which mangles it. Non-ASCII texts go in as ASCII tokens exactly as long as their hex
 * string, and the token `(…)` is swapped for `<FEFF…>` afterwards: no offset moves. So do
 * texts with a "/": written as they are, a meeting's place (or a name) could spell the
 * `/ByteRange [0 /********** …]` placeholder, which the search for the real one would then find.
 */
function tokenFor(text: string): { token: string; hex: string } | null {
  if (/^[\x20-\x7e]*$/.test(text) && !text.includes('/')) return null;
  const hex = encodeTextString(text);
  const letters = 'GHJKMNPQRSTVWXYZ';
  const token = Array.from(randomBytes(hex.length - 2), (b) => letters[b & 15]).join('');
  return { token, hex };
}

function swapTokens(pdf: Buffer, from: number, swaps: Array<{ token: string; hex: string }>): Buffer {
  for (const { token, hex } of swaps) {
    const at = pdf.indexOf(`(${token})`, from, 'latin1');
    if (at === -1) throw new PdfSignError('the signature dictionary was not written as expected');
    pdf.write(hex, at, 'latin1');
  }
  return pdf;
}

/** Object streams and cross-reference streams: placeholder-plain reads classic xref tables only. */
function needsClassicXref(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  return text.lastIndexOf('trailer') === -1 || /\/Type\s*\/(ObjStm|XRef)\b/.test(text);
}

const SIGNED_REWRITE =
  'this signed PDF uses compressed cross-references; adding a signature would mean re-saving it, which breaks the signatures it has';

/** Re-saved with classic cross-references, only when no object of it (compressed ones too) is a signature. */
async function resaveClassic(pdf: Buffer): Promise<Buffer> {
  const { PDFDict, PDFDocument, PDFName } = await import('pdf-lib');
  let doc;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (e) {
    throw new PdfSignError(`not a PDF that can be signed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const isSignature = (o: unknown): boolean =>
    o instanceof PDFDict && (o.has(PDFName.of('ByteRange')) || o.get(PDFName.of('FT')) === PDFName.of('Sig'));
  if (doc.context.enumerateIndirectObjects().some(([, o]) => isSignature(o))) throw new PdfSignError(SIGNED_REWRITE);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function addPlaceholder(pdf: Buffer, texts: Required<Omit<PdfSignOptions, 'signingTime'>>, signingTime: Date): Buffer {
  const swaps: Array<{ token: string; hex: string }> = [];
  const asAscii = (text: string): string => {
    const swap = tokenFor(text);
    if (!swap) return text;
    swaps.push(swap);
    return swap.token;
  };
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: asAscii(texts.reason),
    name: asAscii(texts.name),
    location: asAscii(texts.location),
    contactInfo: '',
    signingTime,
    signatureLength: SIGNATURE_LENGTH,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: APP_NAME,
  });
  return rewriteLastXref(swapTokens(withPlaceholder, Math.max(0, pdf.length - 8), swaps), pdf.length);
}

/** The four numbers of /ByteRange: [0, start of /Contents, end of /Contents, length of the rest]. */
export type ByteRange = [number, number, number, number];

export interface PreparedPdfSignature {
  /** The PDF with its signature field and the real /ByteRange, zeros in /Contents. */
  prepared: Buffer;
  byteRange: ByteRange;
  /** The time written in /M (whole seconds). */
  signingTime: Date;
}

/**
 * The first half of signing: the signature field and dictionary appended as an incremental
 * update, /ByteRange written, /Contents left as zeros. What a signer signs is
 * `signedContent(prepared, byteRange)`; the signer may be elsewhere (a person's device),
 * and `completePdfSignature` writes what comes back. Signing a signed file keeps every byte
 * of it in place.
 */
export async function preparePdfSignature(pdf: Buffer, options: PdfSignOptions = {}): Promise<PreparedPdfSignature> {
  const signed = hasSignatureDictionary(pdf);
  let base = pdf;
  if (needsClassicXref(pdf)) {
    if (signed) throw new PdfSignError(SIGNED_REWRITE);
    base = await resaveClassic(pdf);
  }
  if (signed && /\r?\n$/.test(base.toString('latin1', base.length - 2))) {
    // placeholder-plain cuts one trailing newline, which an earlier signature may cover: a
    // second "%%EOF" line keeps every byte of the signed file in place.
    base = Buffer.concat([base, Buffer.from('%%EOF')]);
  }
  const signingTime = new Date(Math.floor((options.signingTime ?? new Date()).getTime() / 1000) * 1000);
  const texts = { reason: options.reason ?? '', name: options.name ?? '', location: options.location ?? '' };
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = addPlaceholder(base, texts, signingTime);
  } catch (e) {
    if (e instanceof PdfSignError || signed || base !== pdf)
      throw e instanceof PdfSignError ? e : new PdfSignError(`cannot add a signature field: ${String(e)}`);
    withPlaceholder = addPlaceholder(await resaveClassic(pdf), texts, signingTime);
  }
  // What @signpdf/signpdf's SignPdf.sign does before it signs: the placeholder /ByteRange
  // replaced by the real one, padded to the same length, so that no offset moves.
  const out = Buffer.from(removeTrailingNewLine(withPlaceholder));
  const { byteRangePlaceholder, byteRangePlaceholderPosition } = findByteRange(out);
  if (!byteRangePlaceholder || byteRangePlaceholderPosition === undefined)
    throw new PdfSignError('no /ByteRange placeholder was written');
  const byteRangeEnd = byteRangePlaceholderPosition + byteRangePlaceholder.length;
  const contentsTag = out.indexOf('/Contents ', byteRangeEnd);
  const open = out.indexOf('<', contentsTag);
  const close = out.indexOf('>', open);
  if (contentsTag === -1 || open === -1 || close === -1) throw new PdfSignError('no /Contents placeholder was written');
  const byteRange: ByteRange = [0, open, close + 1, out.length - (close + 1)];
  const written = `/ByteRange [${byteRange.join(' ')}]`;
  if (written.length > byteRangePlaceholder.length)
    throw new PdfSignError('the /ByteRange does not fit its placeholder');
  out.write(written.padEnd(byteRangePlaceholder.length, ' '), byteRangePlaceholderPosition, 'latin1');
  if (signed && !out.subarray(0, pdf.length).equals(pdf.subarray(0, Math.min(pdf.length, out.length))))
    throw new PdfSignError('signing would change the signed revision');
  return { prepared: out, byteRange, signingTime };
}

/** Whether `byteRange` is the one of the last signature field of `prepared`, empty /Contents and all. */
export function checkPreparedRange(prepared: Buffer, byteRange: ByteRange): void {
  const [zero, open, close, rest] = byteRange;
  const ok =
    zero === 0 &&
    Number.isSafeInteger(open) &&
    Number.isSafeInteger(close) &&
    open > 0 &&
    close > open + 1 &&
    close + rest === prepared.length &&
    prepared[open] === 0x3c /* < */ &&
    prepared[close - 1] === 0x3e /* > */ &&
    /^0*$/.test(prepared.toString('latin1', open + 1, close - 1));
  if (!ok) throw new PdfSignError('the byte range is not an empty signature placeholder of this file');
}

/** The bytes a signature of this placeholder covers: all of the file but /Contents. */
export function signedContent(prepared: Buffer, byteRange: ByteRange): Buffer {
  checkPreparedRange(prepared, byteRange);
  const [, open, close] = byteRange;
  return Buffer.concat([prepared.subarray(0, open), prepared.subarray(close)]);
}

/** The second half: the detached CMS, in hex, into /Contents (refused if it does not fit). */
export function completePdfSignature(prepared: Buffer, byteRange: ByteRange, cms: Uint8Array): Buffer {
  checkPreparedRange(prepared, byteRange);
  const [, open, close] = byteRange;
  const room = close - open - 2;
  if (cms.length === 0 || cms.length * 2 > room)
    throw new PdfSignError(`the signature does not fit its placeholder: ${cms.length * 2} > ${room}`);
  const out = Buffer.from(prepared);
  out.write(Buffer.from(cms).toString('hex'), open + 1, 'latin1');
  return out;
}

/** Prepare, sign with a key held here, complete. */
export async function signPdf(pdf: Buffer, signer: CmsSigner, options: PdfSignOptions = {}): Promise<Buffer> {
  const { prepared, byteRange } = await preparePdfSignature(pdf, options);
  const cms = await signDetachedCms(signedContent(prepared, byteRange), signer, { signingTimeAttribute: false });
  return completePdfSignature(prepared, byteRange, cms);
}
