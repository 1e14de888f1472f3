import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { NOT_STARTED_SESSION } from '../../shared/protocol/index.js';
import { describe, expect, it } from 'vitest';
import type { MeetingState, OutboxEntry, StoredSession } from '../../shared/client/index.js';
import { CacheTooNewError } from './migrate.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';
import { SqliteClientStore } from './sqlite-client-store.js';
import { cacheEachTest } from '../../test/support/cache-each-test.js';

const cache = cacheEachTest();
const { openStore } = cache;

function session(): StoredSession {
  return {
    serverUrl: 'http://192.168.1.10:8080',
    token: 'tok-1',
    user: { id: uuidv7(), username: 'daibieu1', displayName: 'Đại biểu Một', isAdmin: false, canCreateMeetings: false },
  };
}

function meeting(seq: number, title = 'Họp Hội đồng quản trị quý IV'): MeetingState {
  const id = uuidv7();
  return {
    meeting: {
      id,
      title,
      startsAt: '2025-12-01T08:00:00+07:00',
      place: 'Phòng họp số 1',
      organisation: 'Công ty Cổ phần A',
      status: 'published',
      publishedAt: '2025-11-20T08:00:00+07:00',
      closedAt: null,
      documentsRecalledAt: null,
      cancellation: null,
      postponement: null,
      archivedAt: null,
      voteManagers: ['chair'],
      voteDefaults: { rule: 'absolute', base: 'members', quorum: 'none' },
      version: 0,
    },
    agenda: [
      {
        id: uuidv7(),
        meetingId: id,
        parentId: null,
        position: 0,
        title: 'Biểu quyết thông qua Nghị quyết Đại hội',
        presenter: 'Chủ tọa',
        plannedMinutes: 15,
        version: 0,
      },
    ],
    participants: [],
    votes: [],
    presentation: null,
    session: NOT_STARTED_SESSION,
    speakers: [],
    myBallots: [],
    seq,
    myRole: 'delegate',
  };
}

function command(title: string): OutboxEntry {
  const commandId = uuidv7();
  return {
    commandId,
    name: 'agenda:add-item',
    payload: {
      commandId,
      meetingId: uuidv7(),
      itemId: uuidv7(),
      parentId: null,
      title,
      presenter: '',
      plannedMinutes: 5,
    },
    createdAt: new Date().toISOString(),
  };
}

