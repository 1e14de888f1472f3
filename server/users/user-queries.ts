import type { User } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  can_create_meetings: number;
  disabled: number;
}

export interface UserRecord extends User {
  passwordHash: string;
  disabled: boolean;
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
  };
}

export function publicUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    isAdmin: u.isAdmin,
    canCreateMeetings: u.canCreateMeetings,
  };
}

export function findUserByUsername(db: Database, username: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function findUserById(db: Database, id: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row ? toUser(row) : null;
}

export function insertUser(
  db: Database,
  u: {
    id: string;
    username: string;
    displayName: string;
    passwordHash: string;
    isAdmin: boolean;
    canCreateMeetings: boolean;
    at: string;
  },
): void {
  db.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, is_admin, can_create_meetings, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.id, u.username, u.displayName, u.passwordHash, u.isAdmin ? 1 : 0, u.canCreateMeetings ? 1 : 0, u.at);
}

/**
 * Replaces a password hash only if it is still the one that was checked, so a password
 * changed meanwhile is not overwritten by an upgrade of the old one. True if it was replaced.
 */
export function replacePasswordHash(db: Database, id: string, checkedHash: string, newHash: string): boolean {
  return (
    db.prepare('UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?').run(newHash, id, checkedHash)
      .changes === 1
  );
}

export function listActiveUsers(db: Database): Array<{ id: string; username: string; displayName: string }> {
  return (
    db.prepare('SELECT id, username, display_name FROM users WHERE disabled = 0 ORDER BY display_name').all() as Array<{
      id: string;
      username: string;
      display_name: string;
    }>
  ).map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
}
