import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HttpFetch } from '../../shared/client/index.js';
import { CACHE_FILE_NAME, openDesktopCore } from './desktop-core.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-core-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const unreachable: HttpFetch = async () => {
  throw new Error('ECONNREFUSED');
};

describe('openDesktopCore', () => {
  it('creates its data folder and cache file, signed out', () => {
    const dataDir = join(dir, 'nested', 'userData');
    const core = openDesktopCore({ dataDir, fetch: unreachable });
    expect(core.cacheFile).toBe(join(dataDir, CACHE_FILE_NAME));
    expect(existsSync(core.cacheFile)).toBe(true);
    expect(core.client.getState()).toMatchObject({ connection: 'signed-out', meetings: {}, pendingCommands: 0 });
    core.close();
    core.close(); // twice is harmless: quit paths may overlap
  });

  it('answers OFFLINE when the server cannot be reached, and stores nothing', async () => {
    const core = openDesktopCore({ dataDir: dir, fetch: unreachable });
    const answer = await core.client.login({ serverUrl: 'http://127.0.0.1:9', username: 'daibieu1', password: 'x' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(core.store.loadSession()).toBeNull();
    core.close();
  });

  it('starts offline from a session and outbox kept in the file', () => {
    const first = openDesktopCore({ dataDir: dir, fetch: unreachable });
    const user = { id: uuidv7(), username: 'thuky', displayName: 'Thư ký', isAdmin: false, canCreateMeetings: true };
    first.store.saveSession({ serverUrl: 'http://127.0.0.1:9', token: 't', user });
    const commandId = uuidv7();
    first.store.addToOutbox({
      commandId,
      name: 'meeting:publish',
      payload: { commandId, meetingId: uuidv7() },
      createdAt: new Date().toISOString(),
    });
    first.close();

    const second = openDesktopCore({ dataDir: dir, fetch: unreachable });
    expect(second.client.getState()).toMatchObject({ connection: 'offline', user, pendingCommands: 1 });
    second.close();
  });
});
