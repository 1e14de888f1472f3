import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_USER } from '../../server/auth/sessions.js';
import { adminQuery, createDatabase, dropDatabase } from '../support/postgres.js';
import type { TestSocket } from '../support/server-harness.js';
import { access, freePort, ServerProcess } from '../support/server-process.js';
import { removeDataFolder } from '../support/data-folder.js';

/**
 * A sign-in past MAX_SESSIONS_PER_USER asks every node whether each old session is in use.
 * The question and its answers travel through PostgreSQL (NOTIFY, and the adapter's
 * `socket_io_attachments` table for what NOTIFY cannot hold): no bearer token may go with
 * them. (Runs in vitest's `postgres` project only.)
 */
let database: { name: string; url: string };
let dataDir: string;
const nodes: ServerProcess[] = [];
const sockets: TestSocket[] = [];
let listener: pg.Client;
/** Everything sent on the adapter's channel while the test runs. */
const notified: string[] = [];

// The adapter's channel for the default namespace (`${channelPrefix}#${nsp}`, see its adapter.js).
const ADAPTER_CHANNEL = 'socket.io#/';

beforeAll(async () => {
  database = await createDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'cabinet-trim-'));
  for (let i = 0; i < 3; i++) {
    const node = new ServerProcess(dataDir, await freePort(), database.url);
    nodes.push(node);
    await node.start();
  }
  listener = new pg.Client({ connectionString: database.url });
  await listener.connect();
  listener.on('notification', (n) => notified.push(`${n.channel} ${n.payload ?? ''}`));
  await listener.query(`LISTEN "${ADAPTER_CHANNEL}"`);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await listener?.end();
  for (const n of nodes) await n.kill();
  if (database) await dropDatabase(database.name);
  if (dataDir) removeDataFolder(dataDir);
});

const node = (i: number) => nodes[i] as ServerProcess;

/** A browser on a city portal's domain: its cookies alone make a handshake too large for NOTIFY. */
function connectWithCookies(url: string, token: string): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: `portal_prefs=${'x'.repeat(9000)}` },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

describe('trimming a user’s sessions across nodes', () => {
  it('asks the other nodes without sending any token through the database, and keeps the session in use', async () => {
    const username = 'daibieu2';
    const onTwo = await access(node(1), sockets).login(username);
    const onThree = await access(node(2), sockets).login(username);
    const tablet = await connectWithCookies(node(1).url, onTwo.token);
    const laptop = await connectWithCookies(node(2).url, onThree.token);
    // Sessions no device uses (browsers never signed out), all newer than the two in use: the
    // in-use session on node 2 is the oldest, the first to go if the nodes' answers were lost.
    const later = Date.now() + 60_000;
    const idle: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER - 2; i++) {
      const id = createHash('sha256').update(randomBytes(32)).digest('hex');
      idle.push(id);
      await adminQuery(
        'INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [id, onTwo.user.id, new Date(later + i).toISOString(), new Date(later + 3_600_000).toISOString()],
        database.url,
      );
    }

    // One more sign-in, on node 1: one session has to end, and node 1 holds none of them.
    const heardBefore = notified.length;
    const started = Date.now();
    const onOne = await access(node(0), sockets).login(username);
    // Every node answered (no wait for the adapter's 5 s timeout).
    expect(Date.now() - started).toBeLessThan(4000);
    await new Promise((r) => setTimeout(r, 500));

    const left = await adminQuery<{ id: string }>(
      'SELECT id FROM sessions WHERE user_id = $1',
      [onTwo.user.id],
      database.url,
    );
    expect(left).toHaveLength(MAX_SESSIONS_PER_USER);
    // The oldest idle one ended; the one in use on node 2 did not.
    expect(left.map((r) => r.id)).not.toContain(idle[0]);
    const me = await fetch(`${node(0).url}/api/auth/me`, { headers: { authorization: `Bearer ${onTwo.token}` } });
    expect(me.status).toBe(200);
    expect(tablet.connected).toBe(true);
    expect(laptop.connected).toBe(true);

    // The nodes did talk through the database during the sign-in (the listener hears them) …
    expect(notified.length).toBeGreaterThan(heardBefore);
    // … and no question, answer, or packet kept because NOTIFY could not hold it, has a token.
    const tokens = [onOne.token, onTwo.token, onThree.token];
    for (const n of notified) for (const token of tokens) expect(n).not.toContain(token);
    const attachments = await adminQuery<{ payload: Buffer }>(
      'SELECT payload FROM socket_io_attachments',
      [],
      database.url,
    );
    for (const row of attachments)
      for (const token of tokens) expect(row.payload.includes(Buffer.from(token))).toBe(false);
    // Nor any handshake (the cookies): a node answers a boolean, not its sockets.
    expect(notified.filter((n) => n.includes('session:in-use')).length).toBeGreaterThan(0);
    for (const row of attachments) expect(row.payload.includes(Buffer.from('portal_prefs'))).toBe(false);
  });
});
