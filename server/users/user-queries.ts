import { sql } from 'kysely';
import type { User } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  can_create_meetings: number;
  disabled: number;
  manages_people: number;
  must_change_password: number;
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'password_hash',
  'is_admin',
  'can_create_meetings',
  'disabled',
  'manages_people',
  'must_change_password',
] as const;

export interface UserRecord extends User {
  passwordHash: string;
  disabled: boolean;
  managesPeople: boolean;
  mustChangePassword: boolean;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: row.is_admin === 1,
    canCreateMeetings: row.can_create_meetings === 1,
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    managesPeople: row.manages_people === 1,
    mustChangePassword: row.must_change_password === 1,
  };
}

export function publicUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    isAdmin: u.isAdmin,
    canCreateMeetings: u.canCreateMeetings,
    managesPeople: u.isAdmin || u.managesPeople,
    mustChangePassword: u.mustChangePassword,
  };
}

/**
 * User names are one without regard to case (PostgreSQL holds a unique index on
 * lower(username)). Names are made of [a-z0-9._-], which both engines lower alike.
 */
export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/**
 * The user a live session belongs to, in one query (a socket's events ask it): null when
 * the session is unknown or expired, or the account disabled.
 */
export async function findUserBySession(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<{
  user: UserRecord;
  expiresAt: string;
} | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(USER_COLUMNS.map((c) => `u.${c}` as const))
    .select('s.expires_at')
    .where('s.id', '=', sessionId)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  return { user: toUser(row), expiresAt: row.expires_at };
}

/** One query. */
export async function findUserById(db: Db, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function insertUser(
  db: Db,
  u: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    isAdmin: boolean;
    canCreateMeetings: boolean;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      is_admin: u.isAdmin ? 1 : 0,
      can_create_meetings: u.canCreateMeetings ? 1 : 0,
      created_at: u.at,
    })
    .execute();
}

/**
 * Replaces a password hash only if it is still the one that was checked, so a password
 * changed meanwhile is not overwritten by an upgrade of the old one. True if it was replaced.
 */
export async function replacePasswordHash(db: Db, id: string, checkedHash: string, newHash: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: newHash })
    .where('id', '=', id)
    .where('password_hash', '=', checkedHash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listActiveUsers(db: Db): Promise<Array<{ id: string; username: string; displayName: string }>> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('disabled', '=', 0)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}
