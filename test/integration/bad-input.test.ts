import { io } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingSummary, ProtocolError } from '../../shared/protocol/index.js';
import { verifyAuditChain } from '../../server/audit/audit-log.js';
import {
  ask,
  connectSocket,
  health,
  nextEvent,
  startHarness,
  syncAll,
  type Harness,
} from '../support/server-harness.js';

let h: Harness;
let meeting: MeetingSummary;

beforeEach(async () => {
  h = await startHarness();
  const { socket } = await h.connect('thuky');
  meeting = (await syncAll(socket)).meetings[0] as MeetingSummary;
  socket.disconnect();
});
afterEach(async () => {
  await h.cleanup();
});

/** Everything a refused request must leave alone. */
async function stateFingerprint() {
  const db = h.server.store.db;
  return {
    seq: (await db.selectFrom('meetings').select('seq').where('id', '=', meeting.id).executeTakeFirstOrThrow()).seq,
    changes: (
      await db
        .selectFrom('meeting_changes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    agenda: await db.selectFrom('agenda_items').selectAll().orderBy('id').execute(),
    participants: await db.selectFrom('participants').selectAll().orderBy('meeting_id').orderBy('user_id').execute(),
    meetings: await db.selectFrom('meetings').selectAll().orderBy('id').execute(),
  };
}

async function expectUnchangedAndUp(before: Awaited<ReturnType<typeof stateFingerprint>>) {
  expect(await stateFingerprint()).toEqual(before);
  expect(await health(h.server.url)).toBe(200);
}

const addItem = (overrides: Record<string, unknown> = {}) => ({
  commandId: uuidv7(),
  meetingId: meeting.id,
  itemId: uuidv7(),
  parentId: null,
  title: 'Mục mới',
  presenter: '',
  plannedMinutes: 5,
  ...overrides,
});

describe('bad input is refused with a clear code, changes nothing, and the server stays up', () => {
  it('refuses malformed payloads with VALIDATION_FAILED and field paths', async () => {
    const { socket } = await h.connect('thuky');
    const before = await stateFingerprint();
    const cases: unknown[] = [
      null,
      'agenda',
      42,
      [],
      {},
      addItem({ title: '' }),
      addItem({ title: 'x'.repeat(501) }),
      addItem({ plannedMinutes: -1 }),
      addItem({ plannedMinutes: 1.5 }),
      addItem({ meetingId: 'not-a-uuid' }),
      addItem({ commandId: undefined }),
      addItem({ extra: 'field' }),
      addItem({ title: { $gt: '' } }),
    ];
    for (const payload of cases) {
      const answer = await ask(socket, 'agenda:add-item', payload);
      expect(answer.ok, JSON.stringify(payload)).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('VALIDATION_FAILED');
      expect(answer.error.message.vi).toMatch(/không hợp lệ/);
      expect(answer.error.message.en).toMatch(/not valid/);
    }
    const titled = await ask(socket, 'agenda:add-item', addItem({ title: '' }));
    expect(titled.ok ? [] : titled.error.issues?.map((i) => i.path)).toContain('title');
    await expectUnchangedAndUp(before);
  });

  it('answers an unknown event with UNKNOWN_EVENT, by ack or by server:error', async () => {
    const { socket } = await h.connect('daibieu1');
    const before = await stateFingerprint();
    expect(await ask(socket, 'vote:steal', { x: 1 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    const notice = nextEvent<ProtocolError & { event: string }>(socket, 'server:error');
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('admin:drop-database', {});
    expect(await notice).toMatchObject({ code: 'UNKNOWN_EVENT', event: 'admin:drop-database' });
    await expectUnchangedAndUp(before);
  });

  it('refuses a delegate sending secretary commands with FORBIDDEN', async () => {
    const { socket } = await h.connect('daibieu1');
    await syncAll(socket);
    const before = await stateFingerprint();
    const attempts: Array<[string, Record<string, unknown>]> = [
      ['agenda:add-item', addItem()],
      ['meeting:update', { commandId: uuidv7(), meetingId: meeting.id, baseVersion: 0, title: 'Đổi tên' }],
      [
        'participant:set',
        {
          commandId: uuidv7(),
          meetingId: meeting.id,
          userId: h.account('daibieu1') && (await h.login('daibieu1')).user.id,
          role: 'secretary',
        },
      ],
      [
        'meeting:create',
        {
          commandId: uuidv7(),
          meetingId: uuidv7(),
          title: 'Họp riêng',
          startsAt: '2026-12-01T08:00:00+07:00',
          place: 'P1',
          organisation: 'X',
        },
      ],
    ];
    for (const [event, payload] of attempts) {
      const answer = await ask(socket, event, payload);
      expect(answer, event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await expectUnchangedAndUp(before);
  });

  it('judges permission by the role at the time of the command, not at connection', async () => {
    const secretary = await h.connect('thuky');
    const delegate = await h.connect('daibieu2');
    await syncAll(delegate.socket);
    const promote = await ask(secretary.socket, 'participant:set', {
      commandId: uuidv7(),
      meetingId: meeting.id,
      userId: delegate.login.user.id,
      role: 'secretary',
    });
    expect(promote.ok).toBe(true);
    expect(await ask(delegate.socket, 'agenda:add-item', addItem())).toMatchObject({ ok: true });
    const demote = await ask(secretary.socket, 'participant:set', {
      commandId: uuidv7(),
      meetingId: meeting.id,
      userId: delegate.login.user.id,
      role: 'delegate',
    });
    expect(demote.ok).toBe(true);
    expect(await ask(delegate.socket, 'agenda:add-item', addItem())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a wrong password, then rate-limits repeated failures', async () => {
    const before = await stateFingerprint();
    const attempt = (password: string) =>
      fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chutoa', password }),
      });
    const wrong = await attempt('sai-mat-khau');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS', message: { vi: expect.any(String), en: expect.any(String) } },
    });
    const unknownUser = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'khongcoai', password: 'x' }),
    });
    expect(unknownUser.status).toBe(401);
    for (let i = 0; i < 4; i++) await attempt('sai');
    const limited = await attempt(h.account('chutoa').password);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another account from the same address is not locked out by chutoa's failures.
    expect((await h.login('daibieu3')).token).toEqual(expect.any(String));
    await expectUnchangedAndUp(before);
  });

  it('refuses sockets without a valid token and HTTP calls without a session', async () => {
    await expect(connectSocket(h.server.url, 'forged-token')).rejects.toThrow('UNAUTHENTICATED');
    const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: 'Bearer nope' } });
    expect(me.status).toBe(401);
    const create = await fetch(`${h.server.url}/api/users`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(create.status).toBe(401);
  });

  it('refuses a reused command id carrying a different command', async () => {
    const { socket } = await h.connect('thuky');
    const command = addItem();
    expect((await ask(socket, 'agenda:add-item', command)).ok).toBe(true);
    const before = await stateFingerprint();
    const forged = await ask(socket, 'agenda:add-item', { ...command, title: 'Nội dung khác' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'DUPLICATE_COMMAND_ID' } });
    const { socket: other } = await h.connect('admin');
    expect(await ask(other, 'agenda:add-item', command)).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_COMMAND_ID' },
    });
    await expectUnchangedAndUp(before);
  });

  it('cuts a socket that sends an oversized message and keeps serving the others', async () => {
    const { socket: big } = await h.connect('thuky');
    const { socket: bystander } = await h.connect('daibieu1');
    const before = await stateFingerprint();
    const dropped = nextEvent(big, 'disconnect', 5000);
    (big as unknown as { emit(e: string, p: unknown): void }).emit(
      'agenda:add-item',
      addItem({ title: 'x'.repeat(200_000) }),
    );
    await dropped;
    expect(await syncAll(bystander)).toMatchObject({ meetings: [expect.objectContaining({ id: meeting.id })] });
    const hugeHttp = await fetch(`${h.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'a', password: 'p'.repeat(200_000) }),
    });
    expect(hugeHttp.status).toBe(413);
    expect(await hugeHttp.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    await expectUnchangedAndUp(before);
  });

  it('hides a draft meeting from delegates and answers NOT_FOUND for it', async () => {
    const secretary = await h.connect('thuky');
    const delegate = await h.connect('daibieu1');
    const draftId = uuidv7();
    const created = await ask(secretary.socket, 'meeting:create', {
      commandId: uuidv7(),
      meetingId: draftId,
      title: 'Họp chuẩn bị',
      startsAt: '2026-12-02T08:00:00+07:00',
      place: 'Phòng 2',
      organisation: 'HĐND',
    });
    expect(created.ok).toBe(true);
    await ask(secretary.socket, 'participant:set', {
      commandId: uuidv7(),
      meetingId: draftId,
      userId: delegate.login.user.id,
      role: 'delegate',
    });
    const seen = await syncAll(delegate.socket);
    expect(seen.meetings.map((m) => m.id)).not.toContain(draftId);
    expect(await ask(delegate.socket, 'meeting:catch-up', { meetingId: draftId, sinceSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await ask(delegate.socket, 'agenda:add-item', addItem({ meetingId: draftId }))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const refresh = nextEvent(delegate.socket, 'session:refresh');
    expect((await ask(secretary.socket, 'meeting:publish', { commandId: uuidv7(), meetingId: draftId })).ok).toBe(true);
    await refresh;
    expect((await syncAll(delegate.socket)).meetings.map((m) => m.id)).toContain(draftId);
  });

  it('keeps the last secretary and refuses the parts of agenda rules that would break it', async () => {
    const { socket, login } = await h.connect('thuky');
    const admin = await h.connect('admin');
    const before = await stateFingerprint();
    expect(
      await ask(socket, 'participant:remove', { commandId: uuidv7(), meetingId: meeting.id, userId: login.user.id }),
    ).toMatchObject({ ok: false, error: { code: 'OWN_ROLE' } });
    expect(
      await ask(admin.socket, 'participant:remove', {
        commandId: uuidv7(),
        meetingId: meeting.id,
        userId: login.user.id,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: { vi: expect.stringContaining('thư ký') } },
    });
    expect(
      await ask(socket, 'agenda:remove-item', {
        commandId: uuidv7(),
        meetingId: meeting.id,
        itemId: uuidv7(),
        baseVersion: 0,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await ask(socket, 'meeting:publish', { commandId: uuidv7(), meetingId: meeting.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await expectUnchangedAndUp(before);
  });

  it('logs out: the token stops working and its sockets are cut at once', async () => {
    const { socket, login } = await h.connect('daibieu1');
    const cut = nextEvent(socket, 'disconnect', 3000);
    const res = await fetch(`${h.server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(res.status).toBe(204);
    await cut;
    await expect(connectSocket(h.server.url, login.token)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('survives a burst of garbage from a raw client, and the audit chain stays intact', async () => {
    const login = await h.login('daibieu1');
    const raw = io(h.server.url, { auth: { token: login.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    const before = await stateFingerprint();
    const garbage: unknown[] = [
      undefined,
      null,
      true,
      -1,
      '💥',
      { __proto__: { admin: true } },
      new Array(1000).fill(0),
      { a: { b: { c: { d: {} } } } },
    ];
    const events = [
      'agenda:add-item',
      'session:sync',
      'meeting:catch-up',
      'participant:set',
      'toString',
      '__proto__',
      'constructor',
      '',
    ];
    const answers = await Promise.all(
      events.flatMap((event) =>
        garbage.map((payload) =>
          raw
            .timeout(3000)
            .emitWithAck(event, payload)
            .catch((e: Error) => ({ timeout: e.message })),
        ),
      ),
    );
    for (const a of answers) expect(a).toMatchObject({ ok: false });
    raw.disconnect();
    await expectUnchangedAndUp(before);
    expect(await verifyAuditChain(h.server.store.db)).toBeNull();
  });
});
