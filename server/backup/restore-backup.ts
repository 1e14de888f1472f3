import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChainReport } from '../audit/audit-log.js';
import { DATABASE_FILE } from '../db/open-store.js';
import { BACKUP_FORMAT, BACKUP_MANIFEST, BackupError, isEmptyFolder, type BackupManifest } from './backup-format.js';
import { checkDocuments, copyDocuments } from './document-copies.js';
import { intoNewFolder } from './make-backup.js';
import { copyFolderExtras, readCopyFacts, type CopyFacts } from './sqlite-snapshot.js';

export function readManifest(folder: string): BackupManifest {
  const file = join(folder, BACKUP_MANIFEST);
  if (!existsSync(file)) throw new BackupError(`${folder} is not a backup (no ${BACKUP_MANIFEST})`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(`${file}: unknown backup format ${String(manifest.format)}`);
  return manifest;
}

/** What makes a copied database untrustworthy, from its facts; empty: nothing. */
function databaseProblems(facts: CopyFacts): string[] {
  const problems: string[] = [];
  if (facts.integrity !== 'ok') problems.push(`the database fails its integrity check: ${facts.integrity}`);
  for (const c of facts.chains)
    if (c.problem) problems.push(`audit chain ${c.chain} breaks at row ${c.problem.rowId ?? '-'} (${c.problem.kind})`);
  return problems;
}

/** Why a backup folder cannot be trusted, checked without changing it; empty: it can. */
export async function checkBackup(
  folder: string,
): Promise<{ problems: string[]; chains: ChainReport[]; documents: string[] }> {
  const manifest = readManifest(folder);
  if (manifest.engine !== 'sqlite') return { problems: [], chains: [], documents: [] };
  const facts = await readCopyFacts(join(folder, DATABASE_FILE), true);
  const problems = databaseProblems(facts);
  for (const sha of await checkDocuments(folder, facts.documents))
    problems.push(`document ${sha} is missing or its bytes do not match its hash`);
  return { problems, chains: facts.chains, documents: facts.documents };
}

/**
 * Restores a backup into an empty (or new) data folder, after checking it: the database's
 * integrity, every audit chain, every document's hash. A folder that holds anything is
 * refused, so a restore never mixes with or overwrites live data.
 */
export async function restoreBackup(
  input: string,
  dataDir: string,
): Promise<{ manifest: BackupManifest; chains: ChainReport[] }> {
  const from = resolve(input);
  const to = resolve(dataDir);
  const manifest = readManifest(from);
  if (!isEmptyFolder(to))
    throw new BackupError(`${to} is not empty: a backup is restored into a new or empty folder only`);
  const checked = await checkBackup(from);
  if (checked.problems.length > 0)
    throw new BackupError(`the backup fails its checks:\n  ${checked.problems.join('\n  ')}`);
  let chains = checked.chains;
  await intoNewFolder(to, async (staging) => {
    if (manifest.engine === 'sqlite') {
      const staged = join(staging, DATABASE_FILE);
      copyFileSync(join(from, DATABASE_FILE), staged);
      chmodSync(staged, 0o600);
      // The copy is checked again as it will be used: the file in a shared backup folder
      // could be swapped between the first check and the copy. Documents are hashed as copied.
      const facts = await readCopyFacts(staged, true);
      const problems = databaseProblems(facts);
      if (problems.length > 0) throw new BackupError(`the backup fails its checks:\n  ${problems.join('\n  ')}`);
      chains = facts.chains;
      await copyDocuments(from, staging, facts.documents);
    }
    copyFolderExtras(from, staging);
    return null;
  });
  chmodSync(to, 0o700);
  return { manifest, chains };
}
