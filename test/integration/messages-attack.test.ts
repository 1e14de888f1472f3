import { randomBytes } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt, Message } from '../../shared/protocol/index.js';
import { findIn, meetingRecord, newLoot, recordEvents, type Loot } from '../support/annotation-attack.js';
import { demoRoomForFile, person, type Person } from '../support/document-attack-room.js';
import { ask, type Harness, type TestSocket } from '../support/server-harness.js';

/**
 * Attacks on the delegates' requests to the desk (issue 12): delegate A asks for things with
 * a marker in the text, the secretary answers with another; the other delegates, the observer
 * (the room display), the chair (A did not let them see) and an administrator who is no
 * participant listen on every socket and knock on every door: the list, the sync and
 * catch-up, the search, commands on A's ids, the HTTP API, the refusals' codes and bounds.
 * Nothing of A's requests may reach them, nor stand in the meeting's record.
 */
let h: Harness;
let A: Person;
let B: Person;
let C: Person;
let secretary: Person;
let chair: Person;
let observer: Person;
let admin: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ delegate: A, other: B, third: C, secretary, chair, observer, meetingId } = room);
});

const marker = `BIMAT-${randomBytes(5).toString('hex')}`;
const answerMarker = `TRALOI-${randomBytes(5).toString('hex')}`;
const requestIds: string[] = [];
let attackers: Array<{ name: string; p: Person; loot: Loot }>;

function keep<T>(loot: Loot, answer: Ack<T>): Ack<T> {
  loot.answers.push(JSON.stringify(answer));
  return answer;
}

const command = (socket: TestSocket, name: string, payload: Record<string, unknown>) =>
  ask<CommandReceipt>(socket, name, { commandId: uuidv7(), meetingId, ...payload });

beforeAll(async () => {
  admin = await person(h, 'admin');
  attackers = [
    { name: 'other delegate', p: B },
    { name: 'third delegate', p: C },
    { name: 'observer', p: observer },
    { name: 'chair (not chosen)', p: chair },
    { name: 'admin', p: admin },
  ].map((a) => ({ ...a, loot: newLoot() }));
  // Listening from before the first request, on the sockets they already had.
  for (const a of attackers) recordEvents(a.p.socket, a.loot);
  for (const topic of ['print', 'device', 'water'] as const) {
    const commandId = uuidv7();
    const answer = await ask(A.socket, 'message:request', {
      commandId,
      meetingId,
      topic,
      text: `${marker} ${topic}`,
      chairMaySee: false,
    });
    if (!answer.ok) throw new Error(`request refused: ${answer.error.code}`);
    requestIds.push(commandId);
  }
  const first = requestIds[0] as string;
  for (const payload of [
    { messageId: first, state: 'acknowledged' },
    { messageId: first, answer: `${answerMarker} đang in` },
    { messageId: requestIds[1], state: 'declined', answer: answerMarker },
  ]) {
    const answer = await command(secretary.socket, 'message:answer', payload);
    if (!answer.ok) throw new Error(`answer refused: ${answer.error.code}`);
  }
  if (!(await command(A.socket, 'message:withdraw', { messageId: requestIds[2] })).ok) throw new Error('withdraw');
}, 30_000);

