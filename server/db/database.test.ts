import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain, appendAudit } from '../audit/audit-log.js';
import { openDatabase, SchemaTooNewError } from './database.js';
import { openSqliteStore } from './sqlite-store.js';
import { MIGRATIONS } from './migrations/index.js';

const dirs: string[] = [];
function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-db-'));
  dirs.push(dir);
  return join(dir, 'db.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('database', () => {
  it('migrates a new file to the latest version, in WAL with synchronous FULL', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer server', () => {
    const file = tempFile();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 9990');
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });

  it('runs only the migrations a file has not had, and keeps old rows', () => {
    const file = tempFile();
    const first = openDatabase(file);
    first
      .prepare(
        "INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('u1', 'a', 'A', 'h', 'now')",
      )
      .run();
    first.close();
    const nextVersion = (MIGRATIONS.at(-1)?.version ?? 0) + 10;
    const next = openDatabase(file, [
      ...MIGRATIONS,
      {
        version: nextVersion,
        name: 'add column',
        sqlite: (db) => db.exec('ALTER TABLE users ADD COLUMN phone TEXT'),
        postgres: 'ALTER TABLE users ADD COLUMN phone text',
      },
    ]);
    expect(next.prepare('SELECT username, phone FROM users').all()).toEqual([{ username: 'a', phone: null }]);
    next.close();
  });

  it('keeps the audit log append-only, and detects a tampered row or a cut tail', async () => {
    const file = tempFile();
    const store = openSqliteStore(file);
    const entry = (at: string, action: string, meetingId: string | null) =>
      store.transaction((tx) => appendAudit(tx, store, { at, actorId: null, action, meetingId, detail: { n: 1 } }));
    await entry('t1', 'a', null);
    await entry('t2', 'b', 'm1');
    await entry('t3', 'c', null);
    expect(await verifyAuditChain(store.db)).toBeNull();
    await store.close();

    const raw = new BetterSqlite3(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET detail = '{\"n\":9}' WHERE action = 'a'").run();
    raw.close();
    const tampered = openSqliteStore(file);
    expect(await verifyAuditChain(tampered.db)).toBe(1);
    await tampered.close();

    const cut = new BetterSqlite3(file);
    cut.exec(
      "DROP TRIGGER audit_log_no_delete; UPDATE audit_log SET detail = '{\"n\":1}' WHERE action = 'a'; DELETE FROM audit_log WHERE action = 'c'",
    );
    cut.close();
    const shortened = openSqliteStore(file);
    expect(await verifyAuditChain(shortened.db)).toBe(-1);
    await shortened.close();
  });
});
