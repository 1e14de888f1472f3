import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt, Message, MessageChanged } from '../../shared/protocol/index.js';
import { MAX_REQUESTS_PER_WINDOW } from '../../server/messages/message-commands.js';
import { demoRoomForFile, type Person } from '../support/document-attack-room.js';
import { ask, collect, syncAll, waitFor, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * Messages between the seats and the desk (issue 12) against a real server, on SQLite here
 * and on PostgreSQL in the `postgres` project: who receives a request, an answer, a notice;
 * who may send what; what the server refuses.
 */
let h: Harness;
let delegate: Person;
let other: Person;
let third: Person;
let secretary: Person;
let chair: Person;
let observer: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ delegate, other, third, secretary, chair, observer, meetingId } = room);
});

const send = (socket: TestSocket, name: string, payload: Record<string, unknown>) =>
  ask<CommandReceipt>(socket, name, { commandId: uuidv7(), meetingId, ...payload });

async function request(p: Person, payload: Record<string, unknown>): Promise<string> {
  const commandId = uuidv7();
  const answer = await ask<CommandReceipt>(p.socket, 'message:request', { commandId, meetingId, ...payload });
  if (!answer.ok) throw new Error(`message:request refused: ${answer.error.code}`);
  return commandId;
}

async function listOf(socket: TestSocket): Promise<Message[]> {
  const answer = await ask<{ messages: Message[] }>(socket, 'message:list', { meetingId });
  if (!answer.ok) throw new Error(`message:list refused: ${answer.error.code}`);
  return answer.data.messages;
}

const ids = (events: MessageChanged[]) => events.flatMap((e) => e.messages.map((m) => m.id));
/** Which of these ids the events carried: events of an earlier test may still be arriving on other sockets. */
const heardOf = (events: MessageChanged[] | undefined, wanted: readonly string[]) =>
  ids(events ?? []).filter((id) => wanted.includes(id));
const code = (answer: Ack<unknown>) => (answer.ok ? 'ok' : answer.error.code);
/** Events that would have arrived by now have: the server sends them before its answer's receipt. */
const settle = () => new Promise((r) => setTimeout(r, 150));

