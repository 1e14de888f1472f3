import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE } from '../db/open-store.js';
import { defaultKeyFile } from '../pki/key-encryption.js';
import { askServer } from '../backup/control-channel.js';
import { backupFolderBesidePostgres, backupSqliteFolder, type BackupOutcome } from '../backup/make-backup.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { openUnheld } from '../backup/sqlite-snapshot.js';
import { UsageError } from './usage-error.js';

export interface BackupArgs {
  out: string;
  dataDir: string;
  databaseUrl?: string | undefined;
}

/**
 * `cabinet backup OUT`: a running server (SQLite) is asked to make the copy through its own
 * connection, over its control channel; with no server running the CLI makes it itself.
 * With PostgreSQL it copies the data folder beside the database, and says how to dump that.
 */
export async function backupCommand(args: BackupArgs, print: (line: string) => void): Promise<number> {
  const out = resolve(args.out);
  let outcome: BackupOutcome;
  if (args.databaseUrl) {
    outcome = await backupFolderBesidePostgres(args.dataDir, out, new Date());
  } else {
    const answer = await askServer(args.dataDir, { op: 'backup', out });
    if (answer && !answer.ok) throw new Error(`the running server could not make the backup: ${answer.error}`);
    if (answer) {
      outcome = answer.data as BackupOutcome;
      print('Made by the running server (it holds the database).');
    } else {
      const file = join(args.dataDir, DATABASE_FILE);
      if (!existsSync(file)) throw new UsageError(`no database in ${args.dataDir} (${DATABASE_FILE})`);
      const raw = openUnheld(file);
      try {
        outcome = await backupSqliteFolder(raw, args.dataDir, out, null, new Date());
      } finally {
        raw.close();
      }
    }
  }
  const m = outcome.manifest;
  print(`Backup written to ${outcome.out}`);
  if (m.engine === 'postgres') {
    print(
      '  the data folder beside the database (the CA certificate, demo accounts): the database itself is not in it.',
    );
    print('  Dump the database with: pg_dump --format=custom --file=cabinet.dump "$CABINET_DATABASE_URL"');
    print('  (README, "Backups"; the documents are in the database).');
  } else {
    print(
      `  documents: ${m.documents.count} (${(m.documents.bytes / 1048576).toFixed(1)} MB), each checked against its hash`,
    );
    if (m.audit) print(`  audit log: ${m.audit.chains} chains, ${m.audit.rows} rows`);
  }
  for (const chain of outcome.brokenChains)
    print(`  WARNING: audit chain ${chain} was already broken in the database (run: cabinet audit verify)`);
  if (m.openSecretVotes > 0)
    print(
      `  WARNING: ${m.openSecretVotes} secret vote(s) were open: this copy holds their ballots before the seal. Delete it once they have closed, and back up again.`,
    );
  print(
    `  Not in it, on purpose: the CA key file (${defaultKeyFile(args.dataDir)} unless --ca-key-file). Keep a copy of it apart.`,
  );
  return 0;
}

export async function restoreCommand(
  args: { input: string; dataDir: string },
  print: (line: string) => void,
): Promise<number> {
  const { manifest, chains } = await restoreBackup(args.input, args.dataDir);
  print(`Restored the backup of ${manifest.createdAt} into ${resolve(args.dataDir)}`);
  if (manifest.engine === 'sqlite') {
    print(`  database: integrity checked; audit log: ${chains.length} chains intact`);
    print(`  documents: ${manifest.documents.count}, each checked against its hash`);
  } else {
    print('  the data folder beside the database; restore the database with pg_restore (README, "Backups").');
  }
  print(
    `  Start the server with the same CA key file: copy it to ${defaultKeyFile(resolve(args.dataDir))}, or pass --ca-key-file.`,
  );
  return 0;
}
