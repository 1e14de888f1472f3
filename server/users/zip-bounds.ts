import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';

const inflate = promisify(inflateRaw);

/**
 * What an .xlsx of people may hold once inflated. A workbook of 2000 people with long names,
 * titles and units is about 0.7 MB of XML; a zip of a few hundred kilobytes may inflate to
 * gigabytes, which exceljs (through JSZip) would inflate whole into memory before reading a
 * cell. exceljs reads some 2 MB of rows a second: the bound is its time too.
 */
export const MAX_XLSX_INFLATED = 8 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 256;

/**
 * Checks a zip by inflating each entry the central directory names, bounded by what is left
 * of `maxInflated` (the sizes the directory declares may lie; entries may overlap). Only what
 * JSZip reads counts: stored and deflated entries, no zip64. A reason when it is refused.
 */
export async function zipRefusal(
  bytes: Uint8Array,
  limits = { maxInflated: MAX_XLSX_INFLATED, maxEntries: MAX_XLSX_ENTRIES },
): Promise<string | null> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes and a comment of at most 65535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i -= 1)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return 'not a zip';
  const count = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  let at = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirSize === 0xffffffff || at === 0xffffffff) return 'zip64';
  if (count > limits.maxEntries) return 'too many entries';
  if (at + dirSize > end) return 'bad central directory';
  let left = limits.maxInflated;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > end || buf.readUInt32LE(at) !== 0x02014b50) return 'bad central directory';
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const declared = buf.readUInt32LE(at + 24);
    const local = buf.readUInt32LE(at + 42);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    if (packed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) return 'zip64';
    if (declared > left) return 'too large once inflated';
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return 'bad local header';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + packed > buf.length) return 'truncated';
    const data = buf.subarray(start, start + packed);
    let size: number;
    if (method === 0) size = packed;
    else if (method === 8) {
      try {
        size = (await inflate(data, { maxOutputLength: left + 1 })).length;
      } catch (error) {
        return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too large once inflated' : 'bad deflate';
      }
    } else return 'unknown compression';
    if (size > left) return 'too large once inflated';
    left -= size;
  }
  return null;
}
