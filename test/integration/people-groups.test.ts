import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReceipt, Group, LoginResponse, Person } from '../../shared/protocol/index.js';
import { listParticipants } from '../../server/meetings/meeting-queries.js';
import {
  ask,
  connectSocket,
  nextEvent,
  startHarness,
  waitFor,
  type Harness,
  type TestSocket,
} from '../support/server-harness.js';
import { joinMeeting, must, yesNoVote, type Member } from '../support/vote-fixtures.js';

/**
 * People administration and groups over real sockets, on the test's engine: who may write
 * accounts and groups, a disabled person signed out at once, and a group added to a meeting
 * in one command.
 */
let h: Harness;
let admin: TestSocket;
let secretary: Member & { meeting: { id: string } };
let delegate: Member;
let meetingId: string;
let n = 0;
const unique = (prefix: string) => `${prefix}-${(n += 1)}`;
const details = {
  displayName: 'Nguyễn Thị Ánh Tuyết',
  title: 'Phó Trưởng ban',
  unit: 'Ban Kinh tế - Ngân sách',
  seat: '14',
  email: 'tuyet@hdnd.example',
  canCreateMeetings: false,
  managesPeople: false,
};

async function asks<T>(socket: TestSocket, event: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}
const create = async (by: TestSocket, extra: Partial<typeof details> = {}) =>
  asks<{ person: Person; password: { password: string } }>(by, 'people:create', {
    username: unique('nguoi'),
    ...details,
    ...extra,
  });
const audited = async (action: string) =>
  (await h.server.store.db.selectFrom('audit_log').select('detail').where('action', '=', action).execute()).length;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
  secretary = await joinMeeting(h, 'thuky');
  delegate = await joinMeeting(h, 'daibieu1');
  meetingId = secretary.meeting.id;
});
afterAll(async () => {
  await h?.cleanup();
});

describe('people', () => {
  it('lets the people manager create and edit accounts, with an audit row each, and nobody else', async () => {
    const before = await audited('people:create');
    const made = await create(secretary.socket);
    expect(made.person).toMatchObject({ ...details, mustChangePassword: true, disabled: false });
    expect(await audited('people:create')).toBe(before + 1);
    const edited = await asks<{ person: Person }>(secretary.socket, 'people:update', {
      userId: made.person.id,
      ...details,
      displayName: 'Trần Quốc Đạt',
      seat: 'B-2',
    });
    expect(edited.person).toMatchObject({ displayName: 'Trần Quốc Đạt', seat: 'B-2' });
    const refused = await ask(delegate.socket, 'people:create', { username: unique('x'), ...details });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: { vi: expect.any(String) } } });
    expect(await ask(delegate.socket, 'people:list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const taken = await ask(secretary.socket, 'people:create', { username: 'thuky', ...details });
    expect(taken).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = await ask(secretary.socket, 'people:create', { username: unique('y'), ...details, email: 'không' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('keeps the right to manage people and admin accounts for admins', async () => {
    const grant = await ask(secretary.socket, 'people:create', {
      username: unique('z'),
      ...details,
      managesPeople: true,
    });
    expect(grant).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const adminId = (await h.login('admin')).user.id;
    const onAdmin = await ask(secretary.socket, 'people:reset-password', { userId: adminId });
    expect(onAdmin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const granted = await create(admin, { managesPeople: true });
    expect(granted.person.managesPeople).toBe(true);
  });

  it('signs a disabled person out at once, and lets them back in once enabled', async () => {
    const made = await create(secretary.socket);
    const username = made.person.username;
    const login = async () =>
      fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: made.password.password }),
      });
    const first = (await (await login()).json()) as { token: string };
    const socket = await connectSocket(h.server.url, first.token);
    let cut = false;
    socket.on('disconnect', () => {
      cut = true;
    });
    await asks(secretary.socket, 'people:set-disabled', { userId: made.person.id, disabled: true });
    await waitFor(() => cut, 5000, 'the disabled person to be disconnected');
    expect((await login()).status).toBe(401);
    const me = await fetch(`${h.server.url}/api/auth/me`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(me.status).toBe(401);
    await asks(secretary.socket, 'people:set-disabled', { userId: made.person.id, disabled: false });
    expect((await login()).status).toBe(200);
    const self = await ask(secretary.socket, 'people:set-disabled', { userId: secretary.userId, disabled: true });
    expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('resets a password to a new one-time one: the old one stops working', async () => {
    const made = await create(secretary.socket);
    const reset = await asks<{ password: { password: string } }>(secretary.socket, 'people:reset-password', {
      userId: made.person.id,
    });
    expect(reset.password.password).not.toBe(made.password.password);
    const signIn = (password: string) =>
      fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: made.person.username, password }),
      });
    expect((await signIn(made.password.password)).status).toBe(401);
    expect((await signIn(reset.password.password)).status).toBe(200);
    expect(await audited('people:reset-password')).toBeGreaterThan(0);
  });
});

