import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import type { DocumentInfo, SyncResult } from '../../shared/protocol/index.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { cabinet } from '../support/cabinet-cli.js';
import { getContent, listDocuments, mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { createDatabase, dropDatabase, engineDatabase } from '../support/postgres.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import { ask, syncAll, type TestSocket } from '../support/server-harness.js';
import { agendaItem, joinMeeting, must, yesNoVote } from '../support/vote-fixtures.js';

/**
 * `cabinet backup` of a server process that is handling commands (agenda items added and
 * documents uploaded in a loop meanwhile), `cabinet restore` into an empty folder, and a
 * server started on it: the same meetings, change log, documents (by their bytes) and
 * published results as at the moment of the copy, nothing half-written. With PostgreSQL the
 * CLI copies the folder beside the database, and the database goes through the README's
 * pg_dump / pg_restore procedure.
 */
const run = promisify(execFile);
const sockets: TestSocket[] = [];
let root: string;
let database: { url: string | undefined; drop(): Promise<void> };
let original: ServerProcess;
let restoredDb: { name: string; url: string } | null = null;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cabinet-backup-'));
  database = await engineDatabase();
  original = new ServerProcess(join(root, 'data'), await freePort(), database.url);
  await original.start();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await original?.kill();
  await database?.drop();
  if (restoredDb) await dropDatabase(restoredDb.name);
  rmSync(root, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface StoredChange {
  meeting_id: string;
  seq: number;
  type: string;
  data: string;
}

describe('backup and restore of a running server', () => {
  it(
    'copies a consistent state while commands run, and restores it into an empty folder only',
    { timeout: 240_000 },
    async () => {
      const server = access(original, sockets);
      const secretary = await joinMeeting(server, 'thuky');
      const chair = await joinMeeting(server, 'chutoa');
      const meetingId = secretary.meeting.id;
      const pdf = await makePdf({ pages: ['Tờ trình về dự toán ngân sách năm 2027'] });
      await mustUpload(original.url, (await server.login('thuky')).token, meetingId, pdf, { title: 'Tờ trình' });
      // A published result: the chair votes alone in a named vote.
      const vote = yesNoVote();
      await must(chair.socket, 'attendance:check-in', { meetingId, userId: chair.userId });
      await must(chair.socket, 'vote:create', { meetingId, ...vote });
      await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
      await must(chair.socket, 'vote:cast', {
        meetingId,
        voteId: vote.voteId,
        ballotKey: makeBallotKey(),
        choices: ['yes'],
      });
      await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
      await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
      const before = await ask<SyncResult>(chair.socket, 'session:sync', { cursors: {} });
      if (!before.ok) throw new Error(before.error.code);
      const beforeUpdate = before.data.updates.find((u) => u.meetingId === meetingId);
      const publishedResult =
        beforeUpdate?.kind === 'snapshot'
          ? beforeUpdate.snapshot.votes.find((v) => v.id === vote.voteId)?.result
          : null;
      expect(publishedResult).toBeTruthy();

      // Commands and uploads in a loop while the backup runs.
      let busy = true;
      let added = 0;
      const token = (await server.login('thuky')).token;
      const agendaLoop = (async () => {
        while (busy) {
          await must(secretary.socket, 'agenda:add-item', agendaItem(meetingId, `Mục thêm ${added}`));
          added++;
        }
      })();
      const uploadLoop = (async () => {
        for (let i = 0; busy; i++)
          await mustUpload(original.url, token, meetingId, await makePdf({ pages: [`Phụ lục số ${i}`] }), {
            title: `Phụ lục ${i}`,
          });
      })();
      while (added < 5) await new Promise((r) => setTimeout(r, 20));
      const out = join(root, 'backup');
      const backupArgs = ['backup', out, '--data', original.dataDir];
      const made = await cabinet(database.url ? [...backupArgs, '--database', database.url] : backupArgs);
      const addedDuringBackup = added;
      busy = false;
      await Promise.all([agendaLoop, uploadLoop]);
      expect(made.code, made.err).toBe(0);
      expect(made.out).toContain('CA key file');
      expect(addedDuringBackup).toBeGreaterThan(5);
      expect(JSON.parse(readFileSync(join(out, 'backup.json'), 'utf8'))).toMatchObject({
        engine: database.url ? 'postgres' : 'sqlite',
      });
      // Never the CA key file, which sits beside the data folder.
      expect(() => readFileSync(join(out, 'data.ca-key'))).toThrow();

      let restoreDatabase: string | undefined;
      if (database.url) {
        expect(made.out).toContain('pg_dump');
        // README, "Backups": pg_dump in the custom format, pg_restore into an empty database.
        const dump = join(root, 'cabinet.dump');
        await run('pg_dump', ['--format=custom', `--file=${dump}`, database.url]);
        restoredDb = await createDatabase();
        await run('pg_restore', ['--no-owner', `--dbname=${restoredDb.url}`, dump]);
        restoreDatabase = restoredDb.url;
      } else {
        expect(made.out).toContain('Made by the running server');
      }

      // A folder that holds anything is refused, and left as it was.
      const busyFolder = join(root, 'busy');
      mkdirSync(busyFolder);
      writeFileSync(join(busyFolder, 'keep.txt'), 'giữ nguyên');
      const refused = await cabinet(['restore', out, '--data', busyFolder]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('not empty');
      expect(readFileSync(join(busyFolder, 'keep.txt'), 'utf8')).toBe('giữ nguyên');

      const target = join(root, 'restored');
      const restored = await cabinet(['restore', out, '--data', target]);
      expect(restored.code, restored.err).toBe(0);
      // The office copies the CA key file, kept apart from the backups, beside the new folder.
      copyFileSync(`${original.dataDir}.ca-key`, `${target}.ca-key`);

      // What the copy holds is exactly the original's change log up to some point: no half-written command.
      const copied = await changesOf(target, restoreDatabase);
      await original.kill();
      const all = await changesOf(original.dataDir, database.url);
      const upTo = new Map<string, number>();
      for (const c of copied) upTo.set(c.meeting_id, Math.max(upTo.get(c.meeting_id) ?? 0, c.seq));
      expect(copied).toEqual(all.filter((c) => c.seq <= (upTo.get(c.meeting_id) ?? 0)));
      expect(copied.filter((c) => c.type === 'agenda:item-added').length).toBeGreaterThanOrEqual(5);

      const again = new ServerProcess(target, await freePort(), restoreDatabase);
      await again.start();
      try {
        const view = access(again, sockets);
        const admin = await view.connect('admin');
        const seen = await syncAll(admin.socket);
        expect(seen.meetings.map((m) => m.id)).toContain(meetingId);
        const docs = await listDocuments(again.url, admin.login.token, meetingId);
        expect(docs.status).toBe(200);
        expect(docs.documents.find((d) => d.title === 'Tờ trình')).toBeTruthy();
        for (const d of docs.documents as DocumentInfo[]) {
          const content = await getContent(again.url, admin.login.token, d.id);
          expect(content.status).toBe(200);
          expect(sha(content.bytes)).toBe(d.sha256);
        }
        expect(docs.documents.find((d) => d.title === 'Tờ trình')?.sha256).toBe(sha(pdf));
        const snapshot = await ask<SyncResult>(admin.socket, 'session:sync', { cursors: {} });
        if (!snapshot.ok) throw new Error(snapshot.error.code);
        const update = snapshot.data.updates.find((u) => u.meetingId === meetingId);
        const votes = update?.kind === 'snapshot' ? update.snapshot.votes : [];
        expect(votes.find((v) => v.id === vote.voteId)).toMatchObject({ status: 'published', result: publishedResult });
        const verified = await cabinet(
          restoreDatabase
            ? ['audit', 'verify', '--data', target, '--database', restoreDatabase]
            : ['audit', 'verify', '--data', target],
        );
        expect(verified.code, verified.out).toBe(0);
      } finally {
        await again.kill();
      }
    },
  );
});

async function changesOf(dataDir: string, url: string | undefined): Promise<StoredChange[]> {
  if (url) {
    const { adminQuery } = await import('../support/postgres.js');
    return adminQuery<StoredChange>(
      'SELECT meeting_id, seq, type, data FROM meeting_changes ORDER BY meeting_id, seq',
      [],
      url,
    );
  }
  const raw = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  try {
    return raw
      .prepare('SELECT meeting_id, seq, type, data FROM meeting_changes ORDER BY meeting_id, seq')
      .all() as StoredChange[];
  } finally {
    raw.close();
  }
}
