import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { command, describeClientStore, meeting, session } from '../../test/support/client-store-contract.js';
import { CacheTooNewError } from './migrate.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';
import { SqliteClientStore } from './sqlite-client-store.js';
import { cacheEachTest } from '../../test/support/cache-each-test.js';

const cache = cacheEachTest();
const { openStore } = cache;

describeClientStore('SqliteClientStore', {
  open: () => openStore(),
  // The app after a restart: a new store on the same file.
  reopen: async () => openStore(),
});

describe('SqliteClientStore: on disk', () => {
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