describe('SqliteClientStore', () => {
  it('starts empty', () => {
    const store = openStore();
    expect(store.loadSession()).toBeNull();
    expect(store.loadMeetings()).toEqual([]);
    expect(store.listOutbox()).toEqual([]);
  });

  it('round-trips the session, meetings and outbox, Vietnamese text included', () => {
    const store = openStore();
    const s = session();
    const m = meeting(7);
    const c = command('Thông qua báo cáo tài chính');
    store.saveSession(s);
    store.saveMeeting(m);
    store.addToOutbox(c);
    expect(store.loadSession()).toEqual(s);
    expect(store.loadMeetings()).toEqual([m]);
    expect(store.listOutbox()).toEqual([c]);

    store.saveSession(null);
    expect(store.loadSession()).toBeNull();
  });

  it('replaces a meeting as a whole, state and cursor together', () => {
    const store = openStore();
    const m = meeting(3);
    store.saveMeeting(m);
    const later: MeetingState = { ...m, seq: 4, agenda: [], meeting: { ...m.meeting, title: 'Đã đổi tên' } };
    store.saveMeeting(later);
    expect(store.loadMeetings()).toEqual([later]);
    store.deleteMeeting(m.meeting.id);
    expect(store.loadMeetings()).toEqual([]);
  });

  it('keeps the outbox in insertion order and ignores a duplicate command id', () => {
    const store = openStore();
    const [a, b, c] = [command('một'), command('hai'), command('ba')];
    store.addToOutbox(a);
    store.addToOutbox(b);
    store.addToOutbox({ ...a, payload: { ...a.payload, title: 'changed' } });
    store.addToOutbox(c);
    expect(store.listOutbox()).toEqual([a, b, c]);

    store.removeFromOutbox(a.commandId);
    store.addToOutbox(a); // made again after delivery: it goes to the end, as in memory
    expect(store.listOutbox().map((e) => e.commandId)).toEqual([b.commandId, c.commandId, a.commandId]);
  });

  it('revises a queued command in its place, and keeps the revision across a reopen', () => {
    const store = openStore();
    const [a, b] = [command('một'), command('hai')];
    store.addToOutbox(a);
    store.addToOutbox(b);
    store.reviseOutbox(a.commandId, { ...a.payload, title: 'một (sửa)' });
    expect(
      openStore()
        .listOutbox()
        .map((e) => [e.commandId, e.payload.title]),
    ).toEqual([
      [a.commandId, 'một (sửa)'],
      [b.commandId, 'hai'],
    ]);
  });

  it('clear forgets everything', () => {
    const store = openStore();
    store.saveSession(session());
    store.saveMeeting(meeting(1));
    store.addToOutbox(command('x'));
    store.clear();
    expect(store.loadSession()).toBeNull();
    expect(store.loadMeetings()).toEqual([]);
    expect(store.listOutbox()).toEqual([]);
  });

  it('clear leaves nothing readable in the file or its log', () => {
    const store = openStore();
    const secret = 'Nghị quyết mật số 42';
    store.saveSession({ ...session(), token: 'token-that-must-go' });
    store.saveMeeting(meeting(1, secret));
    store.addToOutbox(command(secret));
    store.clear();
    store.close();
    const bytes = cache.fileBytes();
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    expect(bytes.includes(Buffer.from('token-that-must-go'))).toBe(false);
  });

  it('reopens from the file with everything in place', () => {
    const first = openStore();
    const s = session();
    const m = meeting(12);
    const entries = [command('một'), command('hai')];
    first.saveSession(s);
    first.saveMeeting(m);
    for (const e of entries) first.addToOutbox(e);
    first.close();

    const second = openStore();
    expect(second.loadSession()).toEqual(s);
    expect(second.loadMeetings()).toEqual([m]);
    expect(second.listOutbox()).toEqual(entries);
  });

  it('keeps the file in WAL mode', () => {
    openStore().close();
    const db = new Database(cache.file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('drops a meeting row that no longer reads instead of failing', () => {
    const store = openStore();
    const good = meeting(2);
    store.saveMeeting(good);
    store.close();
    const db = new Database(cache.file);
    db.prepare("INSERT INTO meetings (meeting_id, seq, state_json, saved_at) VALUES ('x', 1, '{oops', '')").run();
    db.close();
    const reopened = openStore();
    expect(reopened.loadMeetings()).toEqual([good]);
  });

  it('drops a meeting cached in an older shape, so the next sync starts it from a snapshot', () => {
    const store = openStore();
    const older: Record<string, unknown> = { ...meeting(9) };
    delete older['myBallots']; // a field this version's schema requires
    const id = (older['meeting'] as { id: string }).id;
    store.close();
    const db = new Database(cache.file);
    db.prepare('INSERT INTO meetings (meeting_id, seq, state_json, saved_at) VALUES (?, 9, ?, ?)').run(
      id,
      JSON.stringify(older),
      '',
    );
    db.close();
    const reopened = openStore();
    expect(reopened.loadMeetings()).toEqual([]);
    // Gone from the file too: the cursor must not outlive the state it belongs to.
    const check = new Database(cache.file);
    expect(check.prepare('SELECT COUNT(*) AS n FROM meetings').get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a file written by a newer version, and leaves it untouched', () => {
    openStore().close();
    const newer = (CACHE_MIGRATIONS.at(-1)?.version ?? 0) + 10;
    const db = new Database(cache.file);
    db.pragma(`user_version = ${newer}`);
    db.close();

    expect(() => new SqliteClientStore(cache.file)).toThrow(CacheTooNewError);
    expect(() => new SqliteClientStore(cache.file)).toThrow(/newer version of Paperless Cabinet/);
    const check = new Database(cache.file);
    expect(check.pragma('user_version', { simple: true })).toBe(newer);
    check.close();
  });
});
