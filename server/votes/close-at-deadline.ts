import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR_ID } from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import type { CommandRunner } from '../sync/command-runner.js';
import type { UserRecord } from '../users/user-queries.js';
import { findVote } from './vote-queries.js';

interface Logger {
  warn(obj: unknown, msg: string): void;
}

/**
 * The server acting on its own. It is no account (it cannot sign in, holds no role) and is
 * named by SYSTEM_ACTOR_ID in the commands, change and audit logs, so that a vote closed by
 * its clock is not recorded as closed by the person who opened it.
 */
export const SYSTEM_ACTOR: UserRecord = {
  id: SYSTEM_ACTOR_ID,
  username: 'system',
  displayName: 'Hệ thống / System',
  isAdmin: false,
  canCreateMeetings: false,
  passwordHash: '',
  disabled: true,
};

/** Runs `vote:close` as the system when a vote's duration has run out. */
export function closeVoteAtDeadline(
  db: Database,
  runner: CommandRunner,
  logger: Logger,
  meetingId: string,
  voteId: string,
): void {
  const vote = findVote(db, voteId);
  if (!vote || vote.status !== 'open') return;
  const answer = runner.execute(
    SYSTEM_ACTOR,
    'vote:close',
    { commandId: uuidv7(), meetingId, voteId },
    { system: true },
  );
  if (!answer.ok) logger.warn({ voteId, error: answer.error.code }, 'closing a vote at its deadline failed');
}
