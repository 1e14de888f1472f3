import { sql } from 'kysely';
import { canManagePeople } from '../../shared/domain/index.js';
import type { Person, PersonDetails } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

/** The people screens' view of the `users` table: profile, rights, state. Never the hash. */
const PERSON_COLUMNS = [
  'id',
  'username',
  'display_name',
  'title',
  'unit',
  'seat',
  'email',
  'is_admin',
  'can_create_meetings',
  'manages_people',
  'disabled',
  'must_change_password',
  'created_at',
] as const;

interface PersonRow {
  id: string;
  username: string;
  display_name: string;
  title: string;
  unit: string;
  seat: string;
  email: string;
  is_admin: number;
  can_create_meetings: number;
  manages_people: number;
  disabled: number;
  must_change_password: number;
  created_at: string;
}

function toPerson(r: PersonRow): Person {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    title: r.title,
    unit: r.unit,
    seat: r.seat,
    email: r.email,
    isAdmin: r.is_admin === 1,
    canCreateMeetings: r.can_create_meetings === 1,
    managesPeople: r.is_admin === 1 || r.manages_people === 1,
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
  };
}

/** Every account, by name; a few thousand at most in a city's council. */
export async function listPeople(db: Db): Promise<Person[]> {
  const rows = await db.selectFrom('users').select(PERSON_COLUMNS).orderBy('display_name').orderBy('id').execute();
  return rows.map(toPerson);
}

export async function findPerson(db: Db, id: string): Promise<Person | null> {
  const row = await db.selectFrom('users').select(PERSON_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toPerson(row) : null;
}

/**
 * The asker of a people write as their account is now, read in its transaction behind the
 * people lock: null when they may no longer manage people (disabled, or the right taken)
 * while their request waited (an import reads and hashes for seconds before it writes).
 */
export async function askerNow(db: Db, askerId: string): Promise<Person | null> {
  const asker = await findPerson(db, askerId);
  return asker && !asker.disabled && canManagePeople(asker) ? asker : null;
}

/** Which of these user names are taken (in any case), lower-cased. */
export async function takenUsernames(db: Db, usernames: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  const lowered = [...new Set(usernames.map((u) => u.toLowerCase()))];
  // Bounded batches: SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < lowered.length; i += 500) {
    const rows = await db
      .selectFrom('users')
      .select('username')
      .where(sql<string>`lower(username)`, 'in', lowered.slice(i, i + 500))
      .execute();
    for (const r of rows) taken.add(r.username.toLowerCase());
  }
  return taken;
}

export interface NewPerson {
  id: string;
  username: string;
  displayName: string;
  title: string;
  unit: string;
  seat: string;
  email: string;
  canCreateMeetings: boolean;
  managesPeople: boolean;
  passwordHash: string;
}

/** Accounts made here carry a one-time password: the person must choose another. */
export async function insertPeople(db: Db, people: readonly NewPerson[], at: string): Promise<void> {
  for (let i = 0; i < people.length; i += 100) {
    await db
      .insertInto('users')
      .values(
        people.slice(i, i + 100).map((p) => ({
          id: p.id,
          username: p.username,
          display_name: p.displayName,
          title: p.title,
          unit: p.unit,
          seat: p.seat,
          email: p.email,
          password_hash: p.passwordHash,
          can_create_meetings: p.canCreateMeetings ? 1 : 0,
          manages_people: p.managesPeople ? 1 : 0,
          must_change_password: 1,
          created_at: at,
        })),
      )
      .execute();
  }
}

export async function updatePersonDetails(db: Db, id: string, d: PersonDetails): Promise<void> {
  await db
    .updateTable('users')
    .set({
      display_name: d.displayName,
      title: d.title,
      unit: d.unit,
      seat: d.seat,
      email: d.email,
      can_create_meetings: d.canCreateMeetings ? 1 : 0,
      manages_people: d.managesPeople ? 1 : 0,
    })
    .where('id', '=', id)
    .execute();
}

export async function setPersonDisabled(db: Db, id: string, disabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** A new one-time password: the old one stops working. */
export async function setOneTimePassword(db: Db, id: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: 1 })
    .where('id', '=', id)
    .execute();
}

/** Ends every session of a person (disabled, or their password reset); their ids, for cutting sockets. */
export async function endSessionsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute();
  return rows.map((r) => r.id);
}
