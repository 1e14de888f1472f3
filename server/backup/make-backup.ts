import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, rmdirSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_FILE } from '../db/open-store.js';
import { BACKUP_FORMAT, BACKUP_MANIFEST, BackupError, isEmptyFolder, type BackupManifest } from './backup-format.js';
import type { BackupGate } from './backup-gate.js';
import { copyDocuments } from './document-copies.js';
import { copyFolderExtras, readCopyFacts } from './sqlite-snapshot.js';

export interface BackupOutcome {
  out: string;
  manifest: BackupManifest;
  /** Chains that were already broken in the database when it was copied (the copy keeps them as they are). */
  brokenChains: string[];
}

/**
 * A consistent copy of a SQLite data folder into `out` (absent or empty), through `raw`, the
 * connection that holds the database (the running server's own, or the CLI's when no server
 * runs). SQLite's online backup copies the database's pages as of its last step, with every
 * write made meanwhile on that connection (never the write-ahead log's file, so none of its
 * old frames); the documents that copy names are then copied and hashed, and none may be
 * removed until they are (`gate`). Written beside `out` and renamed into place at the end: a
 * failed backup leaves no half-written folder under that name.
 */
export async function backupSqliteFolder(
  raw: BetterSqlite3.Database,
  dataDir: string,
  outPath: string,
  gate: BackupGate | null,
  now: Date,
): Promise<BackupOutcome> {
  let broken: string[] = [];
  const out = await intoNewFolder(outPath, async (staging) => {
    const database = join(staging, DATABASE_FILE);
    const work = async () => {
      // Made 0600 first: the copy holds what the database holds.
      closeSync(openSync(database, 'wx', 0o600));
      await raw.backup(database);
      makeSelfContained(database);
      const facts = await readCopyFacts(database, false);
      if (facts.integrity !== 'ok')
        throw new BackupError(`the copied database fails its integrity check: ${facts.integrity}`);
      const documents = await copyDocuments(dataDir, staging, facts.documents);
      return { facts, documents };
    };
    const { facts, documents } = gate ? await gate.hold(work) : await work();
    copyFolderExtras(dataDir, staging);
    broken = facts.chains.filter((c) => c.problem).map((c) => c.chain);
    return {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      engine: 'sqlite',
      schemaVersion: facts.schemaVersion,
      documents,
      audit: { chains: facts.chains.length, rows: facts.chains.reduce((n, c) => n + c.rows, 0) },
      openSecretVotes: facts.openSecretVotes,
    };
  });
  return { out: out.out, manifest: out.manifest!, brokenChains: broken };
}

/**
 * With PostgreSQL the database (and in it the documents) is backed up with PostgreSQL's own
 * tools (README, "Backups"); this copies the rest of the data folder.
 */
export async function backupFolderBesidePostgres(dataDir: string, outPath: string, now: Date): Promise<BackupOutcome> {
  const out = await intoNewFolder(outPath, async (staging) => {
    copyFolderExtras(dataDir, staging);
    return {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      engine: 'postgres',
      schemaVersion: null,
      documents: { count: 0, bytes: 0 },
      audit: null,
      openSecretVotes: 0,
    };
  });
  return { out: out.out, manifest: out.manifest!, brokenChains: [] };
}

/**
 * Fills a folder beside `outPath` and renames it into place once its manifest is written: a
 * failed backup or restore leaves no half-written folder under that name.
 */
export async function intoNewFolder(
  outPath: string,
  fill: (staging: string) => Promise<BackupManifest | null>,
): Promise<{ out: string; manifest: BackupManifest | null }> {
  const out = resolve(outPath);
  if (!isEmptyFolder(out)) throw new BackupError(`${out} is not empty: only a new or empty folder is written into`);
  mkdirSync(dirname(out), { recursive: true });
  const staging = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    const manifest = await fill(staging);
    if (manifest)
      writeFileSync(join(staging, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (existsSync(out)) rmdirSync(out);
    renameSync(staging, out);
    return { out, manifest };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The copy carries the source's WAL flag; set back to a rollback journal it is one file that
 * opens read-only anywhere (the restored server turns WAL on again).
 */
function makeSelfContained(file: string): void {
  const copy = new BetterSqlite3(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