describe('a request to the desk', () => {
  it('reaches its sender and the secretaries only; the chair only when the sender chose so', async () => {
    const heard = Object.fromEntries(
      [delegate, other, secretary, chair, observer].map((p) => [
        p.username,
        collect<MessageChanged>(p.socket, 'message:changed'),
      ]),
    );
    const hidden = await request(delegate, { topic: 'print', text: 'Cần bản in tờ trình số 3', chairMaySee: false });
    const shown = await request(delegate, { topic: 'microphone', text: '', chairMaySee: true });
    await settle();
    const both = [hidden, shown];
    expect(heardOf(heard.daibieu1, both)).toEqual(both);
    expect(heardOf(heard.thuky, both)).toEqual(both);
    expect(heardOf(heard.chutoa, both)).toEqual([shown]);
    expect(heardOf(heard.daibieu2, both)).toEqual([]);
    expect(heardOf(heard.phonghop, both)).toEqual([]);

    const mine = (await listOf(delegate.socket)).find((m) => m.id === hidden);
    expect(mine).toMatchObject({
      kind: 'request',
      topic: 'print',
      text: 'Cần bản in tờ trình số 3',
      state: 'open',
      chairMaySee: false,
      sender: { id: delegate.userId },
      recipient: null,
      rev: 1,
    });
    expect((await listOf(secretary.socket)).map((m) => m.id)).toEqual(expect.arrayContaining([hidden, shown]));
    const chairs = (await listOf(chair.socket)).map((m) => m.id);
    expect(chairs).toContain(shown);
    expect(chairs).not.toContain(hidden);
    for (const p of [other, observer]) expect((await listOf(p.socket)).map((m) => m.id)).not.toContain(hidden);
  });

  it("carries the sender's seat from their account to the desk, and no seat for one without", async () => {
    await h.server.store.db.updateTable('users').set({ seat: 'B-12' }).where('id', '=', other.userId).execute();
    await h.server.store.db.updateTable('users').set({ seat: '' }).where('id', '=', delegate.userId).execute();
    const seated = await request(other, { topic: 'water', text: `Xin nước ${uuidv7()}`, chairMaySee: false });
    const unseated = await request(delegate, { topic: 'water', text: `Xin nước ${uuidv7()}`, chairMaySee: false });
    const desk = await listOf(secretary.socket);
    expect(desk.find((m) => m.id === seated)?.sender).toEqual({
      id: other.userId,
      displayName: expect.any(String),
      seat: 'B-12',
    });
    expect(desk.find((m) => m.id === unseated)?.sender).not.toHaveProperty('seat');
    for (const id of [seated, unseated])
      expect(code(await send(secretary.socket, 'message:answer', { messageId: id, state: 'done' }))).toBe('ok');
  });

  it("brings the secretary's answer and each state to the sender's two devices", async () => {
    const second = await h.connect('daibieu1');
    await syncAll(second.socket);
    const devices = [delegate.socket, second.socket].map((s) => collect<MessageChanged>(s, 'message:changed'));
    const id = await request(delegate, { topic: 'device', text: 'Máy tính bảng không sạc được', chairMaySee: false });
    expect(code(await send(secretary.socket, 'message:answer', { messageId: id, state: 'acknowledged' }))).toBe('ok');
    expect(
      code(await send(secretary.socket, 'message:answer', { messageId: id, state: 'done', answer: 'Đã thay máy' })),
    ).toBe('ok');
    for (const events of devices) {
      await waitFor(() => events.flatMap((e) => e.messages).filter((m) => m.id === id).length === 3);
      const seen = events.flatMap((e) => e.messages).filter((m) => m.id === id);
      expect(seen.map((m) => [m.state, m.answer, m.rev])).toEqual([
        ['open', '', 1],
        ['acknowledged', '', 2],
        ['done', 'Đã thay máy', 3],
      ]);
      expect(seen[2]?.answeredBy).toEqual({ id: secretary.userId, displayName: expect.any(String) });
    }
    // Done is final: neither the desk nor the sender changes it again.
    expect(code(await send(secretary.socket, 'message:answer', { messageId: id, state: 'declined' }))).toBe('CONFLICT');
    expect(code(await send(delegate.socket, 'message:withdraw', { messageId: id }))).toBe('CONFLICT');
    second.socket.disconnect();
  });

  it('is withdrawn by its sender alone, once', async () => {
    const heard = collect<MessageChanged>(secretary.socket, 'message:changed');
    const id = await request(delegate, { topic: 'water', text: '', chairMaySee: false });
    expect(code(await send(other.socket, 'message:withdraw', { messageId: id }))).toBe('NOT_FOUND');
    expect(code(await send(delegate.socket, 'message:withdraw', { messageId: id }))).toBe('ok');
    expect(code(await send(delegate.socket, 'message:withdraw', { messageId: id }))).toBe('ok');
    await waitFor(() => heard.some((e) => e.messages.some((m) => m.id === id && m.state === 'withdrawn')));
    expect(code(await send(secretary.socket, 'message:answer', { messageId: id, state: 'done' }))).toBe('CONFLICT');
  });

  it('is refused the same request twice while it is open, NFC or not; another text is another request', async () => {
    const composed = 'Xin thêm một bản in';
    await request(other, { topic: 'print', text: composed, chairMaySee: false });
    const again = await send(other.socket, 'message:request', {
      topic: 'print',
      text: composed.normalize('NFD'),
      chairMaySee: true,
    });
    expect(code(again)).toBe('CONFLICT');
    expect(again.ok ? null : again.error.message.vi).toMatch(/đã gửi yêu cầu này/);
    expect(
      code(await send(other.socket, 'message:request', { topic: 'other', text: composed, chairMaySee: false })),
    ).toBe('ok');
  });
});

describe('a notice', () => {
  it('to one person reaches that person, the chair and the secretaries, nobody else', async () => {
    const heard = Object.fromEntries(
      [delegate, other, secretary, chair, observer].map((p) => [
        p.username,
        collect<MessageChanged>(p.socket, 'message:changed'),
      ]),
    );
    const commandId = uuidv7();
    const answer = await ask(chair.socket, 'message:notice', {
      commandId,
      meetingId,
      to: other.userId,
      text: 'Mời đại biểu phát biểu sau mục 2',
    });
    expect(code(answer)).toBe('ok');
    await settle();
    for (const name of ['daibieu2', 'thuky', 'chutoa']) expect(heardOf(heard[name], [commandId])).toEqual([commandId]);
    for (const name of ['daibieu1', 'phonghop']) expect(heardOf(heard[name], [commandId])).toEqual([]);
    expect((await listOf(other.socket)).find((m) => m.id === commandId)).toMatchObject({
      kind: 'notice',
      topic: null,
      state: null,
      recipient: { id: other.userId },
      sender: { id: chair.userId },
    });
    expect((await listOf(delegate.socket)).map((m) => m.id)).not.toContain(commandId);
  });

  it('to all reaches every tablet of the meeting, the room display too', async () => {
    const people = [delegate, other, third, secretary, chair, observer];
    const heard = people.map((p) => collect<MessageChanged>(p.socket, 'message:changed'));
    const commandId = uuidv7();
    expect(
      code(
        await ask(secretary.socket, 'message:notice', {
          commandId,
          meetingId,
          to: null,
          text: 'Nghỉ giải lao 15 phút',
        }),
      ),
    ).toBe('ok');
    for (const events of heard) await waitFor(() => ids(events).includes(commandId));
    for (const p of people) expect((await listOf(p.socket)).map((m) => m.id)).toContain(commandId);
  });

  it('to someone who takes no part is refused', async () => {
    const answer = await send(chair.socket, 'message:notice', { to: uuidv7(), text: 'Không ai nhận' });
    expect(code(answer)).toBe('NOT_FOUND');
  });
});

