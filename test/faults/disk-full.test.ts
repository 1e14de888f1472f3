import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/audit/audit-log.js';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { removeDataFolder } from '../support/data-folder.js';
import { ask, health } from '../support/server-harness.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import { processServer, readStored, type Cleanups } from '../support/process-server.js';

/**
 * The room's small PC runs out of disk in the middle of a meeting (a full log partition, a
 * copy of recordings). The server's data folder is a tmpfs of a few MiB, filled by a file
 * beside the database while the secretary's commands flow. SQLite only: PostgreSQL's disk is
 * the database server's, not the meeting server's.
 */
const SIZE_MIB = 16;
let base = '';
let dataDir = '';
let mounted = false;
const cleanups: Cleanups = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cabinet-fault-disk-'));
  dataDir = join(base, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_MIB}m,mode=0700`, 'tmpfs', dataDir], {
    encoding: 'utf8',
  });
  if (mount.status !== 0) {
    throw new Error(
      `This test needs to mount a ${SIZE_MIB} MiB tmpfs as the server's data folder, and this machine refused ` +
        `(mount exit ${mount.status ?? mount.signal}: ${(mount.stderr || mount.error?.message || '').trim()}). ` +
        'Run the fault tests as root, or in a container with CAP_SYS_ADMIN, where `mount -t tmpfs` works.',
    );
  }
  mounted = true;
});

afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (mounted) {
    const umount = spawnSync('umount', [dataDir], { encoding: 'utf8' });
    if (umount.status !== 0) throw new Error(`umount ${dataDir}: ${umount.stderr}`);
  }
  if (base) {
    removeDataFolder(dataDir);
    rmSync(base, { recursive: true, force: true });
  }
});

/** Writes zeros into `file` until the file system refuses (ENOSPC); its size in bytes. */
function fillDisk(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const chunk of [1024 * 1024, 64 * 1024, 4096, 512, 1]) {
      const zeros = Buffer.alloc(chunk);
      for (;;) {
        try {
          written += writeSync(fd, zeros);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

const TITLE = 'Báo cáo tình hình kinh tế - xã hội sáu tháng đầu năm và nhiệm vụ trọng tâm sáu tháng cuối năm. '.repeat(
  5,
);

describe('the disk fills up during a meeting', () => {
  it(
    'refuses commands with STORAGE_FULL, loses nothing acknowledged, stays up and recovers when space returns',
    { timeout: 240_000 },
    async () => {
      const { server, h, where } = await processServer('disk', cleanups, dataDir);
      const secretary = await joinMeeting(h, 'thuky');
      const meetingId = secretary.meeting.id;

      const acked: string[] = [];
      const refused: Array<{ command: Record<string, unknown>; answer: Ack<CommandReceipt> }> = [];
      const addItem = async () => {
        const command = {
          commandId: uuidv7(),
          meetingId,
          itemId: uuidv7(),
          parentId: null,
          title: TITLE.slice(0, 500),
          presenter: 'Giám đốc Sở Kế hoạch và Đầu tư',
          plannedMinutes: 15,
        };
        const answer = await ask<CommandReceipt>(secretary.socket, 'agenda:add-item', command, 10_000);
        if (answer.ok) acked.push(command.itemId);
        else refused.push({ command, answer });
        return answer;
      };

      for (let i = 0; i < 20; i++) expect((await addItem()).ok).toBe(true);

      // The disk fills while commands keep coming, four at a time (the server commits those
      // that arrive together in one transaction); then they go on against the full disk until
      // the server has refused three rounds whole (or a bound: a full disk must show).
      const filler = join(dataDir, 'filler.bin');
      let filled = 0;
      const pump = (async () => {
        let refusedRounds = 0;
        for (let round = 0; round < 1000 && refusedRounds < 3; round++) {
          const answers = await Promise.all([addItem(), addItem(), addItem(), addItem()]);
          refusedRounds = answers.every((a) => !a.ok) ? refusedRounds + 1 : 0;
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      filled = fillDisk(filler);
      await pump;
      console.info(
        `disk full: filler ${filled} bytes; ${acked.length} acknowledged, ${refused.length} refused, codes: ` +
          JSON.stringify([...new Set(refused.map((r) => (r.answer.ok ? 'ok' : r.answer.error.code)))]),
      );
      expect(filled).toBeGreaterThan(0);
      expect(refused.length, 'commands refused once the disk was full').toBeGreaterThanOrEqual(10);
      for (const { answer } of refused) {
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'STORAGE_FULL', message: { vi: expect.any(String), en: expect.any(String) } },
        });
      }
      // The server is up through it all.
      expect(await health(server.url)).toBe(200);
      const sync = await ask(secretary.socket, 'session:sync', { cursors: {} });
      expect(sync.ok).toBe(true);

      // Space comes back: the next command goes through, and the refused ones, sent again
      // with their ids (as a tablet's outbox does), are applied.
      rmSync(filler);
      const next = await addItem();
      expect(next).toMatchObject({ ok: true });
      const retried = refused.splice(0);
      for (const { command } of retried) {
        const again = await ask<CommandReceipt>(secretary.socket, 'agenda:add-item', command, 10_000);
        expect(again).toMatchObject({ ok: true });
        acked.push(String(command.itemId));
      }

      // Killed hard and read as the next start finds it: every acknowledged item, once, and
      // the change log and audit chain whole.
      await server.kill();
      const stored = await readStored(where, async (db) => ({
        items: await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute(),
        meeting: await db.selectFrom('meetings').select('seq').where('id', '=', meetingId).executeTakeFirstOrThrow(),
        changes: await db
          .selectFrom('meeting_changes')
          .select('seq')
          .where('meeting_id', '=', meetingId)
          .orderBy('seq')
          .execute(),
        audit: await verifyAuditChain(db),
      }));
      const storedIds = new Set(stored.items.map((i) => i.id));
      const lost = acked.filter((id) => !storedIds.has(id));
      expect(lost, 'acknowledged items missing from the database').toEqual([]);
      expect(stored.changes.map((c) => c.seq)).toEqual(stored.changes.map((_, i) => i + 1));
      expect(stored.meeting.seq).toBe(stored.changes.length);
      expect(stored.audit).toBeNull();

      // And it starts again on that folder.
      await server.start();
      expect(await health(server.url)).toBe(200);
    },
  );
});
