import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupService } from '../../server/backup/backup-service.js';
import { startHarness, waitFor, type Harness } from '../support/server-harness.js';

/**
 * The daily backup keeps the last N by the time in their names. Names from the future (the
 * server's clock was once wrong, set to 2099 by a flat BIOS battery; or folders put there by
 * someone who may write to the backup folder) sort after every real one: the backup just
 * made must never be the one pruned, or every day's backup is deleted as soon as it is made
 * while the log says "daily backup made".
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

describe('the daily backup among names from the future', { timeout: 60_000 }, () => {
  it('keeps the backup it has just made', async () => {
    const dir = `${h.dataDir}-daily-future`;
    for (const name of ['cabinet-20991231-235958', 'cabinet-20991231-235959']) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'backup.json'), '{}');
    }
    const made: string[] = [];
    const log = {
      info: (o: { out?: string }, text?: string) => {
        if (text === 'daily backup made' && o.out) made.push(o.out);
      },
      warn: () => undefined,
      error: () => undefined,
    } as unknown as FastifyBaseLogger;
    let day = 0;
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
      await waitFor(() => made.length >= 1, 20_000, 'a backup made');
    } finally {
      await service.close();
    }
    try {
      expect(existsSync(join(made[0]!, 'backup.json')), readdirSync(dir).join(', ')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
