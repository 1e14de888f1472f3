import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResult } from '../../shared/protocol/index.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { ask, connectSocket, startHarness, syncAll, type Harness } from '../support/server-harness.js';

/**
 * What the running server's walk of the chains (a page at a time, up to each chain's head)
 * still finds, SQLite: a row put after the head without moving it, the head itself edited,
 * a row moved to another chain, two rows swapped. Each tampering is undone before the next.
 */
let h: Harness;
let adminToken: string;
let meetingId: string;

beforeAll(async () => {
  h = await startHarness();
  const { socket, login } = await h.connect('admin');
  adminToken = login.token;
  meetingId = (await syncAll(socket)).meetings[0]!.id;
  await h.login('thuky');
  await h.login('chutoa');
  socket.disconnect();
});
afterAll(async () => {
  await h?.cleanup();
});

/** Runs `change` on the file with the server stopped, checks the chains, runs `undo`. */
async function brokenBy(change: string[], undo: string[]): Promise<AuditListResult['chains']> {
  const run = async (statements: string[]) => {
    await h.stop();
    const raw = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    for (const s of statements) raw.exec(s);
    raw.close();
    await h.start();
  };
  await run(change);
  const socket = await connectSocket(h.server.url, adminToken);
  const answer = await ask<AuditListResult>(socket, 'audit:list', {});
  socket.disconnect();
  await run(undo);
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data.chains!.filter((c) => c.problem);
}

const lastGlobal = `(SELECT max(id) FROM audit_log WHERE chain = 'global')`;

describe('the live walk of the chains', { timeout: 60_000 }, () => {
  it('finds a row copied after the head with the head left as it was', async () => {
    if (h.databaseUrl) return; // The file edited: SQLite (audit-verify.test.ts does PostgreSQL).
    const broken = await brokenBy(
      [
        `INSERT INTO audit_log (id, chain, at, actor_id, action, meeting_id, detail, prev_hash, hash)
         SELECT 999999, chain, at, actor_id, action, meeting_id, detail, prev_hash, hash FROM audit_log WHERE id = ${lastGlobal}`,
      ],
      [`DELETE FROM audit_log WHERE id = 999999`],
    );
    expect(broken?.map((c) => c.chain)).toEqual(['global']);
  });

  it('finds an edited head', async () => {
    if (h.databaseUrl) return; // The file edited: SQLite (audit-verify.test.ts does PostgreSQL).
    const broken = await brokenBy(
      [
        `CREATE TABLE saved_heads AS SELECT * FROM audit_heads`,
        `UPDATE audit_heads SET hash = '${'ab'.repeat(32)}' WHERE chain = 'global'`,
      ],
      [
        `UPDATE audit_heads SET hash = (SELECT hash FROM saved_heads WHERE chain = 'global') WHERE chain = 'global'`,
        `DROP TABLE saved_heads`,
      ],
    );
    expect(broken).toEqual([
      expect.objectContaining({ chain: 'global', problem: expect.objectContaining({ kind: 'cut' }) }),
    ]);
  });

  it('finds a row moved from the global chain to a meeting', async () => {
    if (h.databaseUrl) return; // The file edited: SQLite (audit-verify.test.ts does PostgreSQL).
    const broken = await brokenBy(
      [`UPDATE audit_log SET chain = '${meetingId}' WHERE id = (SELECT min(id) FROM audit_log WHERE chain = 'global')`],
      [`UPDATE audit_log SET chain = 'global' WHERE chain = '${meetingId}' AND meeting_id IS NULL`],
    );
    expect(broken?.map((c) => c.chain).sort()).toEqual(['global', meetingId].sort());
  });

  it('finds two rows of a chain swapped', async () => {
    if (h.databaseUrl) return; // The file edited: SQLite (audit-verify.test.ts does PostgreSQL).
    const swap = (a: string, b: string) => [
      `UPDATE audit_log SET id = -1 WHERE id = ${a}`,
      `UPDATE audit_log SET id = ${a} WHERE id = ${b}`,
      `UPDATE audit_log SET id = ${b} WHERE id = -1`,
    ];
    const first = `(SELECT min(id) FROM audit_log WHERE chain = 'global')`;
    const second = `(SELECT min(id) FROM audit_log WHERE chain = 'global' AND id > ${first})`;
    await h.stop();
    const raw = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
    const ids = raw.prepare(`SELECT ${first} AS a, ${second} AS b`).get() as { a: number; b: number };
    raw.close();
    await h.start();
    const broken = await brokenBy(swap(String(ids.a), String(ids.b)), swap(String(ids.a), String(ids.b)));
    expect(broken?.map((c) => c.chain)).toEqual(['global']);
  });

  it('finds every chain intact once each is put back', async () => {
    if (h.databaseUrl) return; // The file edited: SQLite (audit-verify.test.ts does PostgreSQL).
    expect(await brokenBy([], [])).toEqual([]);
  });
});
