import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/database.js';
import type { CommandRunner } from '../sync/command-runner.js';
import { findUserById } from '../users/user-queries.js';
import { findVote } from './vote-queries.js';

interface Logger {
  warn(obj: unknown, msg: string): void;
}

/** Runs `vote:close` as the system, in the name of whoever opened the vote. */
export function closeVoteAtDeadline(
  db: Database,
  runner: CommandRunner,
  logger: Logger,
  meetingId: string,
  voteId: string,
): void {
  const vote = findVote(db, voteId);
  if (!vote || vote.status !== 'open') return;
  const opener = vote.openedBy ? findUserById(db, vote.openedBy) : null;
  if (!opener) {
    logger.warn({ voteId }, 'vote past its deadline has no opener; left open');
    return;
  }
  const answer = runner.execute(opener, 'vote:close', { commandId: uuidv7(), meetingId, voteId }, { system: true });
  if (!answer.ok) logger.warn({ voteId, error: answer.error.code }, 'closing a vote at its deadline failed');
}
