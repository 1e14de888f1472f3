import { createHash } from 'node:crypto';
import type { AuditLogTable, Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';
import type { AuditBreak } from '../../shared/protocol/index.js';

export interface AuditEntry {
  at: string;
  actorId: string | null;
  action: string;
  meetingId: string | null;
  detail: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
/** The chain of acts outside any meeting (sign-ins, accounts). */
export const GLOBAL_CHAIN = 'global';

function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actorId, e.action, e.meetingId, e.detail]))
    .digest('hex');
}

/**
 * Appends to the hash chain of the entry's meeting (or the global one). Call it inside the
 * transaction of the act it records, so that an act and its audit row commit together or
 * not at all. The chain's head row is locked until that commit, so two nodes never link
 * two rows to the same predecessor.
 */
export async function appendAudit(tx: Db, store: Pick<Store, 'dialect'>, entry: AuditEntry): Promise<void> {
  const chain = entry.meetingId ?? GLOBAL_CHAIN;
  const head = () => firstRow((store.dialect === 'postgres' ? lockedHead : chainHead)(tx, { chain }));
  let found = await head();
  if (!found) {
    // A chain's first row: two nodes may start it at once; the second waits, then reads it.
    await tx
      .insertInto('audit_heads')
      .values({ chain, hash: GENESIS })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    found = await head();
  }
  if (!found) throw new Error(`audit chain ${chain} has no head`);
  const prevHash = found.hash;
  const hash = entryHash(prevHash, entry);
  await insertEntry(tx, {
    chain,
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    meeting_id: entry.meetingId,
    detail: JSON.stringify(entry.detail),
    prev_hash: prevHash,
    hash,
  });
  await moveHead(tx, { chain, hash });
}

const chainHead = preparedQuery((db, v: { chain: string }) =>
  db.selectFrom('audit_heads').select('hash').where('chain', '=', v.chain),
);
const lockedHead = preparedQuery((db, v: { chain: string }) =>
  db.selectFrom('audit_heads').select('hash').where('chain', '=', v.chain).forUpdate(),
);
const moveHead = preparedQuery((db, v: { chain: string; hash: string }) =>
  db.updateTable('audit_heads').set({ hash: v.hash }).where('chain', '=', v.chain),
);

/** A row of the log as written: every column but the generated id, the chain named. */
type AuditRow = Omit<AuditLogTable, 'id' | 'chain'> & { chain: string };

const insertEntry = preparedQuery((db, r: AuditRow) =>
  db.insertInto('audit_log').values({
    chain: r.chain,
    at: r.at,
    actor_id: r.actor_id,
    action: r.action,
    meeting_id: r.meeting_id,
    detail: r.detail,
    prev_hash: r.prev_hash,
    hash: r.hash,
  }),
);

/** A chain's check: how many rows it holds, and where it first breaks (null: intact). */
export interface ChainReport {
  chain: string;
  rows: number;
  problem: AuditBreak | null;
}

/** Rows read at a time while walking a chain. */
const WALK_PAGE = 2000;

/**
 * Walks each chain (all, or those named) from its genesis to its recorded head and reports
 * where each first breaks (see AUDIT_BREAKS). Give it a snapshot (`store.snapshot`): rows
 * and heads read across a commit would look like a cut tail.
 */
export async function checkAuditChains(db: Db, only?: readonly string[]): Promise<ChainReport[]> {
  const heads = new Map((await db.selectFrom('audit_heads').selectAll().execute()).map((h) => [h.chain, h.hash]));
  const names = only
    ? [...only]
    : [
        ...new Set([
          ...(await db.selectFrom('audit_log').select('chain').distinct().execute()).map((r) => r.chain),
          ...heads.keys(),
        ]),
      ].sort();
  const reports: ChainReport[] = [];
  for (const chain of names) reports.push(await checkChain(db, chain, heads.get(chain)));
  return reports;
}

async function checkChain(db: Db, chain: string, head: string | undefined): Promise<ChainReport> {
  let prev = GENESIS;
  let rows = 0;
  let last: { id: number; at: string } | null = null;
  for (let after = 0; ;) {
    const page = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_id', 'action', 'meeting_id', 'detail', 'prev_hash', 'hash'])
      .where('chain', '=', chain)
      .where('id', '>', after)
      .orderBy('id')
      .limit(WALK_PAGE)
      .execute();
    for (const r of page) {
      const expected = entryHash(r.prev_hash, {
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        meetingId: r.meeting_id,
        detail: parseDetail(r.detail),
      });
      const at = { rowId: r.id, at: r.at };
      if (r.hash !== expected) return { chain, rows: rows + 1, problem: { kind: 'altered', ...at } };
      if (r.prev_hash !== prev) return { chain, rows: rows + 1, problem: { kind: 'unlinked', ...at } };
      prev = r.hash;
      rows++;
      last = { id: r.id, at: r.at };
    }
    if (page.length < WALK_PAGE) break;
    after = page.at(-1)!.id;
  }
  if (head === undefined)
    return {
      chain,
      rows,
      problem: rows === 0 ? null : { kind: 'headless', rowId: last?.id ?? null, at: last?.at ?? null },
    };
  if (head !== prev) return { chain, rows, problem: { kind: 'cut', rowId: last?.id ?? null, at: last?.at ?? null } };
  return { chain, rows, problem: null };
}

/** A detail that is not JSON any more was changed: it hashes as its text, which matches nothing. */
function parseDetail(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unreadable: text };
  }
}

/**
 * Walks every chain; returns the id of the first row that does not match (or -1 when a
 * chain's last row is not its recorded head: rows were cut from its end), or null if intact.
 */
export async function verifyAuditChain(db: Db): Promise<number | null> {
  for (const report of await checkAuditChains(db))
    if (report.problem)
      return report.problem.kind === 'cut' || report.problem.rowId === null ? -1 : report.problem.rowId;
  return null;
}
