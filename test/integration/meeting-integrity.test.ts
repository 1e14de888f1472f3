import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CHANGES_PER_WINDOW, ATTENDANCE_WINDOW_MS } from '../../server/attendance/attendance-window.js';
import BetterSqlite3 from 'better-sqlite3';
import { startServer } from '../../server/app.js';
import { DatabaseInUseError } from '../../server/db/database.js';
import { ask, syncAll, waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';
import { joinMeeting, must } from '../support/vote-fixtures.js';

const { h, clients } = serverEachTest();

async function device(username: string) {
  const t = tablet(h, clients);
  await t.signIn(username);
  return t;
}

describe('two devices of the secretary editing at once', () => {
  it('refuse the second save made on the old text, and keep the first', async () => {
    const pc = await device('thuky');
    const pad = await device('thuky');
    const meetingId = pc.meeting().meeting.id;
    const item = pc.meeting().agenda[0];
    if (!item) throw new Error('the demo has an agenda');
    // Both opened the item at the same version.
    const seenOnTablet = pad.meeting().agenda.find((i) => i.id === item.id);
    expect(seenOnTablet?.version).toBe(item.version);

    const first = await pc.client.send('agenda:update-item', {
      meetingId,
      itemId: item.id,
      baseVersion: item.version,
      title: 'Báo cáo tình hình kinh tế - xã hội (đã sửa trên máy tính)',
    });
    expect(first.ok).toBe(true);
    const second = await pad.client.send('agenda:update-item', {
      meetingId,
      itemId: item.id,
      baseVersion: item.version,
      title: 'Báo cáo (sửa trên máy tính bảng)',
    });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'STALE_EDIT', message: { vi: expect.stringContaining('người khác') } },
    });
    await waitFor(() => pad.meeting().agenda.find((i) => i.id === item.id)?.version === item.version + 1);
    expect(pad.meeting().agenda.find((i) => i.id === item.id)?.title).toBe(
      'Báo cáo tình hình kinh tế - xã hội (đã sửa trên máy tính)',
    );
    // Made again on the text it now shows, the edit goes through.
    const again = await pad.client.send('agenda:update-item', {
      meetingId,
      itemId: item.id,
      baseVersion: item.version + 1,
      presenter: 'Chánh Văn phòng',
    });
    expect(again.ok).toBe(true);

    // Removing the item on the text it showed before is refused too: the new text is not thrown away unseen.
    expect(
      await pad.client.send('agenda:remove-item', { meetingId, itemId: item.id, baseVersion: item.version }),
    ).toMatchObject({ ok: false, error: { code: 'STALE_EDIT' } });
    expect(
      await h.server.store.db.selectFrom('agenda_items').select('id').where('id', '=', item.id).executeTakeFirst(),
    ).toBeDefined();

    // The meeting's own fields follow the same rule.
    const version = pc.meeting().meeting.version;
    expect((await pc.client.send('meeting:update', { meetingId, baseVersion: version, place: 'Phòng 201' })).ok).toBe(
      true,
    );
    expect(
      await pad.client.send('meeting:update', { meetingId, baseVersion: version, place: 'Hội trường lớn' }),
    ).toMatchObject({ ok: false, error: { code: 'STALE_EDIT' } });
    await waitFor(() => pad.meeting().meeting.place === 'Phòng 201');
  });
});

