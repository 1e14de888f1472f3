import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { liveCheckedChains } from '../audit/audit-reads.js';
import type { SqliteStore } from '../db/sqlite-store.js';
import type { Store } from '../db/store.js';
import { BackupGate } from './backup-gate.js';
import { startControlChannel, type ControlRequest } from './control-channel.js';
import { backupFolderBesidePostgres, backupSqliteFolder, type BackupOutcome } from './make-backup.js';

/** The daily backup (`--backup-dir`, `--backup-at`, `--backup-keep`). */
export interface BackupSchedule {
  dir: string;
  /** Local time of day, `HH:MM`. */
  at: string;
  /** How many of the daily backups in `dir` are kept (the oldest go first). */
  keep: number;
}

/** Names of the daily backups: their time sorts them. */
const DAILY = /^cabinet-\d{8}-\d{6}$/;

export interface BackupService {
  gate: BackupGate;
  backup(out: string): Promise<BackupOutcome>;
  close(): Promise<void>;
}

/**
 * What a running server does for backups: it makes them through its own connection (it holds
 * the SQLite file alone), answers `cabinet backup` and `cabinet audit verify` on its control
 * channel (SQLite only: with PostgreSQL the CLI needs no server), and makes the daily one. A
 * failed backup is logged and tried again at the next time; it never stops the server.
 */
export async function startBackupService(options: {
  store: Store;
  dataDir: string;
  log: FastifyBaseLogger;
  now: () => Date;
  schedule?: BackupSchedule | undefined;
  /** The control channel (default on; a second service on one folder, in a test, goes without). */
  controlChannel?: boolean;
}): Promise<BackupService> {
  const { store, dataDir, log, now } = options;
  const gate = new BackupGate();
  const backup = (out: string) =>
    store.dialect === 'sqlite'
      ? backupSqliteFolder((store as SqliteStore).raw, dataDir, out, gate, now())
      : backupFolderBesidePostgres(dataDir, out, now());
  const answer = async (request: ControlRequest): Promise<unknown> => {
    if (request.op === 'backup') return backup(request.out);
    return { chains: await liveCheckedChains(store) };
  };
  const channel =
    store.dialect === 'sqlite' && options.controlChannel !== false
      ? await startControlChannel(dataDir, answer).catch((err: unknown) => {
          log.warn({ err }, 'no control channel: `cabinet backup` and `cabinet audit verify` need this server stopped');
          return null;
        })
      : null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  const schedule = options.schedule;
  const planNext = () => {
    if (!schedule) return;
    timer = setTimeout(
      () => {
        running = daily();
      },
      msUntil(schedule.at, now()),
    );
    timer.unref();
  };
  const daily = async () => {
    if (!schedule) return;
    const name = `cabinet-${stamp(now())}`;
    try {
      const done = await backup(join(schedule.dir, name));
      log.info({ out: done.out, documents: done.manifest.documents }, 'daily backup made');
      if (done.manifest.openSecretVotes > 0)
        log.warn(
          { out: done.out },
          'the daily backup was made while a secret vote was open: it holds that vote unsealed',
        );
      const later = prune(schedule.dir, schedule.keep, basename(done.out));
      if (later.length > 0)
        log.warn(
          { dir: schedule.dir, later },
          'daily backups named after this one (a clock once set ahead?): they are kept as the newest; remove them if they are not',
        );
    } catch (err) {
      log.error({ err, dir: schedule.dir }, `DAILY BACKUP FAILED (${name}): it is tried again at ${schedule.at}`);
    }
    if (!closed) planNext();
  };
  planNext();
  return {
    gate,
    backup,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      // A stop waits for a backup under way (it holds the database's connection meanwhile).
      await running;
      await channel?.close();
    },
  };
}

/** Milliseconds from `now` to the next local `HH:MM` (tomorrow's when today's has passed). */
export function msUntil(at: string, now: Date): number {
  const [h = 0, m = 0] = at.split(':').map(Number);
  const next = new Date(now);
  next.setHours(h, m, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Keeps the newest `keep` daily backups of `dir`, `made` (the one just made) always among
 * them: names sort by their time, and names from the future (a clock once set ahead, or
 * folders someone else put there) would otherwise have it deleted as soon as it is made,
 * every day. Nothing else in the folder is touched. Answers the names later than `made`.
 */
export function prune(dir: string, keep: number, made: string): string[] {
  const others = readdirSync(dir)
    .filter((n) => DAILY.test(n) && n !== made)
    .sort();
  for (const name of others.slice(0, Math.max(0, others.length - (keep - 1))))
    rmSync(join(dir, name), { recursive: true, force: true });
  return others.filter((n) => n > made);
}
