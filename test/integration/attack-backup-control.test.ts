import BetterSqlite3 from 'better-sqlite3';
import { chmodSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlSocketPath } from '../../server/backup/control-channel.js';
import { backupSqliteFolder } from '../../server/backup/make-backup.js';
import { restoreBackup } from '../../server/backup/restore-backup.js';
import { openUnheld } from '../../server/backup/sqlite-snapshot.js';
import { auditVerifyCommand } from '../../server/cli/audit-command.js';
import { backupCommand } from '../../server/cli/backup-command.js';
import { DATABASE_FILE } from '../../server/db/open-store.js';
import { CA_CERTIFICATE_FILE, CA_DIR } from '../../server/pki/meeting-ca.js';
import { startHarness, type Harness } from '../support/server-harness.js';

/**
 * Attacks on the backup's local paths (SQLite only: the control channel serves SQLite): a
 * socket planted at `<data>.control.sock` by someone else while the server is stopped (a
 * parent folder others may write to), answering `cabinet audit verify` "all intact" over a
 * tampered log, or `cabinet backup` "written" with nothing written; and a hostile backup
 * whose extras are symlinks to files of the restoring user (the CA key file).
 */
let h: Harness;
const planted: Server[] = [];

beforeAll(async () => {
  h = await startHarness();
  await h.login('thuky');
  if (!h.databaseUrl) await h.stop();
});
afterAll(async () => {
  for (const s of planted) await new Promise<void>((done) => s.close(() => done()));
  if (h && !h.databaseUrl) await h.start();
  await h?.cleanup();
});

/** A socket at `path` that answers every request with `answer`, then made `mode`. */
async function plantSocket(path: string, answer: unknown, mode: number): Promise<void> {
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    socket.once('data', () => socket.end(`${JSON.stringify(answer)}\n`));
  });
  await new Promise<void>((done) => server.listen(path, done));
  chmodSync(path, mode);
  planted.push(server);
}

async function closePlanted(): Promise<void> {
  for (const s of planted.splice(0)) await new Promise<void>((done) => s.close(() => done()));
}

/** One row's detail changed behind the server's back; answers how to put it back. */
function tamperAuditRow(): () => void {
  const raw = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  const row = raw.prepare('SELECT id, detail FROM audit_log ORDER BY id LIMIT 1').get() as {
    id: number;
    detail: string;
  };
  raw.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run('{"forged":true}', row.id);
  raw.close();
  return () => {
    const again = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
    again.prepare('UPDATE audit_log SET detail = ? WHERE id = ?').run(row.detail, row.id);
    again.close();
  };
}

/** `cabinet audit verify` neither says "intact" nor believes the planted socket. */
async function expectNotTakenForTheServer(): Promise<void> {
  const lines: string[] = [];
  const code = await auditVerifyCommand({ dataDir: h.dataDir }, (l) => lines.push(l)).catch(
    (e: Error) => `refused: ${e.message}`,
  );
  expect(lines.join('\n')).not.toContain('Checked by the running server');
  expect(code).not.toBe(0);
}

describe('the control socket as the CLI trusts it', { timeout: 60_000 }, () => {
  it('does not take a world-connectable socket for the server: a tampered log is not answered "intact"', async () => {
    if (h.databaseUrl) return; // The control channel and the folder's database: SQLite.
    const undo = tamperAuditRow();
    const fake = { ok: true, data: { chains: [] } };
    await plantSocket(controlSocketPath(h.dataDir), fake, 0o666);
    try {
      await expectNotTakenForTheServer();
    } finally {
      await closePlanted();
      undo();
    }
  });

  it('does not follow a symlink planted at the socket path', async () => {
    if (h.databaseUrl) return; // The control channel and the folder's database: SQLite.
    const elsewhere = `${h.dataDir}.elsewhere.sock`;
    await plantSocket(elsewhere, { ok: true, data: { chains: [] } }, 0o600);
    symlinkSync(elsewhere, controlSocketPath(h.dataDir));
    try {
      await expectNotTakenForTheServer();
    } finally {
      rmSync(controlSocketPath(h.dataDir), { force: true });
      await closePlanted();
    }
  });

  it('does not report a backup "written" that a planted socket made up', async () => {
    if (h.databaseUrl) return; // The control channel and the folder's database: SQLite.
    const out = `${h.dataDir}-fake-backup`;
    const made = {
      out,
      manifest: { engine: 'sqlite', documents: { count: 0, bytes: 0 }, audit: null, openSecretVotes: 0 },
      brokenChains: [],
    };
    await plantSocket(controlSocketPath(h.dataDir), { ok: true, data: made }, 0o666);
    const lines: string[] = [];
    try {
      await backupCommand({ out, dataDir: h.dataDir }, (l) => lines.push(l)).catch(() => 1);
      expect(lines.join('\n')).not.toContain('Made by the running server');
    } finally {
      rmSync(out, { recursive: true, force: true });
      await closePlanted();
    }
  });
});

describe('a hostile backup restored', { timeout: 60_000 }, () => {
  it('does not copy what a symlink among its extras points at (the CA key file) into the data folder', async () => {
    if (h.databaseUrl) return; // The control channel and the folder's database: SQLite.
    const out = `${h.dataDir}-hostile-backup`;
    const restored = `${h.dataDir}-restored`;
    const raw = openUnheld(join(h.dataDir, DATABASE_FILE));
    try {
      await backupSqliteFolder(raw, h.dataDir, out, null, new Date());
    } finally {
      raw.close();
    }
    const keyFile = `${h.dataDir}.ca-key`;
    expect(existsSync(keyFile)).toBe(true);
    const cert = join(out, CA_DIR, CA_CERTIFICATE_FILE);
    rmSync(cert);
    symlinkSync(keyFile, cert);
    try {
      await restoreBackup(out, restored).catch(() => null);
      const copied = join(restored, CA_DIR, CA_CERTIFICATE_FILE);
      if (existsSync(copied)) expect(readFileSync(copied)).not.toEqual(readFileSync(keyFile));
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(restored, { recursive: true, force: true });
    }
  });
});
