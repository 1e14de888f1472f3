import { uuidv7 } from 'uuidv7';
import type { CommandPayload, CommandReceipt, MeetingSummary } from '../../shared/protocol/index.js';
import { ask, syncAll, type Harness, type TestSocket } from './server-harness.js';

export interface Member {
  username: string;
  userId: string;
  socket: TestSocket;
}

export async function joinMeeting(
  h: Pick<Harness, 'connect'>,
  username: string,
): Promise<Member & { meeting: MeetingSummary }> {
  const { socket, login } = await h.connect(username);
  const { meetings } = await syncAll(socket);
  const meeting = meetings[0];
  if (!meeting) throw new Error(`${username} sees no meeting`);
  return { username, userId: login.user.id, socket, meeting };
}

export async function must<T = CommandReceipt>(
  socket: TestSocket,
  event: string,
  payload: Record<string, unknown>,
): Promise<T> {
  const answer = await ask<T>(socket, event, { commandId: uuidv7(), ...payload });
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code} ${answer.error.message.en}`);
  return answer.data;
}

export type VoteDefinition = Omit<CommandPayload<'vote:create'>, 'commandId' | 'meetingId'>;

export const yesNoVote = (over: Partial<VoteDefinition> = {}): VoteDefinition => ({
  voteId: uuidv7(),
  agendaItemId: null,
  question: 'Thông qua Nghị quyết về dự toán ngân sách năm 2027?',
  kind: 'named',
  options: { type: 'yes-no-abstain' },
  rule: 'simple',
  base: 'yes-no',
  quorum: 'none',
  allowChange: false,
  durationSeconds: null,
  ...over,
});

export function currentVote(h: Harness, voteId: string) {
  return h.server.db.prepare('SELECT status, ballot_count, result FROM votes WHERE id = ?').get(voteId) as {
    status: string;
    ballot_count: number;
    result: string | null;
  };
}
