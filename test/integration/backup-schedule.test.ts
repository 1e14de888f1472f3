import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msUntil, startBackupService } from '../../server/backup/backup-service.js';
import { readConfig, ConfigError } from '../../server/config.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';

/**
 * The daily backup: made at its time, the last N kept; a failed one is logged as an error,
 * tried again at the next time, and never stops the server. (The clock the service reads is
 * set a moment before the backup time, each time it is read.)
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

/** What the service logs, kept to be read. */
function logLines(): { lines: Array<{ level: string; text: string }>; log: FastifyBaseLogger } {
  const lines: Array<{ level: string; text: string }> = [];
  const at = (level: string) => (_o: unknown, text?: string) => lines.push({ level, text: text ?? '' });
  const log = { info: at('info'), warn: at('warn'), error: at('error') } as unknown as FastifyBaseLogger;
  return { lines, log };
}

describe('the daily backup', { timeout: 60_000 }, () => {
  it('parses its options, and refuses a wrong time or count', () => {
    expect(readConfig(['--backup-dir', '/tmp/sao-luu'], {}).backup).toEqual({
      dir: '/tmp/sao-luu',
      at: '02:00',
      keep: 7,
    });
    expect(
      readConfig([], { CABINET_BACKUP_DIR: '/tmp/x', CABINET_BACKUP_AT: '23:30', CABINET_BACKUP_KEEP: '3' }).backup,
    ).toEqual({ dir: '/tmp/x', at: '23:30', keep: 3 });
    expect(readConfig([], {}).backup).toBeUndefined();
    expect(() => readConfig(['--backup-dir', '/tmp/x', '--backup-at', '24:00'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--backup-dir', '/tmp/x', '--backup-keep', '0'], {})).toThrow(ConfigError);
    expect(() => readConfig(['--backup-at', '01:00'], {})).toThrow(ConfigError);
    expect(msUntil('02:00', new Date(2026, 10, 30, 1, 59, 0))).toBe(60_000);
    expect(msUntil('02:00', new Date(2026, 10, 30, 2, 0, 0))).toBe(24 * 3600_000);
  });

  it('logs a failure loudly, tries again next time, and keeps the last N', { timeout: 60_000 }, async () => {
    const dir = join(h.dataDir, '..', `${h.dataDir.split('/').pop()}-daily`);
    // Not a folder: the first attempts fail.
    writeFileSync(dir, 'không phải thư mục');
    const { lines, log } = logLines();
    let day = 0;
    // Each read of the clock is 300 ms before 02:00, a day later each time: every backup has its own name.
    const now = () => new Date(2026, 10, 30 + day++, 1, 59, 59, 700);
    const service = await startBackupService({
      store: h.server.store,
      dataDir: h.dataDir,
      log,
      now,
      schedule: { dir, at: '02:00', keep: 2 },
      controlChannel: false,
    });
    try {
      await waitFor(
        () => lines.some((l) => l.level === 'error' && l.text.includes('DAILY BACKUP FAILED')),
        10_000,
        'failure logged',
      );
      // The server still answers.
      expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
      rmSync(dir);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'ghi-chu.txt'), 'không phải bản sao lưu');
      const made = () => lines.filter((l) => l.text === 'daily backup made').length;
      await waitFor(() => made() >= 3, 30_000, 'three backups made');
    } finally {
      await service.close();
    }
    // The last two kept (a backup may have ended after the count was read: at most one more pruned).
    const kept = readdirSync(dir).filter((n) => n.startsWith('cabinet-'));
    expect(kept.length).toBe(2);
    expect(existsSync(join(dir, kept[1]!, 'backup.json'))).toBe(true);
    expect(existsSync(join(dir, 'ghi-chu.txt'))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