describe('a one-time password', () => {
  it('is replaced by the person, who must give it again; the flag goes with it', async () => {
    const made = await create(secretary.socket);
    const signIn = (password: string) =>
      fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: made.person.username, password }),
      });
    const first = (await (await signIn(made.password.password)).json()) as LoginResponse;
    expect(first.user.mustChangePassword).toBe(true);
    const socket = await connectSocket(h.server.url, first.token);
    const wrong = await ask(socket, 'account:change-password', {
      currentPassword: 'khong-dung',
      newPassword: 'mat-khau-moi-cua-toi',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const short = await ask(socket, 'account:change-password', {
      currentPassword: made.password.password,
      newPassword: 'ngan',
    });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await asks(socket, 'account:change-password', {
      currentPassword: made.password.password,
      newPassword: 'mat-khau-moi-cua-toi',
    });
    expect((await signIn(made.password.password)).status).toBe(401);
    const again = (await (await signIn('mat-khau-moi-cua-toi')).json()) as LoginResponse;
    expect(again.user.mustChangePassword).toBe(false);
    expect(await audited('account:password-changed')).toBeGreaterThan(0);
    socket.disconnect();
  });
});

describe('a session on a one-time password', () => {
  it('may do nothing but choose the password: no sync, no command, no HTTP but sign-out and who-am-I', async () => {
    const made = await create(secretary.socket);
    const first = (await (
      await fetch(`${h.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: made.person.username, password: made.password.password }),
      })
    ).json()) as LoginResponse;
    const bearer = { authorization: `Bearer ${first.token}` };
    const socket = await connectSocket(h.server.url, first.token);
    const refused = { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } };
    expect(await ask(socket, 'session:sync', { cursors: {} })).toMatchObject(refused);
    expect(await ask(socket, 'directory:list-users', {})).toMatchObject(refused);
    expect(
      await ask(socket, 'meeting:create', {
        commandId: uuidv7(),
        meetingId: uuidv7(),
        title: 'Họp thử',
        startsAt: '2027-01-01T08:00:00+07:00',
        place: 'Phòng 1',
        organisation: 'UBND',
      }),
    ).toMatchObject(refused);
    const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const papers = await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, { headers: bearer });
    expect([papers.status, ((await papers.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'PASSWORD_CHANGE_REQUIRED',
    ]);
    expect((await fetch(`${h.server.url}/api/auth/me`, { headers: bearer })).status).toBe(200);

    // Once chosen, the same session works, and its devices are told to sync again.
    const refresh = nextEvent(socket, 'session:refresh', 5000);
    await asks(socket, 'account:change-password', {
      currentPassword: made.password.password,
      newPassword: 'mat-khau-rieng-cua-toi',
    });
    await refresh;
    expect(await ask(socket, 'session:sync', { cursors: {} })).toMatchObject({ ok: true });
    expect((await fetch(`${h.server.url}/api/meetings/${meetingId}/documents`, { headers: bearer })).status).not.toBe(
      403,
    );
    socket.disconnect();
  });
});

describe('groups', () => {
  it('are created, renamed, given members and deleted by people managers only', async () => {
    const a = await create(admin);
    const b = await create(admin);
    const made = await asks<{ group: Group }>(secretary.socket, 'group:create', {
      name: 'Thường trực HĐND',
      memberIds: [a.person.id],
    });
    const twin = await ask(admin, 'group:create', { name: 'thường trực hđnd', memberIds: [] });
    expect(twin).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const renamed = await asks<{ group: Group }>(secretary.socket, 'group:update', {
      groupId: made.group.id,
      name: 'Ban Kinh tế - Ngân sách',
      memberIds: [a.person.id, b.person.id],
    });
    expect(renamed.group).toMatchObject({ name: 'Ban Kinh tế - Ngân sách' });
    expect(renamed.group.memberIds).toHaveLength(2);
    const list = await asks<{ groups: Group[] }>(secretary.socket, 'group:list', {});
    expect(list.groups.map((g) => g.name)).toContain('Ban Kinh tế - Ngân sách');
    for (const [event, payload] of [
      ['group:create', { name: 'Nhóm của đại biểu', memberIds: [] }],
      ['group:update', { groupId: made.group.id, name: 'Đổi tên', memberIds: [] }],
      ['group:delete', { groupId: made.group.id }],
    ] as const)
      expect(await ask(delegate.socket, event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await ask(admin, 'group:update', { groupId: made.group.id, name: 'X', memberIds: [uuidv7()] });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const twice = await ask(admin, 'group:create', { name: 'Trùng', memberIds: [a.person.id, a.person.id] });
    expect(twice).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await asks(secretary.socket, 'group:delete', { groupId: made.group.id });
    expect(await ask(admin, 'group:delete', { groupId: made.group.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await audited('group:delete')).toBe(1);
  });

  it('adds exactly the members not yet taking part, once per command id, refused for a delegate', async () => {
    const fresh = [await create(admin), await create(admin), await create(admin)];
    const disabled = await create(admin);
    await asks(admin, 'people:set-disabled', { userId: disabled.person.id, disabled: true });
    const memberIds = [...fresh.map((p) => p.person.id), disabled.person.id, delegate.userId];
    const { group } = await asks<{ group: Group }>(admin, 'group:create', { name: 'Tổ đại biểu số 1', memberIds });
    const before = await listParticipants(h.server.store.db, meetingId);
    const commandId = uuidv7();
    const payload = { commandId, meetingId, groupId: group.id, role: 'observer' };
    const refused = await ask(delegate.socket, 'participants:add-group', { ...payload, commandId: uuidv7() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const receipt = await must<CommandReceipt>(secretary.socket, 'participants:add-group', payload);
    expect(receipt).toMatchObject({ added: 3, skipped: 2, replayed: false });
    const replay = await must<CommandReceipt>(secretary.socket, 'participants:add-group', payload);
    expect(replay).toMatchObject({ added: 3, skipped: 2, replayed: true, seq: receipt.seq });
    const after = await listParticipants(h.server.store.db, meetingId);
    expect(after).toHaveLength(before.length + 3);
    const added = after.filter((p) => !before.some((b) => b.userId === p.userId));
    expect(added.map((p) => p.userId).sort()).toEqual(fresh.map((p) => p.person.id).sort());
    expect(added.every((p) => p.role === 'observer')).toBe(true);
    // The delegate kept their role.
    expect(after.find((p) => p.userId === delegate.userId)?.role).toBe('delegate');
    const changes = await h.server.store.db
      .selectFrom('meeting_changes')
      .select('type')
      .where('command_id', '=', commandId)
      .execute();
    expect(changes.map((c) => c.type)).toEqual(['participant:set', 'participant:set', 'participant:set']);
    const again = await must<CommandReceipt>(secretary.socket, 'participants:add-group', {
      ...payload,
      commandId: uuidv7(),
    });
    expect(again).toMatchObject({ added: 0, skipped: 5 });
  });

  it('follows the rules of a role change: no new voters while a vote is open, the chair named by an admin', async () => {
    const member = await create(admin);
    const { group } = await asks<{ group: Group }>(admin, 'group:create', {
      name: 'Ban Pháp chế',
      memberIds: [member.person.id],
    });
    const chair = await joinMeeting(h, 'chutoa');
    const asChair = await ask(secretary.socket, 'participants:add-group', {
      commandId: uuidv7(),
      meetingId,
      groupId: group.id,
      role: 'chair',
    });
    expect(asChair).toMatchObject({ ok: false, error: { code: 'CHAIR_ADMIN_ONLY' } });
    const vote = yesNoVote();
    await must(chair.socket, 'vote:create', { meetingId, ...vote });
    await must(chair.socket, 'vote:open', { meetingId, voteId: vote.voteId });
    const during = await ask(secretary.socket, 'participants:add-group', {
      commandId: uuidv7(),
      meetingId,
      groupId: group.id,
      role: 'delegate',
    });
    expect(during).toMatchObject({ ok: false, error: { code: 'VOTE_IN_PROGRESS' } });
    expect((await listParticipants(h.server.store.db, meetingId)).some((p) => p.userId === member.person.id)).toBe(
      false,
    );
    const unknown = await ask(secretary.socket, 'participants:add-group', {
      commandId: uuidv7(),
      meetingId,
      groupId: uuidv7(),
      role: 'observer',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
