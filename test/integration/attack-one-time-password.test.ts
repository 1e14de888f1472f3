import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, MessageChanged, Person } from '../../shared/protocol/index.js';
import {
  ask,
  collect,
  connectSocket,
  nextEvent,
  startHarness,
  syncAll,
  type Harness,
  type TestSocket,
} from '../support/server-harness.js';

/**
 * Attacks on the one-time-password gate: whoever holds a handed-out password (the office
 * that reset it, a printed sheet left on a desk) signs in with it and does not choose a
 * password of their own. Every event they send is refused; what the server sends them
 * unasked, to the person's own room, must be refused as well.
 */
let h: Harness;
let admin: TestSocket;
let chair: TestSocket;
let meetingId: string;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
  chair = (await h.connect('chutoa')).socket;
  meetingId = (await syncAll(chair)).meetings[0]!.id;
});
afterAll(async () => {
  await h?.cleanup();
});

async function asks<T>(socket: TestSocket, event: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}

async function signIn(username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResponse;
}

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('a socket signed in with a one-time password', () => {
  it('is sent nothing meant for the person (a private notice) until the password is chosen', async () => {
    const delegateId = (await h.login('daibieu1')).user.id;
    const reset = await asks<{ person: Person; password: { password: string } }>(admin, 'people:reset-password', {
      userId: delegateId,
    });
    const oneTime = reset.password.password;
    const login = await signIn('daibieu1', oneTime);
    const socket = await connectSocket(h.server.url, login.token);
    const heard = collect<MessageChanged>(socket, 'message:changed');

    const secret = 'Đề nghị đại biểu gặp riêng chủ tọa sau giờ họp';
    await asks(chair, 'message:notice', { commandId: uuidv7(), meetingId, to: delegateId, text: secret });
    await settle();
    expect(JSON.stringify(heard)).not.toContain(secret);
    expect(heard).toEqual([]);

    // Once the person has chosen a password, the same socket is told what is meant for them.
    const refresh = nextEvent(socket, 'session:refresh', 5000);
    await asks(socket, 'account:change-password', { currentPassword: oneTime, newPassword: 'mat-khau-that-cua-toi' });
    await refresh;
    const later = 'Mời đại biểu phát biểu sau mục 2';
    await asks(chair, 'message:notice', { commandId: uuidv7(), meetingId, to: delegateId, text: later });
    await settle();
    expect(heard.flatMap((e) => e.messages.map((m) => m.text))).toEqual([later]);
    socket.disconnect();
  });

  it('is still cut when the office disables the account meanwhile', async () => {
    const delegateId = (await h.login('daibieu2')).user.id;
    const reset = await asks<{ password: { password: string } }>(admin, 'people:reset-password', {
      userId: delegateId,
    });
    const socket = await connectSocket(h.server.url, (await signIn('daibieu2', reset.password.password)).token);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await asks(admin, 'people:set-disabled', { userId: delegateId, disabled: true });
    expect(await cut).toBe('io server disconnect');
  });

  it('cannot keep the handed-out password as its own (whoever handed it out would still know it)', async () => {
    const delegateId = (await h.login('daibieu3')).user.id;
    const reset = await asks<{ password: { password: string } }>(admin, 'people:reset-password', {
      userId: delegateId,
    });
    const oneTime = reset.password.password;
    const socket = await connectSocket(h.server.url, (await signIn('daibieu3', oneTime)).token);
    const kept = await ask(socket, 'account:change-password', { currentPassword: oneTime, newPassword: oneTime });
    expect(kept).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const row = await h.server.store.db
      .selectFrom('users')
      .select('must_change_password')
      .where('id', '=', delegateId)
      .executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(1);
    expect(await ask(socket, 'session:sync', { cursors: {} })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_CHANGE_REQUIRED' },
    });
    socket.disconnect();
  });
});
