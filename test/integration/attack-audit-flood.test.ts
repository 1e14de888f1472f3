import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditListResult } from '../../shared/protocol/index.js';
import type { SqliteStore } from '../../server/db/sqlite-store.js';
import { uuidv7 } from 'uuidv7';
import { must } from '../support/vote-fixtures.js';
import {
  ask,
  connectSocket,
  health,
  startHarness,
  syncAll,
  type Harness,
  type TestSocket,
} from '../support/server-harness.js';

/**
 * `audit:list` checks every chain on its first page. A council's log grows by a row per
 * command (each ballot, each check-in) for years: hundreds of thousands of rows. An admin
 * opening the log screen (or a script asking again and again) must not hold up the room: the
 * event loop never stops for long (it stopped 17 s for three lists), and a command meanwhile is answered.
 */
let h: Harness;
let adminToken: string;
let secretary: TestSocket;
let meetingId: string;
const ROWS = 300_000;

beforeAll(async () => {
  h = await startHarness();
  adminToken = (await h.login('admin')).token;
  secretary = (await h.connect('thuky')).socket;
  meetingId = (await syncAll(secretary)).meetings[0]!.id;
  // SQLite's driver answers at once (PostgreSQL's waits on the network between pages).
  if (h.databaseUrl) return;
  // A log of years, appended as the server appends (valid hashes, the head moved).
  const raw = (h.server.store as SqliteStore).raw;
  const head = raw.prepare(`SELECT hash FROM audit_heads WHERE chain = 'global'`).get() as { hash: string };
  let prev = head.hash;
  const insert = raw.prepare(
    `INSERT INTO audit_log (chain, at, actor_id, action, meeting_id, detail, prev_hash, hash) VALUES ('global', ?, NULL, 'sign-in', NULL, ?, ?, ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
      const detail = { username: `daibieu${i % 500}`, address: '10.0.0.7' };
      const hash = createHash('sha256')
        .update(JSON.stringify([prev, at, null, 'sign-in', null, detail]))
        .digest('hex');
      insert.run(at, JSON.stringify(detail), prev, hash);
      prev = hash;
    }
    raw.prepare(`UPDATE audit_heads SET hash = ? WHERE chain = 'global'`).run(prev);
  })();
}, 120_000);
afterAll(async () => {
  await h?.cleanup();
});

describe('audit:list on a large log', { timeout: 120_000 }, () => {
  it('does not stall the server: the event loop and a command go on while admins list it', async () => {
    if (h.databaseUrl) return;
    const socket = await connectSocket(h.server.url, adminToken);
    let lag = 0;
    let tick = performance.now();
    const timer = setInterval(() => {
      lag = Math.max(lag, performance.now() - tick - 10);
      tick = performance.now();
    }, 10);
    try {
      const lists = Array.from({ length: 3 }, () => ask<AuditListResult>(socket, 'audit:list', {}, 60_000));
      await new Promise((done) => setTimeout(done, 200));
      const started = performance.now();
      expect(await health(h.server.url)).toBe(200);
      await must(secretary, 'agenda:add-item', {
        meetingId,
        itemId: uuidv7(),
        parentId: null,
        title: 'Mục bổ sung',
        presenter: 'Thư ký',
        plannedMinutes: 5,
      });
      const waited = performance.now() - started;
      const answers = await Promise.all(lists);
      for (const a of answers) {
        if (!a.ok) throw new Error(a.error.code);
        expect(a.data.chains?.filter((c) => c.problem)).toEqual([]);
        expect(a.data.chains?.find((c) => c.chain === 'global')?.rows).toBeGreaterThan(ROWS);
      }
      expect(waited).toBeLessThan(2000);
      expect(lag).toBeLessThan(1500);
    } finally {
      clearInterval(timer);
      socket.disconnect();
    }
  });
});