describe("another person's requests", () => {
  it("are in nobody else's list, sync, catch-up or search", async () => {
    for (const { p, loot } of attackers) {
      const listed = keep(loot, await ask<{ messages: Message[] }>(p.socket, 'message:list', { meetingId }));
      if (listed.ok)
        expect(listed.data.messages.filter((m) => m.kind === 'request' && m.sender.id === A.userId)).toEqual([]);
      keep(loot, await ask(p.socket, 'session:sync', { cursors: {} }));
      keep(loot, await ask(p.socket, 'meeting:catch-up', { meetingId, sinceSeq: 0 }));
      keep(loot, await ask(p.socket, 'document:search', { meetingId, q: marker }));
    }
    // While the secretary and A do see them all, as they are now.
    const desk = await ask<{ messages: Message[] }>(secretary.socket, 'message:list', { meetingId });
    const own = await ask<{ messages: Message[] }>(A.socket, 'message:list', { meetingId });
    for (const answer of [desk, own]) {
      const states = answer.ok ? answer.data.messages.filter((m) => requestIds.includes(m.id)).map((m) => m.state) : [];
      expect(states.sort()).toEqual(['acknowledged', 'declined', 'withdrawn']);
    }
  });

  it("answer commands on their ids exactly as on ids that are nobody's", async () => {
    const nobody = uuidv7();
    for (const { name, p, loot } of attackers) {
      for (const [cmd, extra] of [
        ['message:withdraw', {}],
        ['message:answer', { state: 'done', answer: 'Đã xong' }],
        ['message:answer', { answer: 'Chen ngang' }],
      ] as const) {
        const onTheirs = keep(loot, await command(p.socket, cmd, { messageId: requestIds[0], ...extra }));
        const onNone = keep(loot, await command(p.socket, cmd, { messageId: nobody, ...extra }));
        expect(`${name} ${cmd}: ${JSON.stringify(onTheirs)}`).toBe(`${name} ${cmd}: ${JSON.stringify(onNone)}`);
        expect(onTheirs.ok).toBe(false);
      }
    }
    const row = await h.server.store.db
      .selectFrom('meeting_messages')
      .select(['state', 'answer', 'rev'])
      .where('id', '=', requestIds[0] as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'acknowledged', answer: `${answerMarker} đang in`, rev: 3 });
  });

  it("leave others' bounds alone: the same request is no duplicate for someone else, and A's count is A's", async () => {
    // A's open request is no twin of B's: the same topic and words are B's to ask too.
    const words = 'Cần bản in tờ trình';
    expect((await command(A.socket, 'message:request', { topic: 'print', text: words, chairMaySee: false })).ok).toBe(
      true,
    );
    expect((await command(B.socket, 'message:request', { topic: 'print', text: words, chairMaySee: false })).ok).toBe(
      true,
    );
    // A fills their allowance; B's is untouched.
    let refused: Ack<CommandReceipt> | null = null;
    for (let i = 0; i < 12 && !refused; i++) {
      const answer = await command(A.socket, 'message:request', {
        topic: 'other',
        text: `${marker} ${i}`,
        chairMaySee: false,
      });
      if (!answer.ok) refused = answer;
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await command(B.socket, 'message:request', { topic: 'water', text: '', chairMaySee: false })).ok).toBe(
      true,
    );
  });

  it('reach no socket of theirs, no HTTP route, and nothing of them stands in the change log or the audit log', async () => {
    for (const { p, loot } of attackers)
      for (const path of [
        `/api/meetings/${meetingId}/messages`,
        `/api/messages/${requestIds[0]}`,
        `/api/meetings/${meetingId}`,
        `/api/meetings/${meetingId}/documents`,
      ]) {
        const res = await fetch(`${h.server.url}${path}`, { headers: { authorization: `Bearer ${p.token}` } });
        loot.answers.push(await res.text());
      }
    for (const { name, loot } of attackers) {
      expect(`${name}: ${findIn(loot, [marker, answerMarker, ...requestIds]).join('\n')}`).toBe(`${name}: `);
    }
    const record = await meetingRecord(h);
    const inChanges = record.changes.filter((r) => [marker, answerMarker, ...requestIds].some((n) => r.includes(n)));
    expect(inChanges).toEqual([]);
    // The audit log says that requests were made and answered, never what they asked or were told.
    expect(record.audit.filter((r) => r.includes(marker) || r.includes(answerMarker))).toEqual([]);
    const audited = await h.server.store.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', 'like', 'message:%')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    for (const row of audited) {
      const detail = JSON.parse(row.detail) as Record<string, unknown>;
      for (const forbidden of ['topic', 'text', 'answer', 'body']) expect(detail).not.toHaveProperty(forbidden);
    }
  });

  it('go with the desk: a secretary who is made a delegate again lists none of them, and is told to sync', async () => {
    const secretaryNow = await command(secretary.socket, 'participant:set', { userId: C.userId, role: 'secretary' });
    expect(secretaryNow.ok).toBe(true);
    const asDesk = await ask<{ messages: Message[] }>(C.socket, 'message:list', { meetingId });
    expect(asDesk.ok && asDesk.data.messages.some((m) => m.id === requestIds[0])).toBe(true);
    const refreshed = new Promise((resolve) => C.socket.once('session:refresh', resolve));
    expect((await command(secretary.socket, 'participant:set', { userId: C.userId, role: 'delegate' })).ok).toBe(true);
    await refreshed;
    const asDelegate = await ask<{ messages: Message[] }>(C.socket, 'message:list', { meetingId });
    expect(asDelegate.ok ? asDelegate.data.messages.filter((m) => requestIds.includes(m.id)) : null).toEqual([]);
  });
});
