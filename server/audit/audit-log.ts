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
 * and heads read across a commit would look like a cut tail. For a file no server holds
 * (the CLI, a backup); a running server walks with `checkLiveAuditChains`.
 */
export async function checkAuditChains(db: Db, only?: readonly string[]): Promise<ChainReport[]> {
  const { heads, names } = await chainsToWalk(db, only);
  const reports: ChainReport[] = [];
  for (const chain of names) reports.push(await checkChain(db, chain, heads.get(chain)));
  return reports;
}

/**
 * The walk of a running server: a log of years holds hundreds of thousands of rows, and one
 * walk of it in one snapshot held the event loop (better-sqlite3 answers at once) and the
 * SQLite connection for seconds, every ballot of the room waiting behind an admin opening
 * the log screen. Here the heads are read in one snapshot, each chain is then walked a page
 * at a time outside it, giving way between pages, up to the row that is that head; rows
 * appended meanwhile lie beyond it. Rows beyond a head that has not moved were not put there
 * by the server: that is reported as a cut tail, as the one-snapshot walk reports it.
 */
export async function checkLiveAuditChains(store: Store, only?: readonly string[]): Promise<ChainReport[]> {
  const { heads, names } = await store.snapshot((db) => chainsToWalk(db, only));
  const reports: ChainReport[] = [];
  for (const chain of names) {
    const head = heads.get(chain);
    reports.push(
      await checkChain(store.db, chain, head, {
        pause: () => new Promise((done) => setImmediate(done)),
        rowsBeyondUnmovedHead: (lastId) =>
          store.snapshot(async (db) => {
            const now = await db.selectFrom('audit_heads').select('hash').where('chain', '=', chain).executeTakeFirst();
            if (now?.hash !== head) return false;
            const after = await db
              .selectFrom('audit_log')
              .select('id')
              .where('chain', '=', chain)
              .where('id', '>', lastId)
              .limit(1)
              .executeTakeFirst();
            return after !== undefined;
          }),
      }),
    );
  }
  return reports;
}

async function chainsToWalk(
  db: Db,
  only?: readonly string[],
): Promise<{ heads: Map<string, string>; names: string[] }> {
  const heads = new Map((await db.selectFrom('audit_heads').selectAll().execute()).map((h) => [h.chain, h.hash]));
  const names = only
    ? [...only]
    : [
        ...new Set([
          ...(await db.selectFrom('audit_log').select('chain').distinct().execute()).map((r) => r.chain),
          ...heads.keys(),
        ]),
      ].sort();
  return { heads, names };
}

/** How a running server walks a chain (`checkLiveAuditChains`). */
interface LiveWalk {
  pause(): Promise<void>;
  /** Whether rows follow `lastId` in the chain while its head is still the one walked to. */
  rowsBeyondUnmovedHead(lastId: number): Promise<boolean>;
}

async function checkChain(db: Db, chain: string, head: string | undefined, live?: LiveWalk): Promise<ChainReport> {
  let prev = GENESIS;
  let rows = 0;
  let last: { id: number; at: string } | null = null;
  let reached = live !== undefined && head === GENESIS;
  for (let after = 0; !reached;) {
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
      if (live && head !== undefined && r.hash === head) {
        reached = true;
        break;
      }
    }
    if (reached || page.length < WALK_PAGE) break;
    after = page.at(-1)!.id;
    await live?.pause();
  }
  const cut = { kind: 'cut' as const, rowId: last?.id ?? null, at: last?.at ?? null };
  if (reached) return { chain, rows, problem: (await live!.rowsBeyondUnmovedHead(last?.id ?? 0)) ? cut : null };
  if (head === undefined)
    return {
      chain,
      rows,
      problem: rows === 0 ? null : { kind: 'headless', rowId: last?.id ?? null, at: last?.at ?? null },
    };
  if (head !== prev) return { chain, rows, problem: cut };
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
