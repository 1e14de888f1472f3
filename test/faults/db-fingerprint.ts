import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import type { Store } from '../../server/db/store.js';
import { canonicalJson, sha256 } from './canonical.js';

/** Every table of the database: SQLite's own catalogue, or PostgreSQL's public schema. */
async function tableNames(store: Store): Promise<string[]> {
  if (store.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
    `.execute(store.db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
  `.execute(store.db);
  return rows.rows.map((r) => r.name);
}

function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (value instanceof Date) return { date: value.toISOString() };
  return value;
}

export interface TableDump {
  rows: number;
  hash: string;
  /** The rows themselves (canonical JSON, sorted), kept to show what changed. */
  lines: string[];
}

/**
 * Each table's rows as canonical JSON, sorted (row order is not a property of a table), and
 * their hash: two dumps are equal exactly when every table holds the same rows.
 */
export async function dumpTables(store: Store): Promise<Map<string, TableDump>> {
  const dump = new Map<string, TableDump>();
  for (const table of await tableNames(store)) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(store.db);
    const lines = rows.rows
      .map((row) => canonicalJson(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))))
      .sort();
    dump.set(table, { rows: lines.length, hash: sha256(lines.join('\n')), lines });
  }
  return dump;
}

/** What differs between two dumps, table by table: the rows gone and the rows new. */
export function tableChanges(
  before: Map<string, TableDump>,
  after: Map<string, TableDump>,
): Record<string, { gone: string[]; added: string[] }> {
  const changes: Record<string, { gone: string[]; added: string[] }> = {};
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table);
    const b = after.get(table);
    if (a?.hash === b?.hash) continue;
    const was = new Set(a?.lines ?? []);
    const now = new Set(b?.lines ?? []);
    changes[table] = {
      gone: [...was].filter((l) => !now.has(l)),
      added: [...now].filter((l) => !was.has(l)),
    };
  }
  return changes;
}

/**
 * Every file of a data folder but the database's own (its WAL moves with every read) as
 * path → SHA-256: refused uploads must leave no document, part file or folder behind.
 */
export function dumpFiles(dataDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = relative(dataDir, path);
      if (entry.isDirectory()) {
        files[`${name}/`] = 'folder';
        walk(path);
      } else if (!name.startsWith(DATABASE_FILE)) {
        files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  walk(dataDir);
  return files;
}
