import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app.js';
import { defaultKeyFile } from '../../server/pki/key-encryption.js';
import { adminQuery, createDatabase, dropDatabase } from '../support/postgres.js';

/**
 * Several nodes on one PostgreSQL make one meeting CA, whichever starts first, and each
 * needs the key file of the start that made it.
 */

const dirs: string[] = [];
const servers: RunningServer[] = [];
const databases: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const name of databases.splice(0)) await dropDatabase(name);
});

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'cabinet-ca-nodes-'));
  dirs.push(root);
  return root;
}

async function node(dataDir: string, databaseUrl: string, caKeyFile?: string): Promise<RunningServer> {
  const server = await startServer({
    dataDir,
    databaseUrl,
    caKeyFile,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    seedDemo: false,
  });
  servers.push(server);
  return server;
}

describe('meeting CA on several nodes', () => {
  it('nodes starting together on an empty database, with the same key file, share one CA', async () => {
    const db = await createDatabase();
    databases.push(db.name);
    const root = folder();
    const keyFile = join(root, 'city.ca-key');
    writeFileSync(keyFile, 'phòng họp không giấy của thành phố\n', { mode: 0o600 });
    const started = await Promise.all(['a', 'b', 'c'].map((name) => node(join(root, name), db.url, keyFile)));
    const fingerprints = new Set(started.map((s) => s.caFingerprint));
    expect(fingerprints.size).toBe(1);
    expect(await adminQuery('SELECT fingerprint FROM meeting_ca', [], db.url)).toHaveLength(1);
    const pems = await Promise.all(started.map(async (s) => (await fetch(`${s.url}/api/pki/ca`)).text()));
    expect(new Set(pems).size).toBe(1);
  });

  it('of two nodes with their own new key files, one makes the CA and the other is told which file to copy', async () => {
    const db = await createDatabase();
    databases.push(db.name);
    const root = folder();
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    const results = await Promise.allSettled([node(a, db.url), node(b, db.url)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const loserDir = results[0]!.status === 'rejected' ? a : b;
    const winnerDir = loserDir === a ? b : a;
    // It found the CA made (without a key of its own), or made a key that does not open it.
    expect(String(refused[0]!.reason)).toMatch(new RegExp(`[Cc]opy that file[^]* to ${defaultKeyFile(loserDir)}`));
    // The key it made for nothing is gone; with the winner's file it starts.
    expect(existsSync(defaultKeyFile(loserDir))).toBe(false);
    const second = await node(loserDir, db.url, defaultKeyFile(winnerDir));
    expect(second.caFingerprint).toBe((ok[0] as PromiseFulfilledResult<RunningServer>).value.caFingerprint);
  });
});
