import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryOnlyTokens } from '../../electron/cache/token-sealer.js';
import { openDesktopCore, type DesktopCore } from '../../electron/core/desktop-core.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

const rig = new DesktopRig();
const cores: DesktopCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) core.close();
  await rig.cleanup();
});

/** A tablet whose OS has no real key store: each app start gets a fresh memory-only sealer. */
function openTablet(dataDir: string): DesktopCore {
  const core = openDesktopCore({
    dataDir,
    sealer: memoryOnlyTokens(),
    ackTimeoutMs: 3_000,
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
  });
  cores.push(core);
  return core;
}

/** Every file below `dir` (the cache and the documents folder) that holds the secret. */
function filesContain(dir: string, secret: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => {
    const path = join(dir, name);
    return statSync(path).isFile() && readFileSync(path).includes(secret);
  });
}

describe('a desktop without a real key store (Linux basic_text)', () => {
  it('never writes the token, asks for a sign-in after a restart, and keeps the outbox for the same user', async () => {
    await rig.startServer();
    const dir = rig.tempDir('tablet');
    let tablet = openTablet(dir);
    await rig.signIn(tablet, 'daibieu1');
    await waitFor(() => demoMeeting(tablet.client.getState()) !== undefined, 10_000, 'meeting cached');
    const token = tablet.store.loadSession()?.token ?? '';
    expect(token).not.toBe('');
    const meetingId = demoMeeting(tablet.client.getState())?.meeting.id ?? '';
    const me = tablet.client.getState().user?.id ?? '';

    // Offline, the delegate checks in; then the app is closed.
    await rig.stopServer();
    await waitFor(() => tablet.client.getState().connection === 'offline', 5_000, 'offline');
    void tablet.client.send('attendance:check-in', { meetingId, userId: me });
    expect(tablet.client.getState().pendingCommands).toBe(1);
    expect(filesContain(dir, token)).toEqual([]);
    tablet.close();
    expect(filesContain(dir, token)).toEqual([]);

    await rig.startServer();
    tablet = openTablet(dir);
    expect(tablet.client.getState().user?.username).toBe('daibieu1');
    expect(tablet.client.getState().pendingCommands).toBe(1);
    tablet.client.start();
    // Without a token the server refuses the socket: the person is asked to sign in again.
    await waitFor(() => tablet.client.getState().connection === 'signed-out', 10_000, 'asked to sign in');
    expect(tablet.store.listOutbox()).toHaveLength(1);

    await rig.signIn(tablet, 'daibieu1');
    await waitFor(() => tablet.client.getState().pendingCommands === 0, 10_000, 'outbox delivered');
    expect(tablet.client.getState().rejected).toEqual([]);
    const present = await rig.server?.store.db
      .selectFrom('participants')
      .select('present')
      .where('meeting_id', '=', meetingId)
      .where('user_id', '=', me)
      .executeTakeFirst();
    expect(present?.present).toBe(1);
  });
});
