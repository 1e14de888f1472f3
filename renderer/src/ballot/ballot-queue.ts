import type { MeetingState } from '../../../shared/client/store.js';
import { canInMeeting, hasVote } from '../../../shared/domain/index.js';
import { meetingAccess } from '../meeting/permissions.js';
import type { ProtocolError, User, Vote } from '../../../shared/protocol/index.js';

/** What this device remembers about its ballot in one vote, for as long as the app runs. */
export interface LocalBallot {
  /**
   * choosing: the ballot is shown (again, to change it); queued: sent while offline;
   * recorded: acknowledged; failed: refused (the panel stays to say why); dismissed: closed.
   */
  phase: 'choosing' | 'queued' | 'recorded' | 'failed' | 'dismissed';
  /** Shrunk to a banner ("later"); the chair's starts that way, the console is busy. */
  collapsed?: boolean;
  /** What the person chose last, to show back to them on this device only. */
  choices?: string[];
  /** The command that carried the last ballot, to find its refusal after an offline send. */
  commandId?: string;
  /** That refusal, kept here once taken from the core's list (which then no longer shows it). */
  refusal?: ProtocolError;
}

export interface BallotDue {
  meetingId: string;
  meeting: MeetingState;
  vote: Vote;
  local: LocalBallot | undefined;
  voted: boolean;
  collapsed: boolean;
}

function shows(vote: Vote, voted: boolean, local: LocalBallot | undefined): boolean {
  const open = vote.status === 'open';
  switch (local?.phase) {
    case 'dismissed':
      return false;
    case 'failed':
      return true;
    case 'queued':
      // Until the server answers; if the vote ended meanwhile, the panel says so.
      return open || !voted;
    case 'recorded':
      return open;
    case 'choosing':
      // Put off for later and then voted elsewhere: nothing left to ask.
      return open && (!voted || !local.collapsed);
    case undefined:
      return open && !voted;
  }
}

/**
 * The ballots to put in front of the user, oldest vote first: every open vote in which they
 * have a vote and have not voted, plus those this device is still talking about (sent,
 * recorded, refused, being changed).
 */
export function ballotQueue(
  user: User,
  meetings: Readonly<Record<string, MeetingState>>,
  local: Readonly<Record<string, LocalBallot>>,
): BallotDue[] {
  const due: BallotDue[] = [];
  for (const [meetingId, meeting] of Object.entries(meetings)) {
    if (meeting.meeting.status !== 'published' || !hasVote(meeting.myRole)) continue;
    const manager = canInMeeting(user, 'vote:manage', meetingAccess(meeting));
    for (const vote of meeting.votes) {
      const mine = local[vote.id];
      const voted = meeting.myBallots.includes(vote.id);
      if (!shows(vote, voted, mine)) continue;
      due.push({ meetingId, meeting, vote, local: mine, voted, collapsed: mine?.collapsed ?? manager });
    }
  }
  return due.sort(
    (a, b) => (a.vote.openedAt ?? '').localeCompare(b.vote.openedAt ?? '') || a.vote.id.localeCompare(b.vote.id),
  );
}

/** What the panel shows for a ballot: the options, or what became of the ballot. */
export type BallotView = 'choosing' | 'recorded' | 'queued' | 'ended';

/**
 * `refused`: the server turned down the ballot this device queued. Until it answers, a
 * queued ballot is "waiting", even if the vote has closed meanwhile (the answer will say).
 */
export function viewOf(
  { vote, local, voted }: Pick<BallotDue, 'vote' | 'local' | 'voted'>,
  refused = false,
): BallotView {
  if (local?.phase === 'recorded' || (local?.phase === 'queued' && voted)) return 'recorded';
  if (local?.phase === 'queued' && !refused) return 'queued';
  return vote.status === 'open' ? 'choosing' : 'ended';
}
