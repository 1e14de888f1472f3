import type { TestSocket } from '../support/server-harness.js';
import { yesNoVote } from '../support/vote-fixtures.js';
import { sendOk } from './commands.js';
import type { DelegateCrowd } from './crowd.js';

/** A secret yes/no/abstain vote, created as a draft by `chair` (the chair or a secretary). */
export async function draftVote(chair: TestSocket, meetingId: string): Promise<string> {
  const vote = yesNoVote({ kind: 'secret' });
  await sendOk(chair, 'vote:create', { meetingId, ...vote });
  return vote.voteId;
}

/**
 * The chair opens the vote; resolves with each delegate's milliseconds from the chair's emit
 * of `vote:open` to the arrival of that vote's `vote:opened` change at the delegate.
 */
export async function openVoteFanOut(chair: TestSocket, crowd: DelegateCrowd, voteId: string): Promise<number[]> {
  const arrived = crowd.arrivals((c) => c.type === 'vote:opened' && c.data.vote.id === voteId);
  const t0 = performance.now();
  await sendOk(chair, 'vote:open', { meetingId: crowd.meetingId, voteId });
  return (await arrived).map((at) => at - t0);
}

/** Every delegate casts `yes` at once (each with its own ballot key). */
export function castAll(crowd: DelegateCrowd, voteId: string) {
  return crowd.burst((d) => d.cast(voteId, ['yes']));
}

/** Closes the vote and publishes its result (the next vote may open only then); the receipt's seq. */
export async function closeAndPublish(chair: TestSocket, meetingId: string, voteId: string): Promise<number> {
  await sendOk(chair, 'vote:close', { meetingId, voteId });
  return (await sendOk(chair, 'vote:publish', { meetingId, voteId })).seq;
}

/** Cancels the vote; the receipt's seq. */
export async function cancelVote(chair: TestSocket, meetingId: string, voteId: string): Promise<number> {
  return (await sendOk(chair, 'vote:cancel', { meetingId, voteId, reason: 'Đo thời gian' })).seq;
}
