import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/schema.js';

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A person's devices and browsers, with room to spare; a new sign-in past it ends the oldest. */
export const MAX_SESSIONS_PER_USER = 20;

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: string;
  /** The device it was signed in from (devices.ts); null when the client named none. */
  deviceId: string | null;
}

function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A new session of a user; past MAX_SESSIONS_PER_USER the oldest ones end, but first those
 * no device uses now (`inUse`: a live socket), so a tablet voting in the room is never the
 * one cut because an old browser tab was never signed out.
 *
 * Run it in a transaction: the new row and the trim commit together. With several nodes
 * the caller also takes a lock on the user's sessions first, or two sign-ins at once each
 * trim without seeing the other's new row. `inUse` may ask other nodes (the Socket.IO
 * adapter); it is asked only when there is something to trim, and for all candidates at once.
 */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  inUse: (sessionId: string) => boolean | Promise<boolean> = () => false,
  deviceId: string | null = null,
): Promise<{ token: string; session: SessionRecord; ended: string[] }> {
  const token = randomBytes(32).toString('base64url');
  const session = {
    id: tokenId(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    deviceId,
  };
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: session.expiresAt,
      device_id: deviceId,
    })
    .execute();
  // Oldest first; the id only breaks ties of the same millisecond (there is no insertion order on PostgreSQL).
  const others = (
    await db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', '!=', session.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
  const excess = others.length + 1 - MAX_SESSIONS_PER_USER;
  if (excess <= 0) return { token, session, ended: [] };
  const used = await Promise.all(others.map((id) => inUse(id)));
  const idle = others.filter((_, i) => !used[i]);
  const ended = [...idle, ...others.filter((_, i) => used[i])].slice(0, excess);
  await db.deleteFrom('sessions').where('id', 'in', ended).execute();
  return { token, session, ended };
}

/** The live session for a token, or null (unknown, expired, or its user disabled). */
export async function findSessionByToken(db: Db, token: unknown, now: Date): Promise<SessionRecord | null> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
  return findSessionById(db, tokenId(token), now);
}

/** One query: it runs on every socket event. */
export async function findSessionById(db: Db, id: string, now: Date): Promise<SessionRecord | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.expires_at', 's.device_id'])
    .where('s.id', '=', id)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { id: row.id, userId: row.user_id, expiresAt: row.expires_at, deviceId: row.device_id };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Returns how many were deleted. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
