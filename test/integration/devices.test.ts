import { io } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_DEVICES_PER_USER,
  type Ack,
  type DeviceClaim,
  type DeviceInfo,
  type DeviceRevokeResult,
  type LoginResponse,
} from '../../shared/protocol/index.js';
import { parseRevocationList } from '../../shared/signatures/crl.js';
import { ask, nextEvent, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { enrollDevice, postJson } from '../support/signing-device.js';

/**
 * Devices over real HTTP and sockets on the test's engine: last seen recorded and bounded,
 * and an admin's revocation: sockets cut and told, sessions ended, certificates in the CRL,
 * every later connection and sign-in of the device refused, one audit row.
 */
let h: Harness;
const opened: TestSocket[] = [];

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  await h.cleanup();
});

const tablet = (): DeviceClaim => ({ id: uuidv7(), name: 'Máy tính bảng phòng họp', platform: 'desktop' });

function signIn(username: string, device?: unknown) {
  return postJson<LoginResponse & { error?: { code: string } }>(`${h.server.url}/api/auth/login`, null, {
    username,
    password: h.account(username).password,
    ...(device === undefined ? {} : { device }),
  });
}

async function signedIn(username: string, device?: DeviceClaim): Promise<LoginResponse> {
  const answer = await signIn(username, device);
  if (answer.status !== 200) throw new Error(`login ${username}: ${answer.status}`);
  return answer.body;
}

/** A socket that names its device; resolves to the socket, or to the refusal's code. */
function connectFrom(token: string, device?: unknown): Promise<TestSocket | string> {
  const socket: TestSocket = io(h.server.url, {
    auth: { token, ...(device === undefined ? {} : { device }) },
    transports: ['websocket'],
    reconnection: false,
  });
  opened.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

async function connected(token: string, device?: DeviceClaim): Promise<TestSocket> {
  const socket = await connectFrom(token, device);
  if (typeof socket === 'string') throw new Error(`refused: ${socket}`);
  return socket;
}

async function deviceRows(userId: string) {
  return h.server.store.db
    .selectFrom('devices')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('first_seen_at')
    .execute();
}

async function backdate(deviceId: string, ms: number): Promise<string> {
  const at = new Date(Date.now() - ms).toISOString();
  await h.server.store.db.updateTable('devices').set({ last_seen_at: at }).where('id', '=', deviceId).execute();
  return at;
}

describe('devices: last seen', () => {
  it('records a device at sign-in, moves last seen at a connection only after a minute, and not at every event', async () => {
    const device = tablet();
    const login = await signedIn('daibieu1', device);
    const [row] = await deviceRows(login.user.id);
    expect(row).toMatchObject({ id: device.id, name: device.name, platform: 'desktop', revoked_at: null });
    expect(row?.last_seen_at).toBe(row?.first_seen_at);

    // Two minutes without a word: the next connection moves it.
    const old = await backdate(device.id, 120_000);
    const socket = await connected(login.token, device);
    const moved = (await deviceRows(login.user.id))[0]?.last_seen_at ?? '';
    expect(moved > old).toBe(true);

    // Old again, but this node wrote it a moment ago: events do not write it again.
    const again = await backdate(device.id, 120_000);
    for (let i = 0; i < 5; i++) expect((await ask(socket, 'session:sync', { cursors: {} })).ok).toBe(true);
    expect((await deviceRows(login.user.id))[0]?.last_seen_at).toBe(again);
    // And a reconnect within the minute leaves a fresh time as it is.
    const fresh = await backdate(device.id, 10_000);
    await connected(login.token, device);
    expect((await deviceRows(login.user.id))[0]?.last_seen_at).toBe(fresh);
  });

  it('refuses a malformed device, a token used from another device, and keeps a bounded number of rows per person', async () => {
    expect((await signIn('daibieu1', { id: '../../etc', name: 'x', platform: 'desktop' })).status).toBe(400);
    expect((await signIn('daibieu1', { ...tablet(), name: 'x'.repeat(101) })).status).toBe(400);
    expect((await signIn('daibieu1', { ...tablet(), platform: 'toaster' })).status).toBe(400);
    const plain = await signedIn('daibieu1');
    expect(await connectFrom(plain.token, { id: 'not-a-uuid', name: 'x', platform: 'browser' })).toBe(
      'VALIDATION_FAILED',
    );
    expect(await deviceRows(plain.user.id)).toEqual([]);

    // A token signed in from one device does not open a socket naming another.
    const mine = tablet();
    const login = await signedIn('daibieu1', mine);
    expect(await connectFrom(login.token, tablet())).toBe('UNAUTHENTICATED');

    // A client making up an id per connection does not grow the table past the bound: the
    // device seen longest ago goes, never one with a certificate (an admin must find it to revoke it).
    await enrollDevice(h.server.url, (await signedIn('admin')).token, { id: login.user.id, token: login.token });
    let last = mine;
    for (let i = 0; i < MAX_DEVICES_PER_USER + 5; i++) {
      last = tablet();
      (await connected(plain.token, last)).disconnect();
    }
    const rows = await deviceRows(plain.user.id);
    expect(rows.length).toBe(MAX_DEVICES_PER_USER + 1);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine.id, last.id]));
  });
});

