import { existsSync, readFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingClient, MemoryClientStore, MemoryIdentityVault, type ClientState } from '../../shared/client/index.js';
import type { DeviceInfo, DeviceRevokeResult } from '../../shared/protocol/index.js';
import type { DesktopCore } from '../../electron/core/desktop-core.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { DesktopRig, demoMeeting, waitFor } from './desktop-harness.js';

/**
 * A revoked device, without Electron: the real client core over its real SQLite cache (and,
 * for a browser tab, over the memory store) against the real server. An admin revokes it
 * while it is away; at its next connection it is told, and everything it held for every
 * person is gone from the app, the cache file, its write-ahead log and the documents folder.
 */
const rig = new DesktopRig();
let admin: DesktopCore;
let meetingId: string;
let documentId: string;
const PAPER_TEXT = 'Tờ trình mật 5521';
const NOTE = 'Ghi chú riêng của đại biểu 7731';
const PIN = '13572468';

beforeAll(async () => {
  await rig.startServer();
  admin = rig.openCore(rig.tempDir('admin'));
  await rig.signIn(admin, 'admin');
  const secretary = rig.openCore(rig.tempDir('secretary'));
  await rig.signIn(secretary, 'thuky');
  await waitFor(() => demoMeeting(secretary.client.getState()) !== undefined, 10_000, 'secretary has the meeting');
  meetingId = demoMeeting(secretary.client.getState())?.meeting.id ?? '';
  const pdf = await makePdf({ pages: [PAPER_TEXT] });
  const upload = await secretary.client.uploadDocument({
    meetingId,
    title: 'Tờ trình mật',
    file: { name: 'to-trinh.pdf', size: pdf.length, body: pdf },
  });
  if (!upload.ok) throw new Error(upload.error.code);
  documentId = upload.data.id;
  secretary.close();
});
afterAll(() => rig.cleanup());

function cacheBytes(core: DesktopCore): Buffer {
  const files = [core.cacheFile, `${core.cacheFile}-wal`].filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}
const holds = (core: DesktopCore, text: string) => cacheBytes(core).includes(Buffer.from(text.normalize('NFC')));

function rowsOf(core: DesktopCore, table: string): unknown[] {
  const db = new Database(core.cacheFile, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table}`).all();
  } finally {
    db.close();
  }
}

/** The admin revokes this device through the client core's generic request path, as the admin screen does. */
async function revoke(deviceId: string, userId: string): Promise<DeviceRevokeResult> {
  const listed = await admin.client.request('device:list', {});
  if (!listed.ok) throw new Error(listed.error.code);
  expect(listed.data.devices.some((d: DeviceInfo) => d.id === deviceId && d.userId === userId)).toBe(true);
  const answer = await admin.client.request('device:revoke', { deviceId, userId });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

const wiped = (state: ClientState) => state.revokedNotice?.scope === 'device' && state.connection === 'signed-out';

describe('a revoked device', () => {
  it('wipes its SQLite cache, documents folder, outbox and identity at its next connection, and cannot sign in again', async () => {
    const tablet = rig.openCore(rig.tempDir('tablet'));
    await rig.signIn(tablet, 'daibieu1');
    const userId = tablet.client.getState().user?.id ?? '';
    await waitFor(() => demoMeeting(tablet.client.getState()) !== undefined, 10_000, 'tablet has the meeting');
    const meeting = demoMeeting(tablet.client.getState());
    const title = meeting?.meeting.title ?? '';
    const item = meeting?.agenda.at(-1)?.title ?? '';
    await waitFor(() => readdirSync(tablet.documentsDir).length > 0, 20_000, 'paper cached');
    const saved = await tablet.client.send('annotation:save', {
      meetingId,
      annotation: annotationInput(documentId, 'note', { text: NOTE }),
    });
    expect(saved.ok).toBe(true);
    // Enrolled: a PIN-sealed key in the cache file's identities table, its certificate bound to this device.
    const code = await admin.client.createEnrollmentCode(userId);
    if (!code.ok) throw new Error(code.error.code);
    const enrolled = await tablet.client.enrollDevice({ code: code.data.code, deviceName: 'Máy bảng 3', pin: PIN });
    if (!enrolled.ok) throw new Error(enrolled.error.code);
    const deviceId = tablet.store.loadDeviceId() ?? '';
    expect(enrolled.data.deviceId).toBe(deviceId);

    // Away from the server, it queues a command; meanwhile the admin revokes it.
    tablet.client.stop();
    void tablet.client.send('annotation:save', {
      meetingId,
      annotation: annotationInput(documentId, 'note', { text: `${NOTE} (chờ gửi)` }),
    });
    expect(tablet.store.listOutbox()).toHaveLength(1);
    expect(holds(tablet, title) && holds(tablet, item) && holds(tablet, NOTE)).toBe(true);
    const revoked = await revoke(deviceId, userId);
    expect(revoked.certificates).toEqual([enrolled.data.fingerprint]);

    tablet.client.start();
    await waitFor(() => wiped(tablet.client.getState()), 10_000, 'tablet wiped');
    await waitFor(() => readdirSync(tablet.documentsDir).length === 0, 5_000, 'documents folder emptied');
    const state = tablet.client.getState();
    expect(state).toMatchObject({ user: null, meetings: {}, pendingCommands: 0, identity: null, annotations: {} });
    expect(tablet.store.loadSession()).toBeNull();
    expect(tablet.store.listOutbox()).toEqual([]);
    for (const table of ['outbox', 'meetings', 'session', 'annotations', 'document_lists', 'identities', 'ballot_keys'])
      expect(rowsOf(tablet, table), table).toEqual([]);
    for (const text of [title, item, NOTE, 'Tờ trình mật']) expect(holds(tablet, text), text).toBe(false);
    expect(await tablet.identities.load(userId)).toBeNull();
    // It is still the same device, and still revoked: a new sign-in is refused, for anyone.
    expect(tablet.store.loadDeviceId()).toBe(deviceId);
    const again = await tablet.client.login({
      serverUrl: rig.url,
      username: 'daibieu2',
      password: rig.password('daibieu2'),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'DEVICE_REVOKED' } });
    expect(tablet.client.getState().revokedNotice?.scope).toBe('device');
  });

  it('a connected browser tab is told at once and its memory store is emptied', async () => {
    const store = new MemoryClientStore();
    const tab = new MeetingClient({
      store,
      fetch,
      ackTimeoutMs: 3_000,
      socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 500 },
      signing: { vault: new MemoryIdentityVault() },
      device: { name: 'Chrome (Windows)', platform: 'browser' },
    });
    try {
      const login = await tab.login({ serverUrl: rig.url, username: 'daibieu2', password: rig.password('daibieu2') });
      if (!login.ok) throw new Error(login.error.code);
      await waitFor(() => demoMeeting(tab.getState()) !== undefined, 10_000, 'tab has the meeting');
      expect(store.loadMeetings().length).toBeGreaterThan(0);
      await revoke(store.loadDeviceId() ?? '', login.data.id);
      await waitFor(() => wiped(tab.getState()), 10_000, 'tab wiped');
      expect(store.loadMeetings()).toEqual([]);
      expect(store.loadSession()).toBeNull();
      expect(store.loadAnnotations(login.data.id)).toEqual([]);
      expect(store.loadDocumentLists()).toEqual([]);
    } finally {
      tab.stop();
    }
  });
});
