import type { Group } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

/** Every group with its members, by name. */
export async function listGroups(db: Db): Promise<Group[]> {
  const groups = await db.selectFrom('groups').select(['id', 'name', 'updated_at']).orderBy('name').execute();
  const members = await db.selectFrom('group_members').select(['group_id', 'user_id']).orderBy('user_id').execute();
  const byGroup = new Map<string, string[]>();
  for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), m.user_id]);
  return groups.map((g) => ({ id: g.id, name: g.name, memberIds: byGroup.get(g.id) ?? [], updatedAt: g.updated_at }));
}

export async function findGroup(db: Db, id: string): Promise<Group | null> {
  const g = await db.selectFrom('groups').select(['id', 'name', 'updated_at']).where('id', '=', id).executeTakeFirst();
  if (!g) return null;
  const members = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('group_id', '=', id)
    .orderBy('user_id')
    .execute();
  return { id: g.id, name: g.name, memberIds: members.map((m) => m.user_id), updatedAt: g.updated_at };
}

/** Folded for comparison: SQLite's lower() knows ASCII only, so names are compared here. */
export const foldGroupName = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('vi');

/** Another group already called this (in any case). */
export async function groupNameTaken(db: Db, name: string, except: string | null): Promise<boolean> {
  const rows = await db.selectFrom('groups').select(['id', 'name']).execute();
  return rows.some((r) => r.id !== except && foldGroupName(r.name) === foldGroupName(name));
}

/** How many of these ids are accounts. */
export async function countUsers(db: Db, ids: readonly string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('id', 'in', ids.slice(i, i + 500))
      .executeTakeFirstOrThrow();
    found += Number(row.n);
  }
  return found;
}

export async function saveGroup(
  db: Db,
  g: { id: string; name: string; memberIds: readonly string[]; at: string },
  isNew: boolean,
) {
  if (isNew)
    await db.insertInto('groups').values({ id: g.id, name: g.name, created_at: g.at, updated_at: g.at }).execute();
  else await db.updateTable('groups').set({ name: g.name, updated_at: g.at }).where('id', '=', g.id).execute();
  await db.deleteFrom('group_members').where('group_id', '=', g.id).execute();
  for (let i = 0; i < g.memberIds.length; i += 500)
    await db
      .insertInto('group_members')
      .values(g.memberIds.slice(i, i + 500).map((user_id) => ({ group_id: g.id, user_id })))
      .execute();
}

export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', id).execute();
  await db.deleteFrom('groups').where('id', '=', id).execute();
}
