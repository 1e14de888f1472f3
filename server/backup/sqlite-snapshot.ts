import { chmodSync, copyFileSync, lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { checkAuditChains, type ChainReport } from '../audit/audit-log.js';
import { DatabaseInUseError } from '../db/database.js';
import { BackupError } from './backup-format.js';
import type { Schema } from '../db/schema.js';
import { DEMO_ACCOUNTS_FILE } from '../demo/seed-demo.js';
import { CA_CERTIFICATE_FILE, CA_DIR } from '../pki/meeting-ca.js';

/** What a backup needs to know of a copied database, read from the copy itself. */
export interface CopyFacts {
  schemaVersion: number;
  integrity: string;
  documents: string[];
  openSecretVotes: number;
  chains: ChainReport[];
}

/**
 * Opens a database file that no server holds, alone (a server starting meanwhile is refused,
 * as is this when a server holds it), without migrating it: a backup or a check reads it as
 * it is.
 */
export function openUnheld(file: string): BetterSqlite3.Database {
  const raw = new BetterSqlite3(file, { fileMustExist: true });
  try {
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.pragma('busy_timeout = 0');
    raw.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (error) {
    raw.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseInUseError(file);
    throw error;
  }
  return raw;
}

/** Reads a copy's facts, and closes it. `readonly`: a copy being restored is not touched. */
export async function readCopyFacts(file: string, readonly: boolean): Promise<CopyFacts> {
  const raw = new BetterSqlite3(file, { fileMustExist: true, readonly });
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    const integrity = (raw.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
    const documents = (await db.selectFrom('document_blobs').select('sha256').orderBy('sha256').execute()).map(
      (r) => r.sha256,
    );
    const open = await db
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'secret')
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return {
      schemaVersion: raw.pragma('user_version', { simple: true }) as number,
      integrity,
      documents,
      openSecretVotes: Number(open.n),
      chains: await checkAuditChains(db),
    };
  } finally {
    await db.destroy();
  }
}

/**
 * Copies what the data folder holds besides the database and the documents: the CA's
 * public certificate and the demo accounts (0600). Never the CA key file, which is not in it.
 * Each must be a plain file: a symlink in a hostile backup would have a restore copy what it
 * points at (the CA key file beside the folder, any file the restoring user may read) into
 * the new data folder, and every later backup out of it.
 */
export function copyFolderExtras(from: string, to: string): string[] {
  const copied: string[] = [];
  for (const name of [join(CA_DIR, CA_CERTIFICATE_FILE), DEMO_ACCOUNTS_FILE]) {
    let found;
    try {
      found = lstatSync(join(from, name));
    } catch {
      continue;
    }
    if (!found.isFile()) throw new BackupError(`${join(from, name)} is not a plain file (a symlink?): not copied`);
    mkdirSync(join(to, name, '..'), { recursive: true, mode: 0o700 });
    copyFileSync(join(from, name), join(to, name));
    chmodSync(join(to, name), 0o600);
    copied.push(name);
  }
  return copied;
}
