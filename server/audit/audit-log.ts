import { createHash } from 'node:crypto';
import type { AuditLogTable, Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { firstRow, preparedQuery } from '../db/prepared-query.js';

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

/**
 * Walks every chain; returns the id of the first row that does not match (or -1 when a
 * chain's last row is not its recorded head: rows were cut from its end), or null if intact.
 */
export async function verifyAuditChain(db: Db): Promise<number | null> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'chain', 'at', 'actor_id', 'action', 'meeting_id', 'detail', 'prev_hash', 'hash'])
    .orderBy('chain')
    .orderBy('id')
    .execute();
  const heads = new Map((await db.selectFrom('audit_heads').selectAll().execute()).map((h) => [h.chain, h.hash]));
  const last = new Map<string, string>();
  for (const r of rows) {
    const prev = last.get(r.chain) ?? GENESIS;
    const expected = entryHash(prev, {
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      meetingId: r.meeting_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return r.id;
    last.set(r.chain, r.hash);
  }
  for (const [chain, hash] of heads) if ((last.get(chain) ?? GENESIS) !== hash) return -1;
  for (const chain of last.keys()) if (!heads.has(chain)) return -1;
  return null;
}
