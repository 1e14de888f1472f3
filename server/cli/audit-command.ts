import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { checkedChains } from '../audit/audit-reads.js';
import type { AuditChainCheck } from '../../shared/protocol/index.js';
import { askServer } from '../backup/control-channel.js';
import { openUnheld } from '../backup/sqlite-snapshot.js';
import { DATABASE_FILE, openStore } from '../db/open-store.js';
import type { Schema } from '../db/schema.js';
import { UsageError } from './usage-error.js';

const WHAT = {
  altered: 'its content no longer matches its hash (its detail, actor, time or action was changed)',
  unlinked: 'it does not follow the row before it (a row was deleted or inserted before it)',
  cut: 'the chain ends before its recorded head (rows were removed from its end)',
  headless: 'the chain has no recorded head',
} as const;

/**
 * `cabinet audit verify`: walks every chain and prints one line each. With SQLite the running
 * server is asked (it holds the file alone); with none running, the file is read directly
 * (a backup folder too). Exit 0: every chain intact; 1: a break, named.
 */
export async function auditVerifyCommand(
  args: { dataDir: string; databaseUrl?: string | undefined },
  print: (line: string) => void,
): Promise<number> {
  const chains = await readChains(args, print);
  let broken = 0;
  for (const c of chains) {
    const name = c.chain === 'global' ? 'global (sign-ins, accounts)' : `${c.meetingTitle ?? 'meeting'} (${c.chain})`;
    if (!c.problem) {
      print(`ok      ${name}: ${c.rows} rows`);
      continue;
    }
    broken++;
    const row =
      c.problem.rowId === null ? 'no row left' : `row ${c.problem.rowId}${c.problem.at ? ` of ${c.problem.at}` : ''}`;
    print(`BROKEN  ${name}: ${row}: ${WHAT[c.problem.kind]}`);
  }
  print(
    broken === 0
      ? `${chains.length} chains intact.`
      : `${broken} of ${chains.length} chains broken: the audit log was changed outside the server.`,
  );
  return broken === 0 ? 0 : 1;
}

async function readChains(
  args: { dataDir: string; databaseUrl?: string | undefined },
  print: (line: string) => void,
): Promise<AuditChainCheck[]> {
  if (args.databaseUrl) {
    const store = await openStore({ dataDir: args.dataDir, databaseUrl: args.databaseUrl });
    try {
      return await store.snapshot((db) => checkedChains(db));
    } finally {
      await store.close();
    }
  }
  const answer = await askServer(args.dataDir, { op: 'audit-verify' });
  if (answer && !answer.ok) throw new Error(`the running server could not check the log: ${answer.error}`);
  if (answer) {
    print('Checked by the running server.');
    return (answer.data as { chains: AuditChainCheck[] }).chains;
  }
  const file = join(args.dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new UsageError(`no database in ${args.dataDir} (${DATABASE_FILE})`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: openUnheld(file) }) });
  try {
    return await db.transaction().execute((tx) => checkedChains(tx));
  } finally {
    await db.destroy();
  }
}
