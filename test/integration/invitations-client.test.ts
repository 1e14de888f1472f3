import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { CommandInput, MeetingClient } from '../../shared/client/index.js';
import type { CommandName, Invitation } from '../../shared/protocol/index.js';
import { waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';

/**
 * Invitations through the product's own client core and a real server (SQLite here,
 * PostgreSQL in the `postgres` project): sent out, each tablet holds its person's own
 * invitation and the secretary's every one; a delegate's reply with its reason reaches the
 * secretary's tablet, and never another delegate's.
 */
const { h, clients } = serverEachTest();

async function device(username: string): Promise<MeetingClient> {
  const t = tablet(h, clients);
  await t.signIn(username);
  await waitFor(() => t.client.getState().connection === 'online');
  return t.client;
}

const held = (client: MeetingClient, meetingId: string): readonly Invitation[] =>
  client.getState().invitations?.[meetingId] ?? [];
const userOf = (client: MeetingClient) => client.getState().user?.id ?? '';

describe('invitations on tablets', () => {
  it("hold each person's own invitation, the secretary's all, and bring a reply with its reason to the secretary only", async () => {
    const [desk, first, second] = (await Promise.all(['thuky', 'daibieu1', 'daibieu2'].map(device))) as [
      MeetingClient,
      MeetingClient,
      MeetingClient,
    ];
    const meetingId = uuidv7();
    const must = async <N extends CommandName>(client: MeetingClient, name: N, payload: CommandInput<N>) => {
      const answer = await client.send(name, payload);
      if (!answer.ok) throw new Error(`${name} refused: ${answer.error.code}`);
    };
    await must(desk, 'meeting:create', {
      meetingId,
      title: 'Phiên họp giao ban tuần',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: 'Phòng 305',
      organisation: 'Văn phòng',
    });
    for (const person of [first, second])
      await must(desk, 'participant:set', { meetingId, userId: userOf(person), role: 'delegate' });
    await must(desk, 'meeting:publish', { meetingId });

    // The delegates are invited; the secretary, who sends the invitations, is not.
    await waitFor(() => held(desk, meetingId).length === 2, 5000, "the secretary's two invitations");
    for (const person of [first, second]) {
      await waitFor(() => held(person, meetingId).length === 1, 5000, 'a delegate’s own invitation');
      expect(held(person, meetingId).map((i) => [i.userId, i.reply])).toEqual([[userOf(person), 'pending']]);
    }

    const reason = 'Nghỉ phép theo lịch đã duyệt';
    await must(first, 'invitation:reply', { meetingId, reply: 'absent', reason });
    await waitFor(
      () => held(desk, meetingId).some((i) => i.userId === userOf(first) && i.reply === 'absent'),
      5000,
      'the reply on the secretary’s tablet',
    );
    expect(held(desk, meetingId).find((i) => i.userId === userOf(first))?.reason).toBe(reason);
    await waitFor(() => held(first, meetingId)[0]?.reply === 'absent');
    expect(held(second, meetingId).map((i) => i.userId)).toEqual([userOf(second)]);
    expect(JSON.stringify(second.getState())).not.toContain(reason);
  });
});
