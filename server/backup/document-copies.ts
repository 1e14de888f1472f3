import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { BackupError } from './backup-format.js';

const HEX64 = /^[0-9a-f]{64}$/;

/** Where a content-addressed document lives under a data (or backup) folder. */
export function documentPath(root: string, sha256: string): string {
  if (!HEX64.test(sha256)) throw new BackupError(`not a document hash: ${sha256}`);
  return join(root, 'documents', sha256.slice(0, 2), sha256);
}

/** The SHA-256 and length of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Copies each document named by the database from one folder to another (0600 files in 0700
 * folders), hashing the bytes as they pass: a file whose bytes are not its name, or that is
 * missing, fails the copy and is named.
 */
export async function copyDocuments(
  from: string,
  to: string,
  hashes: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<{ count: number; bytes: number }> {
  let bytes = 0;
  let done = 0;
  for (const sha256 of hashes) {
    const target = documentPath(to, sha256);
    await mkdir(join(to, 'documents', sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    const counter = new Transform({
      transform(chunk: Buffer, _enc, next) {
        hash.update(chunk);
        bytes += chunk.length;
        next(null, chunk);
      },
    });
    try {
      await pipeline(
        createReadStream(documentPath(from, sha256), { highWaterMark: 1 << 20 }),
        counter,
        createWriteStream(target, { mode: 0o600, flags: 'wx' }),
      );
    } catch (error) {
      throw new BackupError(`document ${sha256} could not be copied: ${(error as Error).message}`);
    }
    if (hash.digest('hex') !== sha256) throw new BackupError(`document ${sha256}: its bytes do not match its hash`);
    onProgress?.(++done, hashes.length);
  }
  return { count: hashes.length, bytes };
}

/** Checks every document of a folder against its name; answers the hashes that fail. */
export async function checkDocuments(root: string, hashes: readonly string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const sha256 of hashes) {
    try {
      if ((await hashFile(documentPath(root, sha256))).sha256 !== sha256) bad.push(sha256);
    } catch {
      bad.push(sha256);
    }
  }
  return bad;
}
