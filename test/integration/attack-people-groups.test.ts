import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandReceipt, Group, Person } from '../../shared/protocol/index.js';
import { ask, startHarness, type Harness, type TestSocket } from '../support/server-harness.js';
import { joinMeeting, must, type Member } from '../support/vote-fixtures.js';

/**
 * Attacks on groups added to a meeting: `participants:add-group` says it is "as if added one
 * by one", so whoever it adds to a meeting already sent out must be invited, as
 * `participant:set` invites them.
 */
let h: Harness;
let admin: TestSocket;
let secretary: Member & { meeting: { id: string; status: string } };
let n = 0;

beforeAll(async () => {
  h = await startHarness();
  admin = (await h.connect('admin')).socket;
  secretary = await joinMeeting(h, 'thuky');
});
afterAll(async () => {
  admin?.disconnect();
  await h?.cleanup();
});

async function asks<T>(socket: TestSocket, event: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}
const create = async () =>
  (
    await asks<{ person: Person }>(admin, 'people:create', {
      username: `nhom${(n += 1)}`,
      displayName: 'Thành viên nhóm',
      title: '',
      unit: '',
      seat: '',
      email: '',
      canCreateMeetings: false,
      managesPeople: false,
    })
  ).person;

const invited = async (meetingId: string, userIds: string[]) =>
  (
    await h.server.store.db
      .selectFrom('meeting_invitations')
      .select('user_id')
      .where('meeting_id', '=', meetingId)
      .where('user_id', 'in', userIds)
      .execute()
  ).map((r) => r.user_id);

describe('a group added to a meeting already sent out', () => {
  it('invites its members as participant:set invites one person', async () => {
    const meetingId = secretary.meeting.id;
    expect(secretary.meeting.status).toBe('published');
    const alone = await create();
    await must(secretary.socket, 'participant:set', { meetingId, userId: alone.id, role: 'delegate' });
    expect(await invited(meetingId, [alone.id])).toEqual([alone.id]);
    const members = [await create(), await create()];
    const { group } = await asks<{ group: Group }>(admin, 'group:create', {
      name: 'Tổ mời',
      memberIds: members.map((m) => m.id),
    });
    const receipt = await must<CommandReceipt>(secretary.socket, 'participants:add-group', {
      commandId: uuidv7(),
      meetingId,
      groupId: group.id,
      role: 'delegate',
    });
    expect(receipt).toMatchObject({ added: 2 });
    expect(
      (
        await invited(
          meetingId,
          members.map((m) => m.id),
        )
      ).sort(),
    ).toEqual(members.map((m) => m.id).sort());
  });
});
