import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_AUTHOR, annotation, byId, tombstone } from '../../test/support/annotation-store-contract.js';
import { cacheEachTest } from '../../test/support/cache-each-test.js';
import { migrate } from './migrate.js';
import { CACHE_MIGRATIONS } from './migrations/index.js';

const cache = cacheEachTest();
const { openStore, fileBytes } = cache;

describe('SqliteClientStore: annotations on disk', () => {
  const me = ANNOTATION_AUTHOR.id;

  it('keeps them, tombstones and cursor across a restart (a new store on the same file)', () => {
    const first = openStore();
    const note = annotation({
      kind: 'note',
      geometry: { shape: 'box', rect: [100, 500, 260, 560], fontSize: 12 },
      text: 'Đề nghị bổ sung phụ lục 3',
      quote: '',
    });
    const ink = annotation({
      kind: 'ink',
      geometry: { shape: 'strokes', strokes: [[10, 10, 20.5, 30.25, 40, 45]], thickness: 2 },
      carriedFrom: uuidv7(),
      rev: 4,
    });
    const gone = tombstone(annotation(), 6);
    first.saveAnnotations(me, [note, ink, gone]);
    first.saveAnnotationCursor(me, 6);
    first.close();

    const second = openStore();
    expect(byId(second.loadAnnotations(me))).toEqual(byId([note, ink, gone]));
    expect(second.loadAnnotationCursor(me)).toBe(6);
    // The higher-rev rule holds against what the earlier process wrote.
    second.saveAnnotations(me, [{ ...ink, rev: 3, page: 9 }]);
    expect(byId(second.loadAnnotations(me))).toEqual(byId([note, ink, gone]));
  });

  it('drops a row that does not read, or whose columns disagree with its record, and syncs again from 0', () => {
    const store = openStore();
    const good = annotation();
    store.saveAnnotations(me, [good]);
    store.saveAnnotationCursor(me, 8);
    const someoneElse = uuidv7();
    store.saveAnnotationCursor(someoneElse, 5);
    store.close();
    const db = new Database(cache.file);
    const add = db.prepare(
      'INSERT INTO annotations (user_id, id, document_id, rev, record_json) VALUES (?, ?, ?, ?, ?)',
    );
    const wrongShape = annotation({ color: 'yellow' });
    const elsewhere = annotation();
    add.run(me, uuidv7(), uuidv7(), 1, '{oops');
    add.run(me, wrongShape.id, wrongShape.documentId, 1, JSON.stringify(wrongShape));
    // Filed under another document: deleteAnnotationsOf would miss it.
    add.run(me, elsewhere.id, uuidv7(), 1, JSON.stringify(elsewhere));
    db.close();

    const reopened = openStore();
    expect(reopened.loadAnnotationCursor(me)).toBe(8);
    expect(reopened.loadAnnotations(me)).toEqual([good]);
    expect(reopened.loadAnnotationCursor(me)).toBe(0);
    expect(reopened.loadAnnotationCursor(someoneElse)).toBe(5);
    const check = new Database(cache.file);
    expect(check.prepare('SELECT id FROM annotations').all()).toEqual([{ id: good.id }]);
    check.close();
  });

  it('a batch is one transaction: a failing record leaves none of it', () => {
    const store = openStore();
    const kept = annotation();
    store.saveAnnotations(me, [kept]);
    // A rev SQLite's STRICT table refuses (not an integer) makes the second insert fail.
    const broken = annotation({ rev: 1.5 });
    expect(() => store.saveAnnotations(me, [annotation(), broken])).toThrow();
    expect(store.loadAnnotations(me)).toEqual([kept]);
  });

  it('clear and deleteAnnotationsOf leave no text of them in the file or its log', () => {
    const store = openStore();
    const recalledText = 'Ghi chú về tài liệu bị thu hồi 7731';
    const clearedText = 'Ghi chú mật trước khi đăng xuất 5519';
    const recalled = annotation({ text: recalledText });
    store.saveAnnotations(me, [recalled, annotation({ text: clearedText })]);
    expect(fileBytes().includes(Buffer.from(recalledText))).toBe(true);

    store.deleteAnnotationsOf(me, [recalled.documentId]);
    expect(fileBytes().includes(Buffer.from(recalledText))).toBe(false);
    expect(fileBytes().includes(Buffer.from(clearedText))).toBe(true);

    store.clear();
    store.close();
    expect(fileBytes().includes(Buffer.from(clearedText))).toBe(false);
  });

  it('opens a cache written at version 40 with what it held, and then keeps annotations', () => {
    // Written by SQL: this version's store prepares statements for tables a 40 file lacks.
    const old = new Database(cache.file);
    migrate(old, CACHE_MIGRATIONS.slice(0, 4));
    const user = {
      id: me,
      username: 'daibieu1',
      displayName: 'Đại biểu Một',
      isAdmin: false,
      canCreateMeetings: false,
    };
    old
      .prepare("INSERT INTO session (id, server_url, token, user_json) VALUES (1, 'http://s:8080', 'tok-40', ?)")
      .run(JSON.stringify(user));
    old.prepare("INSERT INTO ballot_keys (vote_id, user_id, key) VALUES ('v1', ?, 'ballot-key')").run(me);
    old.exec(`INSERT INTO outbox (command_id, name, payload_json, created_at)
      VALUES ('c1', 'agenda:add-item', '{"title":"Mục mới"}', '2025-12-01T08:00:00+07:00')`);
    old.close();

    const upgraded = openStore();
    expect(upgraded.loadSession()).toEqual({ serverUrl: 'http://s:8080', token: 'tok-40', user });
    expect(upgraded.loadBallotKey(me, 'v1')).toBe('ballot-key');
    expect(upgraded.listOutbox().map((e) => [e.commandId, e.payload.title])).toEqual([['c1', 'Mục mới']]);
    const mark = annotation();
    upgraded.saveAnnotations(me, [mark]);
    expect(upgraded.loadAnnotations(me)).toEqual([mark]);
  });
});
