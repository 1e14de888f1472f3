import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import type { SqliteStore } from '../../server/db/sqlite-store.js';
import { ask, connectSocket, startHarness, syncAll, type Harness, type TestSocket } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';

/**
 * SQLite rolls the whole transaction back when SQLITE_FULL hits a statement that has no
 * statement journal (a one-row INSERT such as the receipt in `commands`). The runner's
 * ROLLBACK TO SAVEPOINT then fails ("no such savepoint"), Kysely's ROLLBACK fails ("no
 * transaction is active"), and that error, not SQLITE_FULL, reaches isStorageFull.
 */
let h: Harness;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  h = await startHarness({ socketLimits: { burst: 5000, eventsPerSecond: 5000 } });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await h.cleanup();
});

describe('a full SQLite disk', () => {
  it('is told to the client as STORAGE_FULL, however SQLite takes the batch back (SQLite: max_page_count; on PostgreSQL it holds trivially)', async () => {
    if (h.databaseUrl) return;
    const secretary = await joinMeeting(h, 'thuky');
    const meetingId = secretary.meeting.id;
    const login = await h.login('thuky');
    const many: TestSocket[] = [];
    for (let i = 0; i < 8; i++) {
      const s = await connectSocket(h.server.url, login.token);
      sockets.push(s);
      await syncAll(s);
      many.push(s);
    }
    const raw = (h.server.store as SqliteStore).raw;
    const codes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const pages = raw.pragma('page_count', { simple: true }) as number;
      raw.pragma(`max_page_count = ${pages + 1 + (round % 6)}`);
      let answers: Array<Ack<CommandReceipt>>;
      try {
        answers = await Promise.all(
          many.map((s) =>
            ask<CommandReceipt>(s, 'agenda:add-item', {
              commandId: uuidv7(),
              meetingId,
              itemId: uuidv7(),
              parentId: null,
              title: `Mục ${'dài '.repeat(8)}`,
              presenter: 'Sở Tài chính',
              plannedMinutes: 5,
            }),
          ),
        );
      } finally {
        raw.pragma('max_page_count = 1073741823');
      }
      codes.push(...answers.flatMap((a) => (a.ok ? [] : [a.error.code])));
    }
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => c !== 'STORAGE_FULL')).toEqual([]);
  });
});
