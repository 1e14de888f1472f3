import type { Vote } from '../../../shared/protocol/votes.js';

/** What the hold reads of the client core's meetings (ClientState['meetings']): their votes. */
type HeldMeetings = Readonly<Record<string, { readonly votes: readonly Pick<Vote, 'status'>[] }>>;

/**
 * A new version is neither offered nor loaded while a vote is open in any meeting the device
 * holds: a reload in the middle of a vote costs a delegate their ballot and the chair their
 * console. The waiting service worker keeps waiting (it only takes over on SKIP_WAITING).
 */
export function updateHeldByVote(meetings: HeldMeetings): boolean {
  return Object.values(meetings).some((m) => m.votes.some((vote) => vote.status === 'open'));
}
