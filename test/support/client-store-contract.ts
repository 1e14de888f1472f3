import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { ClientStore, HeldBrief, MeetingState, OutboxEntry, StoredSession } from '../../shared/client/index.js';
import { NOT_STARTED_SESSION, type DocumentInfo } from '../../shared/protocol/index.js';
import { describeAnnotationStore } from './annotation-store-contract.js';

export function session(): StoredSession {
  return {
    serverUrl: 'http://192.168.1.10:8080',
    token: 'tok-1',
    user: { id: uuidv7(), username: 'daibieu1', displayName: 'Đại biểu Một', isAdmin: false, canCreateMeetings: false },
  };
}

export function meeting(seq: number, title = 'Họp Hội đồng quản trị quý IV'): MeetingState {
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

export function command(title: string): OutboxEntry {
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

/** A paper as the server lists it (valid for DocumentInfoSchema: the persistent stores re-check it). */
export function paper(meetingId: string, title: string): DocumentInfo {
  return {
    id: uuidv7(),
    meetingId,
    agendaItemId: null,
    title,
    version: 1,
    sha256: 'a'.repeat(64),
    size: 1200,
    pages: 2,
    textlessPages: [],
    visibleTo: null,
    createdAt: '2025-11-20T08:00:00+07:00',
    versionAt: '2025-11-20T08:00:00+07:00',
    versionBy: { id: uuidv7(), displayName: 'Thư ký' },
    revision: 1,
  };
}

export function heldBrief(meetingId: string): HeldBrief {
  return {
    meetingId,
    fetchedAt: '2025-12-01T07:00:00.000Z',
    brief: { meetingId, label: 'automatic-extracts', sections: [] },
  };
}

/**
 * How a store is opened for the contract. `reopen` stands for the app after a restart (the
 * previous store written out and closed, a new one on the same data); a store that keeps
 * nothing across a restart (memory) has none.
 */
export interface StoreHarness {
  open(): ClientStore | Promise<ClientStore>;
  reopen?: (previous: ClientStore) => Promise<ClientStore>;
}

/**
 * What every ClientStore must do, run against each one (memory, the desktop's SQLite, the
 * browser's IndexedDB): the client core behaves the same on every device.
 */
export function describeClientStore(name: string, harness: StoreHarness): void {
  const open = async () => harness.open();

  describe(`${name}: the store contract`, () => {
    it('starts empty', async () => {
      const store = await open();
      expect(store.loadSession()).toBeNull();
      expect(store.loadMeetings()).toEqual([]);
      expect(store.listOutbox()).toEqual([]);
      expect(store.loadBriefs()).toEqual([]);
      expect(store.loadDocumentLists()).toEqual([]);
      expect(store.listBallotKeyVotes()).toEqual([]);
    });

    it('round-trips the session, meetings and outbox, Vietnamese text included', async () => {
      const store = await open();
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

    it('replaces a meeting as a whole, state and cursor together; deleting it takes its brief', async () => {
      const store = await open();
      const m = meeting(3);
      store.saveMeeting(m);
      store.saveBrief(heldBrief(m.meeting.id));
      const later: MeetingState = { ...m, seq: 4, agenda: [], meeting: { ...m.meeting, title: 'Đã đổi tên' } };
      store.saveMeeting(later);
      expect(store.loadMeetings()).toEqual([later]);
      expect(store.loadBriefs()).toEqual([heldBrief(m.meeting.id)]);
      store.deleteMeeting(m.meeting.id);
      expect(store.loadMeetings()).toEqual([]);
      expect(store.loadBriefs()).toEqual([]);
    });

    it('keeps the outbox in insertion order and ignores a duplicate command id', async () => {
      const store = await open();
      const [a, b, c] = [command('một'), command('hai'), command('ba')];
      store.addToOutbox(a);
      store.addToOutbox(b);
      store.addToOutbox({ ...a, payload: { ...a.payload, title: 'changed' } });
      store.addToOutbox(c);
      expect(store.listOutbox()).toEqual([a, b, c]);
      store.removeFromOutbox(a.commandId);
      store.addToOutbox(a); // made again after delivery: it goes to the end
      expect(store.listOutbox().map((e) => e.commandId)).toEqual([b.commandId, c.commandId, a.commandId]);
    });

    it('revises a queued command in its place', async () => {
      const store = await open();
      const [a, b] = [command('một'), command('hai')];
      store.addToOutbox(a);
      store.addToOutbox(b);
      store.reviseOutbox(a.commandId, { ...a.payload, title: 'một (sửa)' });
      expect(store.listOutbox().map((e) => [e.commandId, e.payload['title']])).toEqual([
        [a.commandId, 'một (sửa)'],
        [b.commandId, 'hai'],
      ]);
    });

    it('keeps ballot keys per user and vote, lists their votes, and forgets them', async () => {
      const store = await open();
      const [me, other, vote1, vote2] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      store.saveBallotKey(me, vote1, 'k1');
      store.saveBallotKey(me, vote2, 'k2');
      expect(store.loadBallotKey(me, vote1)).toBe('k1');
      expect(store.loadBallotKey(other, vote1)).toBeNull();
      expect([...store.listBallotKeyVotes()].sort()).toEqual([vote1, vote2].sort());
      store.forgetBallotKeys([vote1]);
      expect(store.loadBallotKey(me, vote1)).toBeNull();
      expect(store.listBallotKeyVotes()).toEqual([vote2]);
    });

    it("keeps each meeting's list of papers, replaced as a whole", async () => {
      const store = await open();
      const m = uuidv7();
      const [a, b] = [paper(m, 'Báo cáo ngân sách'), paper(m, 'Tờ trình nhân sự')];
      store.saveDocumentList(m, [a, b]);
      store.saveDocumentList(m, [a]);
      expect(store.loadDocumentLists()).toEqual([{ meetingId: m, documents: [a] }]);
      store.deleteDocumentList(m);
      expect(store.loadDocumentLists()).toEqual([]);
    });

    it('clear forgets everything but the device id', async () => {
      const store = await open();
      const m = meeting(1);
      store.saveDeviceId('device-1');
      store.saveSession(session());
      store.saveMeeting(m);
      store.saveBrief(heldBrief(m.meeting.id));
      store.addToOutbox(command('x'));
      store.saveBallotKey(uuidv7(), uuidv7(), 'k');
      store.saveDocumentList(m.meeting.id, [paper(m.meeting.id, 'x')]);
      store.clear();
      expect(store.loadSession()).toBeNull();
      expect(store.loadMeetings()).toEqual([]);
      expect(store.loadBriefs()).toEqual([]);
      expect(store.listOutbox()).toEqual([]);
      expect(store.listBallotKeyVotes()).toEqual([]);
      expect(store.loadDocumentLists()).toEqual([]);
      expect(store.loadDeviceId()).toBe('device-1');
    });

    const reopen = harness.reopen;
    if (reopen) {
      it('reopens after a restart with everything in place, in order, revisions included', async () => {
        const first = await open();
        const s = session();
        const m = meeting(12);
        const [a, b, c] = [command('một'), command('hai'), command('ba')];
        const [vote, userId] = [uuidv7(), s.user.id];
        first.saveDeviceId('device-2');
        first.saveSession(s);
        first.saveMeeting(m);
        first.saveBrief(heldBrief(m.meeting.id));
        for (const e of [a, b, c]) first.addToOutbox(e);
        first.removeFromOutbox(a.commandId);
        first.addToOutbox(a);
        first.reviseOutbox(b.commandId, { ...b.payload, title: 'hai (sửa)' });
        first.saveBallotKey(userId, vote, 'key-of-vote');
        const list = [paper(m.meeting.id, 'Báo cáo')];
        first.saveDocumentList(m.meeting.id, list);

        const second = await reopen(first);
        expect(second.loadDeviceId()).toBe('device-2');
        expect(second.loadSession()).toEqual(s);
        expect(second.loadMeetings()).toEqual([m]);
        expect(second.loadBriefs()).toEqual([heldBrief(m.meeting.id)]);
        expect(second.listOutbox().map((e) => [e.commandId, e.payload['title']])).toEqual([
          [b.commandId, 'hai (sửa)'],
          [c.commandId, 'ba'],
          [a.commandId, 'một'],
        ]);
        expect(second.loadBallotKey(userId, vote)).toBe('key-of-vote');
        expect(second.loadDocumentLists()).toEqual([{ meetingId: m.meeting.id, documents: list }]);

        // Commands made after the restart still go after those made before it.
        const d = command('bốn');
        second.addToOutbox(d);
        const third = await reopen(second);
        expect(third.listOutbox().map((e) => e.commandId)).toEqual([b, c, a, d].map((e) => e.commandId));
      });

      it('a cleared store reopens empty but for the device id', async () => {
        const first = await open();
        first.saveDeviceId('device-3');
        first.saveSession(session());
        first.saveMeeting(meeting(2));
        first.addToOutbox(command('x'));
        first.saveBallotKey(uuidv7(), uuidv7(), 'k');
        first.clear();
        const second = await reopen(first);
        expect(second.loadSession()).toBeNull();
        expect(second.loadMeetings()).toEqual([]);
        expect(second.listOutbox()).toEqual([]);
        expect(second.listBallotKeyVotes()).toEqual([]);
        expect(second.loadDeviceId()).toBe('device-3');
      });

      it("reopens with each user's annotations and cursors", async () => {
        const { annotation } = await import('./annotation-store-contract.js');
        const first = await open();
        const [me, other] = [uuidv7(), uuidv7()];
        const mine = annotation({ rev: 4 });
        const shared = annotation({ shared: true, rev: 2 });
        const gone = annotation({ rev: 1 });
        first.saveAnnotations(me, [mine, shared, gone]);
        first.saveAnnotations(other, [shared]);
        first.forgetAnnotations(me, [gone.id]);
        first.saveAnnotationCursor(me, 4);
        const second = await reopen(first);
        const sorted = (list: ReturnType<ClientStore['loadAnnotations']>) =>
          [...list].sort((x, y) => x.id.localeCompare(y.id));
        expect(sorted(second.loadAnnotations(me))).toEqual(sorted([mine, shared]));
        expect(second.loadAnnotations(other)).toEqual([shared]);
        expect(second.loadAnnotationCursor(me)).toBe(4);
      });
    }
  });

  describeAnnotationStore(name, harness.open);
}
