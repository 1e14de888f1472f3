import type { Database } from 'better-sqlite3';

/**
 * People administration (issue 13): what an office keeps of a person besides the sign-in
 * (title — chức vụ —, unit — đơn vị —, seat number, email), who may administer people
 * without being an admin (`manages_people`), and whether the password is a one-time one the
 * person must replace at the next sign-in. Groups are named lists of people ("Thường trực
 * HĐND") a secretary adds to a meeting in one step.
 *
 * `seat` is text: seats are labelled ("A12") as often as numbered. Empty text, not NULL,
 * for what is not known, so one query shape reads both engines.
 */
const columns = [
  `ALTER TABLE users ADD COLUMN title TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE users ADD COLUMN unit TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE users ADD COLUMN seat TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT ''`,
  `ALTER TABLE users ADD COLUMN manages_people INTEGER NOT NULL DEFAULT 0 CHECK (manages_people IN (0, 1))`,
  `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))`,
];

const tables = `
  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (group_id, user_id)
  );
  CREATE INDEX group_members_user ON group_members(user_id);
`;

export function sqlite(db: Database): void {
  for (const statement of columns) db.exec(statement);
  db.exec(tables);
}

/**
 * No unique index on a group's name: SQLite's lower() folds ASCII only ("ĐẢNG" and "đảng"
 * would be two), so the server compares names itself, under a lock, before it writes.
 */
export const postgres = `${columns.map((c) => `${c};`).join('\n')}
${tables}`;
