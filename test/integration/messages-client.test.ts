import { describe, expect, it } from 'vitest';
import type { HeldMessage, MeetingClient } from '../../shared/client/index.js';
import { waitFor } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';
import { tablet } from '../support/tablet.js';

/**
 * Messages through the product's own client core and a real server (SQLite here, PostgreSQL
 * in the `postgres` project): a delegate's request, sent from one tablet, shows on their other
 * tablet and on the secretary's; the answer and the state come back to both of the
 * delegate's; a notice to all reaches the room display; nothing reaches another delegate.
 */
const { h, clients } = serverEachTest();

async function device(username: string): Promise<MeetingClient> {
  const t = tablet(h, clients);
  await t.signIn(username);
  await waitFor(
    () => t.client.getState().connection === 'online' && Object.keys(t.client.getState().meetings).length > 0,
  );
  return t.client;
}

const shown = (client: MeetingClient, meetingId: string): readonly HeldMessage[] =>
  client.getState().messages[meetingId] ?? [];

describe('messages on tablets', () => {
  it("bring a request to the desk and the desk's answer to the sender's two tablets, and nowhere else", async () => {
    const [first, second, desk, neighbour, display] = await Promise.all(
      ['daibieu1', 'daibieu1', 'thuky', 'daibieu2', 'phonghop'].map(device),
    );
    const meetingId = Object.keys((first as MeetingClient).getState().meetings)[0] as string;
    const sent = await (first as MeetingClient).send('message:request', {
      meetingId,
      topic: 'print',
      text: 'Cần bản in tờ trình',
      chairMaySee: false,
    });
    expect(sent.ok).toBe(true);
    const id = sent.ok ? sent.data.commandId : '';
    for (const c of [first, second, desk] as MeetingClient[])
      await waitFor(() => shown(c, meetingId).some((m) => m.id === id && !m.pending));
    const answered = await (desk as MeetingClient).send('message:answer', {
      meetingId,
      messageId: id,
      state: 'done',
      answer: 'Đã gửi bản in đến chỗ ngồi',
    });
    expect(answered.ok).toBe(true);
    for (const c of [first, second] as MeetingClient[]) {
      await waitFor(() => shown(c, meetingId).some((m) => m.id === id && m.state === 'done'));
      expect(shown(c, meetingId).find((m) => m.id === id)).toMatchObject({
        answer: 'Đã gửi bản in đến chỗ ngồi',
        answeredBy: { displayName: expect.any(String) },
        pending: false,
      });
    }
    const notice = await (desk as MeetingClient).send('message:notice', { meetingId, to: null, text: 'Nghỉ giải lao' });
    expect(notice.ok).toBe(true);
    await waitFor(() => shown(display as MeetingClient, meetingId).some((m) => m.kind === 'notice'));
    await waitFor(() => shown(neighbour as MeetingClient, meetingId).some((m) => m.kind === 'notice'));
    expect(shown(neighbour as MeetingClient, meetingId).filter((m) => m.kind === 'request')).toEqual([]);
    expect(shown(display as MeetingClient, meetingId).filter((m) => m.kind === 'request')).toEqual([]);
  });
});
