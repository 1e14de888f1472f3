import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientStore } from '../../../shared/client/store.js';
import { command, describeClientStore, meeting, session } from '../../../test/support/client-store-contract.js';
import { IndexedDbClientStore } from './indexeddb-store.js';
import { SCRUB_PENDING } from './indexeddb-scrub.js';

// fake-indexeddb: the IndexedDB of the spec, in memory, shared by the whole file as a
// browser profile is by its tabs. Each test names its own database.
let name = '';
const opened: IndexedDbClientStore[] = [];
const open = async (options: Parameters<typeof IndexedDbClientStore.open>[0] = {}) => {
  const store = await IndexedDbClientStore.open({ name, scrubBytes: 64 * 1024, ...options });
  opened.push(store);
  return store;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The browser refuses every transaction, as it does with a full disk, until the returned undo. */
function refuseEveryTransaction(): () => void {
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function refused(): never {
    throw new DOMException('The disk is full', 'QuotaExceededError');
  };
  return () => (IDBDatabase.prototype.transaction = transaction);
}

/**
 * Wipes the store of a saved meeting while `onScrub` sees each transaction the scrub asks for
 * (on its `scratch` store), before it is made: to refuse it, or to slip another write in.
 */
async function wipeWhileScrubbing(
  store: IndexedDbClientStore,
  onScrub: (db: IDBDatabase, transaction: IDBDatabase['transaction']) => void,
): Promise<void> {
  store.saveMeeting(meeting(1, 'Họp kín'));
  await store.whenWritten();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function watched(this: IDBDatabase, ...args: unknown[]) {
    if (args[0] === 'scratch') onScrub(this, transaction);
    return transaction.apply(this, args as Parameters<typeof transaction>);
  } as typeof transaction;
  try {
    store.clear();
    await store.whenWritten();
  } finally {
    IDBDatabase.prototype.transaction = transaction;
  }
}

function freshName(): string {
  name = `cabinet-test-${uuidv7()}`;
  return name;
}

describeClientStore('IndexedDbClientStore', {
  open: () => {
    freshName();
    return open();
  },
  // The browser after a restart: the old page's writes land, it goes, a new page opens the database.
  reopen: async (previous: ClientStore) => {
    await (previous as IndexedDbClientStore).close();
    return open();
  },
});

describe('IndexedDbClientStore: in the browser', () => {
  it('drops a record written by an older version or damaged, from the database too', async () => {
    freshName();
    const good = meeting(2);
    const store = await open();
    store.saveMeeting(good);
    store.addToOutbox(command('một'));
    await store.close();

    const db = await openDB(name);
    const older: Record<string, unknown> = { ...meeting(9) };
    delete older['myBallots'];
    const olderId = (older['meeting'] as { id: string }).id;
    await db.put('meetings', older, olderId);
    await db.put('meetings', '{oops', 'x');
    await db.put('outbox', { position: 0, entry: { commandId: 'y', name: 'no:such-command', payload: {} } }, 'y');
    db.close();

    const reopened = await open();
    expect(reopened.loadMeetings()).toEqual([good]);
    expect(reopened.listOutbox().map((e) => e.payload['title'])).toEqual(['một']);
    await reopened.whenWritten();
    const check = await openDB(name);
    expect((await check.getAllKeys('meetings')).sort()).toEqual([good.meeting.id]);
    expect(await check.count('outbox')).toBe(1);
    check.close();
  });

  it('leaves no write of the person signed out to land after the wipe', async () => {
    freshName();
    const store = await open();
    const secret = 'Nghị quyết mật số 42';
    store.saveSession({ ...session(), token: 'token-that-must-go' });
    store.saveMeeting(meeting(1, secret));
    // Changes of the same turn as the sign-out: queued, never written.
    store.addToOutbox(command(secret));
    store.clear();
    await store.whenWritten();
    const db = await openDB(name);
    for (const s of ['session', 'meetings', 'outbox', 'briefs', 'ballotKeys', 'annotations'])
      expect(await db.count(s), s).toBe(0);
    db.close();
  });

  it('marks a wipe for scrubbing with the wipe, and unmarks it once the scrub is done', async () => {
    freshName();
    const store = await open();
    // The scrub's own transactions are refused: the wipe is on disk, its scrub is not done.
    await wipeWhileScrubbing(store, () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    });
    const db = await openDB(name);
    expect(await db.count('meetings')).toBe(0);
    expect(await db.get('meta', SCRUB_PENDING)).toEqual(expect.any(Number));
    db.close();
    await store.close();
    // The app opens again (the tab was closed mid-scrub): it finishes the scrub first.
    const reopened = await open();
    await reopened.whenWritten();
    const after = await openDB(name);
    expect(await after.get('meta', SCRUB_PENDING)).toBeUndefined();
    expect(await after.count('scratch')).toBe(0);
    after.close();
  });

  it('keeps the mark of an erasure committed while a scrub ran, for the scrub after', async () => {
    freshName();
    const store = await open();
    let erasedMeanwhile = false;
    // As the scrub begins writing, another tab's wipe commits with its own mark.
    await wipeWhileScrubbing(store, (db, transaction) => {
      if (erasedMeanwhile) return;
      erasedMeanwhile = true;
      transaction.call(db, 'meta', 'readwrite').objectStore('meta').put(7, SCRUB_PENDING);
    });
    expect(erasedMeanwhile).toBe(true);
    const db = await openDB(name);
    expect(await db.get('meta', SCRUB_PENDING)).toBe(7);
    db.close();
  });

  it('tells the other tabs of the browser when it is cleared', async () => {
    freshName();
    let told = 0;
    await open({ onClearedElsewhere: () => told++ });
    const store = await open();
    store.saveSession(session());
    store.clear();
    await store.whenWritten();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(told).toBe(1);
  });

  it('tells the other tabs of a wipe only once it is on disk: a tab reloading then finds nothing of the person', async () => {
    freshName();
    // The other tab reloads on the news, as a page does: what it opens is what is on disk then.
    const reloaded = new Promise<IndexedDbClientStore>((resolve) => {
      void open({ onClearedElsewhere: () => resolve(open()) });
    });
    const store = await open({ retryFirstMs: 50 });
    store.saveSession({ ...session(), token: 'token-that-must-go' });
    await store.whenWritten();
    // The wipe is refused once (a busy disk), and lands on the next try.
    const transaction = IDBDatabase.prototype.transaction;
    let refusals = 0;
    IDBDatabase.prototype.transaction = function once(this: IDBDatabase, ...args: unknown[]) {
      if (args[1] === 'readwrite' && refusals++ === 0) throw new DOMException('The disk is busy', 'QuotaExceededError');
      return (transaction as (...a: unknown[]) => IDBTransaction).apply(this, args);
    } as typeof transaction;
    try {
      store.clear();
      const tab = await reloaded;
      expect(refusals).toBeGreaterThan(0);
      expect(tab.loadSession()).toBeNull();
    } finally {
      IDBDatabase.prototype.transaction = transaction;
    }
  });

  it('writes the changes of one turn together, in the order they were made', async () => {
    freshName();
    const store = await open();
    const m = meeting(1);
    store.saveMeeting(m);
    store.saveMeeting({ ...m, seq: 2 });
    store.deleteMeeting(m.meeting.id);
    store.saveMeeting({ ...m, seq: 3 });
    const reopened = await (async () => {
      await store.close();
      return open();
    })();
    expect(reopened.loadMeetings().map((x) => x.seq)).toEqual([3]);
  });

  it('reports a value it can never store, and writes the rest of the batch around it', async () => {
    freshName();
    const errors: unknown[] = [];
    const store = await open({ onWriteError: (error) => errors.push(error) });
    // A value IndexedDB cannot clone (a function): no later try could store it.
    store.saveMeeting({ ...meeting(1), presentation: (() => 1) as never });
    store.addToOutbox(command('cùng lượt'));
    await store.whenWritten();
    expect(errors).toHaveLength(1);
    // The next write goes on.
    store.addToOutbox(command('sau lỗi'));
    await store.whenWritten();
    expect(errors).toHaveLength(1);
    const db = await openDB(name);
    expect(await db.count('outbox')).toBe(2);
    expect(await db.count('meetings')).toBe(0);
    db.close();
  });

  it('tries a refused write again (storage full for a moment) in its order: a queued ballot is not lost with it', async () => {
    freshName();
    const errors: unknown[] = [];
    let recovered = 0;
    const store = await open({
      onWriteError: (error) => errors.push(error),
      onWriteRecovered: () => recovered++,
      retryFirstMs: 5,
    });
    // The browser refuses every transaction for a while, as it does with a full disk.
    const restore = refuseEveryTransaction();
    const sent = command('đã gửi');
    const ballot = command('lá phiếu');
    try {
      store.addToOutbox(sent);
      await store.whenWritten();
      store.removeFromOutbox(sent.commandId);
      store.addToOutbox(ballot);
      await store.whenWritten();
      expect(errors.length).toBeGreaterThanOrEqual(1);
      expect((errors[0] as DOMException).name).toBe('QuotaExceededError');
      expect(recovered).toBe(0);
    } finally {
      restore();
    }
    const db = await openDB(name);
    try {
      // The next try writes all three changes in the order they were made.
      for (let wait = 0; (await db.count('outbox')) === 0 && wait < 200; wait++) await pause(10);
      expect(await db.getAllKeys('outbox')).toHaveLength(1);
      expect(JSON.stringify(await db.getAll('outbox'))).toContain(ballot.commandId);
      // The warning of the refused write can go: once, when the next try went through.
      expect(recovered).toBe(1);
    } finally {
      db.close();
    }
    const reopened = await (async () => {
      await store.close();
      return open();
    })();
    expect(reopened.listOutbox().map((e) => e.commandId)).toEqual([ballot.commandId]);
  });

  it('keeps, while the browser refuses, only the last write of each record, and lands that one', async () => {
    freshName();
    const store = await open({ retryFirstMs: 5 });
    const restore = refuseEveryTransaction();
    const ballot = command('lá phiếu');
    try {
      // A meeting saved at every change of a long sync, all refused.
      const held = meeting(1);
      for (let seq = 1; seq <= 60; seq++) {
        store.saveMeeting({ ...held, seq });
        await store.whenWritten();
      }
    } finally {
      restore();
    }
    // Sixty refusals have stretched the wait to its longest: the next change tries at once.
    const put = IDBObjectStore.prototype.put;
    let meetingPuts = 0;
    IDBObjectStore.prototype.put = function counted(this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'meetings') meetingPuts++;
      return put.apply(this, args);
    };
    try {
      store.addToOutbox(ballot);
      await store.whenWritten();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(meetingPuts).toBe(1);
    const db = await openDB(name);
    try {
      for (let wait = 0; (await db.count('outbox')) === 0 && wait < 200; wait++) await pause(10);
      const meetings = (await db.getAll('meetings')) as { seq: number }[];
      expect(meetings.map((m) => m.seq)).toEqual([60]);
      expect(JSON.stringify(await db.getAll('outbox'))).toContain(ballot.commandId);
    } finally {
      db.close();
    }
  });

  it("lets none of a signed-out person's refused writes land after the wipe, though they wait to be tried again", async () => {
    freshName();
    const store = await open({ retryFirstMs: 5, onWriteError: () => undefined });
    const restore = refuseEveryTransaction();
    const theirs = command('của người đã đăng xuất');
    const next = command('của người đăng nhập sau');
    try {
      store.saveSession({ ...session(), token: 'token-that-must-go' });
      store.addToOutbox(theirs);
      await store.whenWritten();
      // Refused, and waiting for its next try: then the person signs out and another signs in.
      store.clear();
      store.saveSession({ ...session(), token: 'token-of-the-next' });
      store.addToOutbox(next);
    } finally {
      restore();
    }
    await store.whenWritten();
    const reopened = await (async () => {
      await store.close();
      return open();
    })();
    expect(reopened.loadSession()?.token).toBe('token-of-the-next');
    expect(reopened.listOutbox().map((e) => e.commandId)).toEqual([next.commandId]);
  });

  it('keeps the same user across an expired session and reload', async () => {
    freshName();
    const store = await open();
    const s = session();
    store.saveSession({ ...s, token: '' });
    store.addToOutbox(command('ghi chú'));
    await store.close();
    const reopened = await open();
    expect(reopened.loadSession()?.user).toEqual(s.user);
    expect(reopened.listOutbox()).toHaveLength(1);
  });
});
