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

export function createSession(db: Database, userId: string, now: Date): { token: string; session: SessionRecord } {
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
  db.prepare(
    `DELETE FROM sessions WHERE user_id = ? AND id NOT IN
       (SELECT id FROM sessions WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
  ).run(userId, userId, MAX_SESSIONS_PER_USER);
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
