import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CommandReceipt } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';
import { must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * Archiving takes a meeting out of every participant's default list. A meeting "past its
 * date" may still be running: a session of two days, or one that went on past midnight. The
 * secretary archiving it then (by mistake, or to hide it) must be refused while its session
 * runs or a vote of it is open.
 */
let h: Harness;
let secretary: Member;
let chair: Member;

beforeAll(async () => {
  h = await startHarness();
  const join = async (username: string): Promise<Member> => {
    const { socket, login } = await h.connect(username);
    return { username, userId: login.user.id, socket };
  };
  secretary = await join('thuky');
  chair = await join('chutoa');
});
afterAll(async () => {
  for (const m of [secretary, chair]) m?.socket.disconnect();
  await h?.cleanup();
});

const code = (answer: Ack<unknown>) => (answer.ok ? 'ok' : answer.error.code);
const send = (who: Member, name: string, payload: Record<string, unknown>) =>
  ask<CommandReceipt>(who.socket, name, { commandId: uuidv7(), ...payload });

/** A meeting begun two days ago, sent out, its session started by the chair. */
async function runningSince(): Promise<string> {
  const meetingId = uuidv7();
  const itemId = uuidv7();
  await must(secretary.socket, 'meeting:create', {
    meetingId,
    title: 'Kỳ họp thứ 14 (hai ngày)',
    startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    place: 'Hội trường',
    organisation: 'HĐND',
    voteManagers: ['chair', 'secretary'],
  });
  await must(secretary.socket, 'participant:set', { meetingId, userId: chair.userId, role: 'chair' });
  await must(secretary.socket, 'agenda:add-item', {
    meetingId,
    itemId,
    parentId: null,
    title: 'Dự toán ngân sách',
    presenter: 'Thư ký',
    plannedMinutes: 15,
  });
  await must(secretary.socket, 'meeting:publish', { meetingId });
  await must(chair.socket, 'session:start', { meetingId, itemId });
  return meetingId;
}

describe('archiving a meeting still running', () => {
  it('is refused while its session runs (begun yesterday) or a vote is open', async () => {
    const meetingId = await runningSince();
    const vote = yesNoVote();
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });

    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('CONFLICT');

    await must(chair.socket, 'vote:close', { meetingId, voteId: vote.voteId });
    await must(chair.socket, 'vote:publish', { meetingId, voteId: vote.voteId });
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('CONFLICT');

    await must(chair.socket, 'meeting:close', { meetingId });
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('ok');
  });

  it('is allowed once the meeting is cancelled mid-session (its session stays where it was left)', async () => {
    const meetingId = await runningSince();
    await must(chair.socket, 'meeting:cancel', { meetingId, reason: 'Mất điện' });
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('ok');
  });
});

describe('a meeting archived before it was held', () => {
  it('starts no session, takes no vote, agenda change or paper until it is taken out of the archive', async () => {
    const meetingId = uuidv7();
    const itemId = uuidv7();
    await must(secretary.socket, 'meeting:create', {
      meetingId,
      title: 'Phiên họp chưa tổ chức',
      startsAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      place: 'Phòng 2',
      organisation: 'HĐND',
      voteManagers: ['chair'],
    });
    await must(secretary.socket, 'participant:set', { meetingId, userId: chair.userId, role: 'chair' });
    await must(secretary.socket, 'agenda:add-item', {
      meetingId,
      itemId,
      parentId: null,
      title: 'Báo cáo',
      presenter: 'Thư ký',
      plannedMinutes: 10,
    });
    await must(secretary.socket, 'meeting:publish', { meetingId });
    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: true }))).toBe('ok');

    expect(code(await send(chair, 'session:start', { meetingId, itemId }))).toBe('MEETING_ARCHIVED');
    expect(code(await send(chair, 'vote:create', { meetingId, ...yesNoVote() }))).toBe('MEETING_ARCHIVED');
    const edit = { meetingId, itemId: uuidv7(), parentId: null, title: 'Thêm', presenter: '', plannedMinutes: 5 };
    expect(code(await send(secretary, 'agenda:add-item', edit))).toBe('MEETING_ARCHIVED');
    const form = new FormData();
    form.append('title', 'Tờ trình');
    form.append('file', new Blob([new Uint8Array([37, 80, 68, 70])], { type: 'application/pdf' }), 'a.pdf');
    const token = (await h.login('thuky')).token;
    const upload = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(409);
    expect(((await upload.json()) as { error: { code: string } }).error.code).toBe('MEETING_ARCHIVED');

    expect(code(await send(secretary, 'meeting:archive', { meetingId, archived: false }))).toBe('ok');
    expect(code(await send(chair, 'session:start', { meetingId, itemId }))).toBe('ok');
  });
});
