import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A person's devices and browsers, with room to spare; a new sign-in past it ends the oldest. */
export const MAX_SESSIONS_PER_USER = 20;

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: string;
}

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new session of a user; past MAX_SESSIONS_PER_USER the oldest ones end, but first those
 * no device uses now (`inUse`: a live socket), so a tablet voting in the room is never the
 * one cut because an old browser tab was never signed out.
 */
export function createSession(
  db: Database,
  userId: string,
  now: Date,
  inUse: (sessionId: string) => boolean = () => false,
): { token: string; session: SessionRecord } {
  const token = randomBytes(32).toString('base64url');
  const session = {
    id: tokenId(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  };
  db.prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    session.id,
    userId,
    now.toISOString(),
    session.expiresAt,
  );
  const others = (
    db
      .prepare('SELECT id FROM sessions WHERE user_id = ? AND id != ? ORDER BY created_at, rowid')
      .all(userId, session.id) as Array<{ id: string }>
  ).map((r) => r.id);
  const excess = others.length + 1 - MAX_SESSIONS_PER_USER;
  if (excess > 0) {
    const idle = others.filter((id) => !inUse(id));
    const ended = [...idle, ...others.filter((id) => inUse(id))].slice(0, excess);
    const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
    for (const id of ended) remove.run(id);
  }
  return { token, session };
}

/** The live session for a token, or null (unknown, expired, or its user disabled). */
export function findSessionByToken(db: Database, token: unknown, now: Date): SessionRecord | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
  return findSessionById(db, tokenId(token), now);
}

export function findSessionById(db: Database, id: string, now: Date): SessionRecord | null {
  const row = db
    .prepare(
      `SELECT s.id, s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND u.disabled = 0`,
    )
    .get(id) as { id: string; user_id: string; expires_at: string } | undefined;
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
}

export function deleteSession(db: Database, id: string): void {
  db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteExpiredSessions(db: Database, now: Date): number {
  return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString()).changes;
}
