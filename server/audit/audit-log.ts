import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';

export interface AuditEntry {
  at: string;
  actorId: string | null;
  action: string;
  meetingId: string | null;
  detail: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, e: AuditEntry): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.at, e.actorId, e.action, e.meetingId, e.detail]))
    .digest('hex');
}

/**
 * Appends to the hash-chained audit log. Call it inside the transaction of the act it
 * records, so that an act and its audit row commit together or not at all.
 */
export function appendAudit(db: Database, entry: AuditEntry): void {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS;
  db.prepare(
    `INSERT INTO audit_log (at, actor_id, action, meeting_id, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.at,
    entry.actorId,
    entry.action,
    entry.meetingId,
    JSON.stringify(entry.detail),
    prevHash,
    entryHash(prevHash, entry),
  );
}

/** Walks the chain; returns the id of the first row that does not match, or null if intact. */
export function verifyAuditChain(db: Database): number | null {
  const rows = db
    .prepare('SELECT id, at, actor_id, action, meeting_id, detail, prev_hash, hash FROM audit_log ORDER BY id')
    .all() as Array<{
    id: number;
    at: string;
    actor_id: string | null;
    action: string;
    meeting_id: string | null;
    detail: string;
    prev_hash: string;
    hash: string;
  }>;
  let prev = GENESIS;
  for (const r of rows) {
    const expected = entryHash(prev, {
      at: r.at,
      actorId: r.actor_id,
      action: r.action,
      meetingId: r.meeting_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return r.id;
    prev = r.hash;
  }
  return null;
}
