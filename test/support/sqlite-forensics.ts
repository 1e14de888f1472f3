/**
 * Reads SQLite files the way someone holding a copy of the data folder would: every page of
 * the database file, every frame of the write-ahead log (stale frames of earlier log
 * generations too), decoded into records with where they sit. No SQLite library is used, so
 * nothing SQLite hides (free space, old frames, cell order) is hidden from the reader.
 */

export type SqlValue = null | number | bigint | string | Uint8Array;

export interface FoundRecord {
  values: SqlValue[];
  /** Page number and the cell's byte offset in the page: its physical place. */
  page: number;
  offset: number;
}

export interface WalFrame {
  page: number;
  /** Non-zero on the last frame of a transaction. */
  commitSize: number;
  salt1: number;
  index: number;
  data: Uint8Array;
}

function readVarint(buf: Uint8Array, at: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new RangeError('varint past the end');
    if (i === 8) return [(value << 8n) | BigInt(byte), 9];
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  throw new RangeError('unreachable');
}

function readInt(buf: Uint8Array, at: number, size: number): number | bigint {
  let v = 0n;
  for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(buf[at + i] ?? 0);
  const bits = BigInt(size * 8);
  if (size > 0 && v >= 1n << (bits - 1n)) v -= 1n << bits;
  return size <= 6 ? Number(v) : v;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes a record (header of serial types, then values); throws on anything inconsistent. */
export function decodeRecord(buf: Uint8Array, start: number, length: number): SqlValue[] {
  const end = start + length;
  const [headerSize, hl] = readVarint(buf, start);
  const headerEnd = start + Number(headerSize);
  if (headerEnd > end || headerSize < 1n) throw new RangeError('bad record header');
  const types: bigint[] = [];
  let at = start + hl;
  while (at < headerEnd) {
    const [t, n] = readVarint(buf, at);
    types.push(t);
    at += n;
  }
  const values: SqlValue[] = [];
  let body = headerEnd;
  for (const t of types) {
    const sizes: Record<string, number> = { '1': 1, '2': 2, '3': 3, '4': 4, '5': 6, '6': 8 };
    if (t === 0n) values.push(null);
    else if (t >= 1n && t <= 6n) {
      const size = sizes[String(t)] ?? 0;
      values.push(readInt(buf, body, size));
      body += size;
    } else if (t === 7n) {
      values.push(new DataView(buf.buffer, buf.byteOffset + body, 8).getFloat64(0));
      body += 8;
    } else if (t === 8n || t === 9n) values.push(t === 8n ? 0 : 1);
    else if (t >= 12n) {
      const size = Number((t - (t % 2n === 0n ? 12n : 13n)) / 2n);
      if (body + size > end) throw new RangeError('value past the record');
      const bytes = buf.subarray(body, body + size);
      values.push(t % 2n === 0n ? bytes : utf8.decode(bytes));
      body += size;
    } else throw new RangeError('reserved serial type');
  }
  return values;
}

/**
 * The records of one b-tree page (table leaf, index leaf, index interior), with offsets.
 * Anything that does not parse is skipped: a reader of a damaged or foreign page gets less,
 * never a crash.
 */
export function pageRecords(data: Uint8Array, pageNumber: number, usableSize = data.length): FoundRecord[] {
  const headerAt = pageNumber === 1 ? 100 : 0;
  const type = data[headerAt];
  if (type !== 0x0d && type !== 0x0a && type !== 0x02) return [];
  const cells = ((data[headerAt + 3] ?? 0) << 8) | (data[headerAt + 4] ?? 0);
  const pointersAt = headerAt + (type === 0x02 ? 12 : 8);
  const found: FoundRecord[] = [];
  for (let i = 0; i < cells; i++) {
    const offset = ((data[pointersAt + 2 * i] ?? 0) << 8) | (data[pointersAt + 2 * i + 1] ?? 0);
    try {
      let at = offset + (type === 0x02 ? 4 : 0);
      const [payload, n] = readVarint(data, at);
      at += n;
      if (type === 0x0d) at += readVarint(data, at)[1];
      const maxLocal = type === 0x0d ? usableSize - 35 : Math.floor(((usableSize - 12) * 64) / 255) - 23;
      const local = Math.min(Number(payload), maxLocal, data.length - at);
      found.push({ values: decodeRecord(data, at, local), page: pageNumber, offset });
    } catch {
      // A cell that does not decode (overflowing, or not a cell at all) is skipped.
    }
  }
  return found;
}

export function databasePageSize(file: Uint8Array): number {
  const raw = ((file[16] ?? 0) << 8) | (file[17] ?? 0);
  return raw === 1 ? 65536 : raw;
}

/** Every record of every page of a database file. */
export function databaseRecords(file: Uint8Array): FoundRecord[] {
  if (file.length < 100) return [];
  const size = databasePageSize(file);
  const reserved = file[20] ?? 0;
  const out: FoundRecord[] = [];
  for (let p = 0; p * size < file.length; p++) {
    out.push(...pageRecords(file.subarray(p * size, (p + 1) * size), p + 1, size - reserved));
  }
  return out;
}

/** Every frame of a write-ahead log, valid or stale, ordered by log generation then position. */
export function walFrames(file: Uint8Array): WalFrame[] {
  if (file.length < 32) return [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const pageSize = view.getUint32(8);
  const frames: WalFrame[] = [];
  for (let at = 32, index = 0; at + 24 + pageSize <= file.length; at += 24 + pageSize, index++) {
    frames.push({
      page: view.getUint32(at),
      commitSize: view.getUint32(at + 4),
      salt1: view.getUint32(at + 8),
      index,
      data: file.subarray(at + 24, at + 24 + pageSize),
    });
  }
  return frames.sort((a, b) => a.salt1 - b.salt1 || a.index - b.index);
}

/** Frames grouped into the transactions they committed (a trailing group may be uncommitted). */
export function walTransactions(frames: readonly WalFrame[]): WalFrame[][] {
  const out: WalFrame[][] = [];
  let current: WalFrame[] = [];
  let salt: number | null = null;
  for (const f of frames) {
    if (salt !== null && f.salt1 !== salt && current.length > 0) {
      out.push(current);
      current = [];
    }
    salt = f.salt1;
    current.push(f);
    if (f.commitSize !== 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
