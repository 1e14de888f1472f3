import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, MessageChanged } from '../../shared/protocol/index.js';
import {
  ask,
  collect,
  connectSocket,
  startHarness,
  syncAll,
  type Harness,
  type TestSocket,
} from '../support/server-harness.js';
import { agendaItem } from '../support/vote-fixtures.js';

/**
 * Every socket of a session on a one-time password waits outside the person's rooms and the
 * meeting's: no meeting broadcast reaches it; once one of them chooses the password, all of
 * the session's sockets are in the person's room, once each.
 */
let h: Harness;
let admin: TestSocket;
let secretary: TestSocket;
let chair: TestSocket;
let meetingId: string;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
  secretary = (await h.connect('thuky')).socket;
  chair = (await h.connect('chutoa')).socket;
  meetingId = (await syncAll(chair)).meetings[0]!.id;
});
afterAll(async () => {
  await h?.cleanup();
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the sockets of a one-time-password session', () => {
  it('hear no meeting broadcast while locked, and all join the person’s room once the password is chosen', async () => {
    const login = await h.login('daibieu1');
    const userId = login.user.id;
    const reset = await ask<{ password: { password: string } }>(admin, 'people:reset-password', { userId });
    if (!reset.ok) throw new Error(reset.error.code);
    const oneTime = reset.data.password.password;
    const res = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'daibieu1', password: oneTime }),
    });
    const session = (await res.json()) as LoginResponse;
    const sockets = await Promise.all([0, 1, 2].map(() => connectSocket(h.server.url, session.token)));
    const changes = sockets.map((s) => collect(s, 'meeting:changes'));
    const notices = sockets.map((s) => collect<MessageChanged>(s, 'message:changed'));
    // Each tries to join the meeting's room: refused.
    for (const s of sockets)
      expect(await ask(s, 'session:sync', { cursors: {} })).toMatchObject({
        ok: false,
        error: { code: 'PASSWORD_CHANGE_REQUIRED' },
      });
    await syncAll(secretary);
    const heardBySecretary = collect(secretary, 'meeting:changes');
    expect(
      await ask(secretary, 'agenda:add-item', agendaItem(meetingId, 'Mục khi còn mật khẩu một lần')),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await ask(chair, 'message:notice', { commandId: uuidv7(), meetingId, to: userId, text: 'riêng' }),
    ).toMatchObject({ ok: true });
    await settle();
    expect(heardBySecretary.length).toBeGreaterThan(0);
    expect(changes.map((c) => c.length)).toEqual([0, 0, 0]);
    expect(notices.map((c) => c.length)).toEqual([0, 0, 0]);

    const changed = await ask(sockets[0]!, 'account:change-password', {
      currentPassword: oneTime,
      newPassword: 'mat-khau-rieng-cua-toi',
    });
    expect(changed.ok).toBe(true);
    await settle();
    const rooms = h.server.io.of('/').adapter.rooms;
    const own = rooms.get(`user:${userId}`) ?? new Set();
    for (const s of sockets) expect(own.has(s.id!)).toBe(true);
    expect(rooms.get(`user-locked:${userId}`)?.size ?? 0).toBe(0);
    await ask(chair, 'message:notice', { commandId: uuidv7(), meetingId, to: userId, text: 'sau khi đổi' });
    await settle();
    expect(notices.map((c) => c.flatMap((e) => e.messages.map((m) => m.text)))).toEqual([
      ['sau khi đổi'],
      ['sau khi đổi'],
      ['sau khi đổi'],
    ]);
    for (const s of sockets) s.disconnect();
  });
});
