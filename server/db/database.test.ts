import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain, appendAudit } from '../audit/audit-log.js';
import { openDatabase, SchemaTooNewError } from './database.js';
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

  it('refuses migrations whose numbers do not rise', () => {
    const noop = { name: 'x', up: () => undefined };
    expect(() =>
      openDatabase(tempFile(), [
        { version: 20, ...noop },
        { version: 10, ...noop },
      ]),
    ).toThrow(/does not rise/);
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
      { version: nextVersion, name: 'add column', up: (db) => db.exec('ALTER TABLE users ADD COLUMN phone TEXT') },
    ]);
    expect(next.prepare('SELECT username, phone FROM users').all()).toEqual([{ username: 'a', phone: null }]);
    next.close();
  });

  it('keeps the change log and audit log append-only, and detects a tampered audit row', () => {
    const db = openDatabase(tempFile());
    appendAudit(db, { at: 't1', actorId: null, action: 'a', meetingId: null, detail: { n: 1 } });
    appendAudit(db, { at: 't2', actorId: null, action: 'b', meetingId: null, detail: { n: 2 } });
    expect(verifyAuditChain(db)).toBeNull();
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.prepare(
      "INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ('u', 'u', 'U', 'h', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO meetings (id, title, starts_at, place, organisation, status, created_by, created_at) VALUES ('m', 't', 's', 'p', 'o', 'draft', 'u', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO meeting_changes (meeting_id, seq, type, data, actor_id, command_id, at) VALUES ('m', 1, 'x', '{}', 'u', 'c', 'now')",
    ).run();
    expect(() => db.prepare('DELETE FROM meeting_changes').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE meeting_changes SET seq = 2').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET detail = '{\"n\":9}' WHERE action = 'a'").run();
    expect(verifyAuditChain(db)).toBe(1);
    db.close();
  });
});
