import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CacheTooNewError, migrate, schemaVersion } from './migrate.js';
import { checkedMigrations, type Migration } from './migrations/index.js';
import { migration0010Initial } from './migrations/0010-initial.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

function tableNames(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  return (rows as { name: string }[]).map((r) => r.name).sort();
}

describe('cache migrations', () => {
  it('the list rises in steps of ten', () => {
    const step = (version: number): Migration => ({ version, name: `m${version}`, up: () => {} });
    expect(() => checkedMigrations([step(10), step(20), step(40)])).not.toThrow();
    expect(() => checkedMigrations([step(20), step(10)])).toThrow(/must come after 20/);
    expect(() => checkedMigrations([step(10), step(10)])).toThrow(/must come after 10/);
    expect(() => checkedMigrations([step(15)])).toThrow(/steps of ten/);
  });

  it('0010 builds session, meetings and outbox from an empty file', () => {
    const db = new Database(':memory:');
    expect(migrate(db, [migration0010Initial])).toBe(10);
    expect(tableNames(db)).toEqual(['meetings', 'outbox', 'session']);
    // One session only, and one outbox row per command id.
    db.prepare("INSERT INTO session (id, server_url, token, user_json) VALUES (1, 'u', 't', '{}')").run();
    expect(() =>
      db.prepare("INSERT INTO session (id, server_url, token, user_json) VALUES (2, 'u', 't', '{}')").run(),
    ).toThrow();
    const add = db.prepare("INSERT INTO outbox (command_id, name, payload_json, created_at) VALUES (?, 'n', '{}', '')");
    add.run('c1');
    expect(() => add.run('c1')).toThrow(/UNIQUE/);
    db.close();
  });

  it('a later migration runs on a file at the earlier version and keeps its rows', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0010Initial]);
    db.prepare(
      "INSERT INTO outbox (command_id, name, payload_json, created_at) VALUES ('c1', 'n', '{}', 'then')",
    ).run();
    const addAttempts: Migration = {
      version: 20,
      name: 'outbox-attempts',
      up: (d) => d.exec('ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0'),
    };
    expect(migrate(db, checkedMigrations([migration0010Initial, addAttempts]))).toBe(20);
    expect(db.prepare('SELECT command_id, attempts FROM outbox').all()).toEqual([{ command_id: 'c1', attempts: 0 }]);
    // Running again is a no-op.
    expect(migrate(db, [migration0010Initial, addAttempts])).toBe(20);
    db.close();
  });

  it('a failing step leaves the file at the version before it', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 20,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [migration0010Initial, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(10);
    expect(tableNames(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a schema newer than it knows', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 30');
    expect(() => migrate(db, [migration0010Initial])).toThrow(CacheTooNewError);
    expect(schemaVersion(db)).toBe(30);
    db.close();
  });

  it('0030 adds the document lists and the ledger of verified copies, which takes only hashes', () => {
    const db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 3))).toBe(30);
    expect(tableNames(db)).toEqual([
      'ballot_keys',
      'document_copies',
      'document_lists',
      'meetings',
      'outbox',
      'session',
    ]);
    const add = db.prepare("INSERT INTO document_copies (sha256, size, verified_at) VALUES (?, 1, 'now')");
    add.run('a'.repeat(64));
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), '../../../../etc/passwd'.padEnd(64, 'a'), 'g'.repeat(64)]) {
      expect(() => add.run(bad), bad).toThrow(/CHECK/);
    }
    db.prepare("INSERT INTO document_lists (meeting_id, list_json, saved_at) VALUES ('m', '[]', 'now')").run();
    db.close();
  });

  it('0040 adds the signing identities, one per user', () => {
    const db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 4))).toBe(40);
    expect(tableNames(db)).toContain('identities');
    const add = db.prepare(
      "INSERT INTO identities (user_id, record_json, sealed_key, saved_at) VALUES (?, '{}', 'k', 'now')",
    );
    add.run('u');
    expect(() => add.run('u')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('0050 upgrades a file at 40 with rows in every table, keeps them, and adds the annotations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabinet-migrate-'));
    const file = join(dir, 'cache.sqlite');
    try {
      const old = new Database(file);
      expect(migrate(old, CACHE_MIGRATIONS.slice(0, 4))).toBe(40);
      old.exec(`
        INSERT INTO session (id, server_url, token, user_json) VALUES (1, 'http://s', 'tok', '{"id":"u"}');
        INSERT INTO meetings (meeting_id, seq, state_json, saved_at) VALUES ('m', 7, '{"seq":7}', 'then');
        INSERT INTO outbox (command_id, name, payload_json, created_at) VALUES ('c', 'n', '{}', 'then');
        INSERT INTO ballot_keys (vote_id, user_id, key) VALUES ('v', 'u', 'k');
        INSERT INTO document_lists (meeting_id, list_json, saved_at) VALUES ('m', '[]', 'then');
        INSERT INTO identities (user_id, record_json, sealed_key, saved_at) VALUES ('u', '{}', 'sk', 'then');
      `);
      const before = dumpRows(old);
      old.close();

      const db = new Database(file);
      expect(migrate(db, CACHE_MIGRATIONS.slice(0, 5))).toBe(50);
      expect(dumpRows(db, Object.keys(before))).toEqual(before);
      expect(tableNames(db)).toEqual([...Object.keys(before), 'annotation_cursors', 'annotations'].sort());

      const add = db.prepare(
        "INSERT INTO annotations (user_id, id, document_id, rev, record_json) VALUES (?, 'a', 'd', ?, '{}')",
      );
      add.run('u1', 1);
      // The same annotation held for a second person on the tablet is a row of its own.
      add.run('u2', 1);
      expect(() => add.run('u1', 2)).toThrow(/UNIQUE|PRIMARY/);
      expect(() => add.run('u3', 'not a number')).toThrow(/datatype|INTEGER/i);
      const cursor = db.prepare('INSERT INTO annotation_cursors (user_id, rev) VALUES (?, ?)');
      cursor.run('u1', 0);
      expect(() => cursor.run('u2', -1)).toThrow(/CHECK/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('0060 keeps a file at 50 as it was and adds the one device id', () => {
    const db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 5))).toBe(50);
    db.exec("INSERT INTO session (id, server_url, token, user_json) VALUES (1, 'http://s', 'tok', '{}')");
    const before = dumpRows(db);
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 6))).toBe(60);
    expect(dumpRows(db, Object.keys(before))).toEqual(before);
    expect(db.prepare('SELECT id FROM device').all()).toEqual([]);
    db.prepare("INSERT INTO device (only, id) VALUES (1, 'd')").run();
    expect(() => db.prepare("INSERT INTO device (only, id) VALUES (2, 'e')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('0060 takes the id of a device enrolled before it from its latest identity', () => {
    const db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 5))).toBe(50);
    const identity = db.prepare(
      "INSERT INTO identities (user_id, record_json, sealed_key, saved_at) VALUES (?, ?, 'k', ?)",
    );
    identity.run('u1', JSON.stringify({ info: { deviceId: 'older' } }), '2026-01-01T00:00:00Z');
    identity.run('u2', JSON.stringify({ info: { deviceId: 'newer' } }), '2026-02-01T00:00:00Z');
    identity.run('u3', JSON.stringify({ info: { deviceId: null } }), '2026-03-01T00:00:00Z');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 6))).toBe(60);
    expect(db.prepare('SELECT id FROM device').all()).toEqual([{ id: 'newer' }]);
    db.close();
  });

  it('0070 keeps a file at 60 as it was and adds a brief per meeting', () => {
    const db = new Database(':memory:');
    expect(migrate(db, CACHE_MIGRATIONS.slice(0, 6))).toBe(60);
    db.exec(
      "INSERT INTO meetings (meeting_id, seq, state_json, saved_at) VALUES ('m1', 3, '{}', '2026-01-01T00:00:00Z')",
    );
    const before = dumpRows(db);
    expect(migrate(db, CACHE_MIGRATIONS)).toBe(70);
    expect(dumpRows(db, Object.keys(before))).toEqual(before);
    const add = db.prepare('INSERT INTO briefs (meeting_id, fetched_at, brief_json) VALUES (?, ?, ?)');
    add.run('m1', '2026-01-02T00:00:00Z', '{}');
    expect(() => add.run('m1', '2026-01-03T00:00:00Z', '{}')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => add.run('m2', null, '{}')).toThrow(/NOT NULL/);
    db.close();
  });
});

/** Every row of every table, so an upgrade can be shown to leave the old ones as they were. */
function dumpRows(db: Database.Database, tables = tableNames(db)): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
}