describe('devices: revocation', () => {
  it('an admin revokes a device: its sockets are told and cut, its sessions end, its certificate is in the CRL, it is refused after', async () => {
    const device = tablet();
    const login = await signedIn('daibieu1', device);
    const socket = await connected(login.token, device);
    const enrolled = await enrollDevice(h.server.url, (await signedIn('admin')).token, {
      id: login.user.id,
      token: login.token,
    });
    const certificate = await h.server.store.db
      .selectFrom('certificates')
      .selectAll()
      .where('fingerprint', '=', enrolled.fingerprint)
      .executeTakeFirstOrThrow();
    expect(certificate.device_id).toBe(device.id);

    const admin = await connected((await signedIn('admin', tablet())).token);
    const listed = await ask<{ devices: DeviceInfo[] }>(admin, 'device:list', {});
    if (!listed.ok) throw new Error(listed.error.code);
    const row = listed.data.devices.find((d) => d.id === device.id);
    expect(row).toMatchObject({ userId: login.user.id, username: 'daibieu1', revokedAt: null });
    expect(row?.certificates.map((c) => c.fingerprint)).toEqual([enrolled.fingerprint]);

    // Nobody but an admin lists or revokes, and a refusal changes nothing.
    const secretary = await connected((await signedIn('thuky')).token);
    expect(await ask(secretary, 'device:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ask(secretary, 'device:revoke', { deviceId: device.id, userId: login.user.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ask(admin, 'device:revoke', { deviceId: 'x', userId: login.user.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await ask(admin, 'device:revoke', { deviceId: uuidv7(), userId: login.user.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await deviceRows(login.user.id))[0]?.revoked_at).toBeNull();

    // The wait starts before the revocation, which may take a while on a loaded machine.
    const told = nextEvent<{ deviceId: string }>(socket, 'device:revoked', 15_000);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const answer = await ask<DeviceRevokeResult>(admin, 'device:revoke', {
      deviceId: device.id,
      userId: login.user.id,
    });
    expect(answer).toMatchObject({
      ok: true,
      data: { deviceId: device.id, certificates: [enrolled.fingerprint], sessionsEnded: 1 },
    });
    expect((await told).deviceId).toBe(device.id);
    expect(await cut).toBe('io server disconnect');
    expect(await ask(admin, 'device:revoke', { deviceId: device.id, userId: login.user.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    // Sessions from it ended; the certificate revoked and in the meeting CA's CRL.
    const sessions = await h.server.store.db.selectFrom('sessions').select('id').where('device_id', '=', device.id);
    expect(await sessions.execute()).toEqual([]);
    const crl = parseRevocationList(new Uint8Array(await (await fetch(`${h.server.url}/api/pki/crl`)).arrayBuffer()));
    const serials = (crl.revokedCertificates ?? []).map(
      (r: { userCertificate: { valueBlock: { valueHexView: Uint8Array } } }) =>
        Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex').replace(/^0+/, ''),
    );
    expect(serials).toContain(certificate.serial.replace(/^0+/, ''));

    // The old token, from the device or without naming it, opens nothing; nor does a new sign-in.
    expect(await connectFrom(login.token, device)).toBe('DEVICE_REVOKED');
    expect(await connectFrom(login.token)).toBe('UNAUTHENTICATED');
    const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${login.token}` } });
    expect(me.status).toBe(401);
    const again = await signIn('daibieu1', device);
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('DEVICE_REVOKED');
    // Another person on the same tablet is refused too: the device is revoked, not the person.
    expect((await signIn('daibieu2', device)).status).toBe(403);

    const audit = await h.server.store.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'device:revoke')
      .execute();
    expect(audit).toHaveLength(1);
    const admins = await h.server.store.db.selectFrom('users').select('id').where('username', '=', 'admin').execute();
    expect(audit[0]?.actor_id).toBe(admins[0]?.id);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ deviceId: device.id, sessionsEnded: 1 });

    const after = await ask<{ devices: DeviceInfo[] }>(admin, 'device:list', {});
    const revoked = (after as Ack<{ devices: DeviceInfo[] }> & { ok: true }).data.devices.find(
      (d) => d.id === device.id,
    );
    expect(revoked?.revokedAt).not.toBeNull();
    expect(revoked?.certificates[0]?.revokedAt).not.toBeNull();
  });
});