describe('who may send what', () => {
  it('refuses the wrong role, whatever the message', async () => {
    const id = await request(third, { topic: 'other', text: 'Xin tài liệu bổ sung', chairMaySee: true });
    const tries: Array<[Person, string, Record<string, unknown>]> = [
      [observer, 'message:request', { topic: 'print', text: '', chairMaySee: false }],
      [delegate, 'message:notice', { to: null, text: 'Tôi thông báo' }],
      [observer, 'message:notice', { to: null, text: 'Màn hình thông báo' }],
      [delegate, 'message:answer', { messageId: id, state: 'done' }],
      [chair, 'message:answer', { messageId: id, state: 'declined' }],
      [delegate, 'message:answer', { messageId: uuidv7(), state: 'done' }],
    ];
    for (const [p, name, payload] of tries)
      expect(`${p.username} ${name}: ${code(await send(p.socket, name, payload))}`).toBe(
        `${p.username} ${name}: FORBIDDEN`,
      );
    const row = await h.server.store.db
      .selectFrom('meeting_messages')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toMatchObject({ state: 'open', answer: '', answered_by: null, rev: 1 });
  });

  it('refuses malformed payloads', async () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      ['message:request', { topic: 'pizza', text: '', chairMaySee: false }],
      ['message:request', { topic: 'print', text: 'x'.repeat(501), chairMaySee: false }],
      ['message:request', { topic: 'print', text: 'chuông\u0007', chairMaySee: false }],
      ['message:request', { topic: 'print', text: '' }],
      ['message:request', { topic: 'print', text: '', chairMaySee: 'yes' }],
      ['message:request', { topic: 'print', text: '', chairMaySee: false, senderId: uuidv7() }],
      ['message:answer', { messageId: uuidv7() }],
      ['message:answer', { messageId: uuidv7(), state: 'open' }],
      ['message:answer', { messageId: uuidv7(), state: 'withdrawn' }],
      ['message:answer', { messageId: 'not-an-id', state: 'done' }],
      ['message:notice', { to: null, text: '   ' }],
      ['message:notice', { text: 'Không người nhận' }],
      ['message:withdraw', { messageId: 42 }],
    ];
    for (const [name, payload] of bad) {
      const sender = name === 'message:request' || name === 'message:withdraw' ? third : secretary;
      expect(`${name} ${JSON.stringify(payload)}: ${code(await send(sender.socket, name, payload))}`).toMatch(
        /: VALIDATION_FAILED$/,
      );
    }
    expect(code(await ask(third.socket, 'message:list', { meetingId, extra: 1 }))).toBe('VALIDATION_FAILED');
    expect(code(await ask(third.socket, 'message:list', { meetingId: uuidv7() }))).toBe('NOT_FOUND');
  });

  it(`bounds a person's requests to ${MAX_REQUESTS_PER_WINDOW} in 10 minutes, with a reason in both languages`, async () => {
    const before = await h.server.store.db
      .selectFrom('meeting_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sender_id', '=', chair.userId)
      .where('kind', '=', 'request')
      .executeTakeFirstOrThrow();
    for (let i = Number(before.n); i < MAX_REQUESTS_PER_WINDOW; i++)
      await request(chair, { topic: 'other', text: `Yêu cầu số ${i}`, chairMaySee: true });
    const refused = await send(chair.socket, 'message:request', {
      topic: 'water',
      text: 'Một lần nữa',
      chairMaySee: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!refused.ok) {
      expect(refused.error.message.vi).toMatch(/10 yêu cầu trong 10 phút/);
      expect(refused.error.message.en).toMatch(/10 requests in 10 minutes/);
    }
    // Another person's allowance is their own.
    expect(code(await send(other.socket, 'message:request', { topic: 'water', text: '', chairMaySee: false }))).toBe(
      'ok',
    );
  });
});
