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

/** An `agenda:add-item` payload with fresh command and item ids. */
export function agendaItem(meetingId: string, title = 'Mục', presenter = '') {
  return { commandId: uuidv7(), meetingId, itemId: uuidv7(), parentId: null, title, presenter, plannedMinutes: 5 };
}

/** The choices of a yes-no-abstain vote, in the order tests deal them out to voters. */
export const YES_NO_ABSTAIN = ['yes', 'no', 'abstain'] as const;

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

/** The vote's row as the server stored it (on either engine). */
export async function currentVote(h: Pick<Harness, 'server'>, voteId: string) {
  return h.server.store.db
    .selectFrom('votes')
    .select(['status', 'ballot_count', 'result'])
    .where('id', '=', voteId)
    .executeTakeFirstOrThrow();
}

/** Polls the stored vote until `condition` holds (reading it is asynchronous, so `waitFor` cannot). */
export async function waitForVote(
  h: Pick<Harness, 'server'>,
  voteId: string,
  condition: (vote: Awaited<ReturnType<typeof currentVote>>) => boolean,
  timeoutMs = 5000,
  what = 'the vote',
): Promise<void> {
  const start = Date.now();
  while (!condition(await currentVote(h, voteId))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
