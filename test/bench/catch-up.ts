// Catch-up: the client core a tablet runs (MeetingClient, MemoryClientStore) misses
// `changes` changes of its meeting while offline, then reconnects: the time until its
// meeting's sequence number is the server's. Baseline: the same number of change-log rows
// (the same bytes) inserted into a SQLite file in one transaction, as the server's file is
// set up (WAL, synchronous FULL).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeetingClient } from '../../shared/client/index.js';
import { sendOk } from '../simulator/commands.js';
import { mapLimit } from '../simulator/pool.js';
import { inProcess } from '../simulator/targets.js';
import { crowdOfClients } from '../support/crowd.js';
import type { Harness } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { medianRow, type Row } from './report.js';

/** Commands the secretary keeps in flight while making the changes (one socket runs them in order). */
const IN_FLIGHT = 16;

/** `count` edits of an agenda item by the secretary: each one change-log row. */
async function makeChanges(h: Harness, count: number): Promise<string> {
  const secretary = await joinMeeting(h, 'thuky');
  const meetingId = secretary.meeting.id;
  const item = await h.server.store.db
    .selectFrom('agenda_items')
    .select(['id', 'version', 'planned_minutes'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirstOrThrow();
  const minutes = (i: number) => item.planned_minutes + 1 + (i % 2);
  await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    IN_FLIGHT,
    (i) =>
      sendOk(secretary.socket, 'agenda:update-item', {
        meetingId,
        itemId: item.id,
        baseVersion: item.version + i,
        plannedMinutes: minutes(i),
      }),
  );
  secretary.socket.disconnect();
  return meetingId;
}

/** Resolves once the client's copy of the meeting is at `seq`. */
function current(client: MeetingClient, meetingId: string, seq: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (client.getState().meetings[meetingId]?.seq !== seq) return false;
      stop();
      resolve();
      return true;
    };
    const stop = client.subscribe(() => void check());
    check();
  });
}

/** Milliseconds to insert `rows` into a new SQLite file's change log in one transaction. */
function sqliteInsert(rows: readonly Record<string, unknown>[]): number {
  const folder = mkdtempSync(join(tmpdir(), 'cabinet-bench-sqlite-'));
  const db = new Database(join(folder, 'changes.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE meeting_changes (
      meeting_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      actor_id TEXT NOT NULL, command_id TEXT NOT NULL, at TEXT NOT NULL,
      PRIMARY KEY (meeting_id, seq)) WITHOUT ROWID`);
    const insert = db.prepare(
      'INSERT INTO meeting_changes VALUES (@meeting_id, @seq, @type, @data, @actor_id, @command_id, @at)',
    );
    const all = db.transaction(() => {
      for (const row of rows) insert.run(row);
    });
    const t0 = performance.now();
    all();
    return performance.now() - t0;
  } finally {
    db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function catchUpRow(changes: number, clients: number): Promise<Row> {
  // Only the secretary making the changes needs more than the default event budget.
  const target = await inProcess({ burst: 1e9, eventsPerSecond: 1e9 });
  try {
    const crowd = await crowdOfClients(target.access, clients, 'cu');
    for (const d of crowd) d.client.stop();
    const meetingId = await makeChanges(target.harness, changes);
    const db = target.harness.server.store.db;
    const { seq } = await db.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const ours: number[] = [];
    for (const d of crowd) {
      const t0 = performance.now();
      d.client.start();
      await current(d.client, meetingId, seq);
      ours.push(performance.now() - t0);
      d.client.stop();
    }
    const rows = await db
      .selectFrom('meeting_changes')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('seq', 'desc')
      .limit(changes)
      .execute();
    const base = Array.from({ length: clients }, () => sqliteInsert(rows));
    return medianRow(`catch-up (${changes} changes missed, median of ${clients})`, 'ms', ours, base, {
      ratio: 2,
      better: 'lower',
    });
  } finally {
    await target.stop();
  }
}
