import type { MeetingState } from '../../../shared/client/store.js';
import { NOT_STARTED_SESSION, type MeetingRole, type User, type Vote } from '../../../shared/protocol/index.js';

/** Builders for the unit tests of this folder and ballot/. */
export const MEETING_ID = '0192f0a4-1b2c-7d3e-8f40-100000000000';

export const voteId = (n: number) => `0192f0a4-1b2c-7d3e-8f40-2000000000${String(n).padStart(2, '0')}`;

export function makeVote(n: number, patch: Partial<Vote> = {}): Vote {
  return {
    id: voteId(n),
    meetingId: MEETING_ID,
    agendaItemId: null,
    question: `Question ${n}`,
    kind: 'named',
    options: { type: 'yes-no-abstain' },
    rule: 'simple',
    base: 'yes-no',
    quorum: 'majority',
    allowChange: false,
    durationSeconds: null,
    status: 'draft',
    openedAt: null,
    closesAt: null,
    closedAt: null,
    publishedAt: null,
    ballotCount: 0,
    voterIds: [],
    result: null,
    resultSignature: null,
    cancelledAt: null,
    cancelReason: null,
    version: 0,
    ...patch,
  };
}

export const at = (minute: number) => `2026-11-24T09:${String(minute).padStart(2, '0')}:00.000Z`;

export function makeUser(patch: Partial<User> = {}): User {
  return {
    id: '0192f0a4-1b2c-7d3e-8f40-300000000001',
    username: 'u',
    displayName: 'U',
    isAdmin: false,
    canCreateMeetings: false,
    ...patch,
  };
}

export function makeMeeting(
  role: MeetingRole | null,
  votes: Vote[],
  myBallots: string[] = [],
  status: 'draft' | 'published' = 'published',
): MeetingState {
  return {
    meeting: {
      id: MEETING_ID,
      title: 'Kỳ họp',
      startsAt: at(0),
      place: 'P',
      organisation: 'O',
      status,
      publishedAt: at(0),
      closedAt: null,
      documentsRecalledAt: null,
      cancellation: null,
      postponement: null,
      archivedAt: null,
      voteManagers: ['chair'],
      voteDefaults: { rule: 'absolute', base: 'members', quorum: 'none' },
      version: 0,
    },
    agenda: [],
    participants: [],
    votes,
    presentation: null,
    session: NOT_STARTED_SESSION,
    speakers: [],
    myBallots,
    seq: 1,
    myRole: role,
  };
}