describe('attendance', () => {
  it('is for members and secretaries: the room display (an observer) cannot be checked in', async () => {
    const secretary = await joinMeeting(h, 'thuky');
    const display = await joinMeeting(h, 'phonghop');
    const meetingId = secretary.meeting.id;
    for (const [actor, target] of [
      [secretary, display],
      [display, display],
    ] as const) {
      expect(
        await ask(actor.socket, 'attendance:check-in', { commandId: uuidv7(), meetingId, userId: target.userId }),
      ).toMatchObject({ ok: false, error: { code: 'NO_ATTENDANCE' } });
    }
    await must(secretary.socket, 'attendance:check-in', { meetingId, userId: secretary.userId });
  });

  it('cannot be toggled without bound: the change log grows by a bounded number of rows', async () => {
    const d1 = await joinMeeting(h, 'daibieu1');
    const meetingId = d1.meeting.id;
    const rows = async () =>
      (
        await h.server.store.db
          .selectFrom('meeting_changes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('type', 'like', 'attendance:%')
          .executeTakeFirstOrThrow()
      ).n;
    const toggle = async (i: number) => {
      const answer = await ask(d1.socket, i % 2 === 0 ? 'attendance:check-in' : 'attendance:check-out', {
        commandId: uuidv7(),
        meetingId,
        userId: d1.userId,
      });
      return answer.ok ? 'ok' : answer.error.code;
    };
    const answers: string[] = [];
    for (let i = 0; i < ATTENDANCE_CHANGES_PER_WINDOW; i++) answers.push(await toggle(i));
    expect(answers.every((a) => a === 'ok')).toBe(true);
    // Checked out now; every further attempt to come back in within the window is refused.
    for (let i = 0; i < 8; i++) expect(await toggle(0)).toBe('CONFLICT');
    expect(await rows()).toBe(ATTENDANCE_CHANGES_PER_WINDOW);
    // What others do for a person is counted apart: the secretary's toggles never lock them out.
    const secretary = await joinMeeting(h, 'thuky');
    const d2 = await joinMeeting(h, 'daibieu2');
    for (let i = 0; i < ATTENDANCE_CHANGES_PER_WINDOW; i++) {
      await must(secretary.socket, i % 2 === 0 ? 'attendance:check-in' : 'attendance:check-out', {
        meetingId,
        userId: d2.userId,
      });
    }
    expect(
      await ask(secretary.socket, 'attendance:check-in', { commandId: uuidv7(), meetingId, userId: d2.userId }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await must(d2.socket, 'attendance:check-in', { meetingId, userId: d2.userId });
    // Once the window has passed, the person can come and go again.
    const past = new Date(Date.now() - ATTENDANCE_WINDOW_MS - 1000).toISOString();
    await h.server.store.db
      .updateTable('participants')
      .set({ attendance_window_start: past })
      .where('user_id', '=', d1.userId)
      .execute();
    await must(d1.socket, 'attendance:check-in', { meetingId, userId: d1.userId });
  });
});

describe('the data folder', () => {
  it('is held by one server at a time: a second one on it refuses to start, and nothing else can read it', async () => {
    // The lock is the SQLite file's (one room, the data in the folder). On PostgreSQL the
    // harness's server keeps nothing of the database in its folder (several nodes share the
    // database by design), so the check runs on a SQLite server of its own.
    let owner = { dataDir: h.dataDir, url: h.server.url, close: async () => {} };
    if (h.server.store.dialect !== 'sqlite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'cabinet-sqlite-folder-'));
      const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', seedDemo: false });
      expect(server.store.dialect).toBe('sqlite');
      owner = {
        dataDir,
        url: server.url,
        close: async () => {
          await server.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }
    try {
      await expect(
        startServer({ dataDir: owner.dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent' }),
      ).rejects.toThrow(DatabaseInUseError);
      const reader = new BetterSqlite3(join(owner.dataDir, 'cabinet.sqlite'), { readonly: true, timeout: 0 });
      expect(() => reader.prepare('SELECT COUNT(*) FROM vote_ballots').get()).toThrow(/locked|busy/i);
      reader.close();
      expect((await fetch(`${owner.url}/api/health`)).status).toBe(200);
    } finally {
      await owner.close();
    }
  });

  it('is readable by the server alone: folder 0700, database, log and demo passwords 0600', async () => {
    await syncAll((await h.connect('thuky')).socket);
    const mode = (f: string) => statSync(join(h.dataDir, f)).mode & 0o777;
    expect(mode('.')).toBe(0o700);
    expect(mode('demo-accounts.json'), 'demo-accounts.json').toBe(0o600);
    if (h.server.store.dialect === 'sqlite') {
      for (const f of ['cabinet.sqlite', 'cabinet.sqlite-wal']) expect(mode(f), f).toBe(0o600);
      // The server holds the database alone: its WAL index lives in memory, not in a -shm file.
      expect(existsSync(join(h.dataDir, 'cabinet.sqlite-shm'))).toBe(false);
    } else {
      // On PostgreSQL the folder holds no copy of the database at all.
      expect(readdirSync(h.dataDir).filter((f) => f.startsWith('cabinet.sqlite'))).toEqual([]);
    }
  });
});

describe('payloads carrying __proto__', () => {
  it('are refused whole, for requests and commands alike', async () => {
    const { socket } = await h.connect('thuky');
    const meetingId = (await syncAll(socket)).meetings[0]?.id ?? '';
    const poisoned = JSON.parse(`{"cursors":{"__proto__":{"polluted":1},"${meetingId}":0}}`) as unknown;
    expect(await ask(socket, 'session:sync', poisoned)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', issues: [{ path: '__proto__' }] },
    });
    const command = JSON.parse(
      `{"commandId":"${uuidv7()}","meetingId":"${meetingId}","baseVersion":0,"title":"x","__proto__":{"isAdmin":true}}`,
    ) as unknown;
    expect(await ask(socket, 'meeting:update', command)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Deeper than any message of the protocol: refused, however it hides what it carries.
    let deep: unknown = { __proto__x: 1 };
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(await ask(socket, 'session:sync', { cursors: {}, deep })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await syncAll(socket)).meetings.length).toBe(1);
  });
});
