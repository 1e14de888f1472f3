import { uuidv7 } from 'uuidv7';
import { SYSTEM_ACTOR_ID } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import type { CommandRunner } from '../sync/command-runner.js';
import type { UserRecord } from '../users/user-queries.js';
import { findVote } from './vote-queries.js';

interface Logger {
  warn(obj: unknown, msg: string): void;
  error(obj: unknown, msg: string): void;
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
  managesPeople: false,
  mustChangePassword: false,
};

/**
 * Runs `vote:close` as the system when a vote's duration has run out. It never rejects: a
 * timer calls it and nobody awaits it, so what goes wrong (the database unreachable) is logged.
 */
export async function closeVoteAtDeadline(
  store: Pick<Store, 'db'>,
  runner: Pick<CommandRunner, 'execute'>,
  logger: Logger,
  meetingId: string,
  voteId: string,
): Promise<void> {
  try {
    const vote = await findVote(store.db, voteId);
    if (!vote || vote.status !== 'open') return;
    const answer = await runner.execute(
      SYSTEM_ACTOR,
      'vote:close',
      { commandId: uuidv7(), meetingId, voteId },
      { system: true },
    );
    // Several nodes may reach the deadline together; the close runs under the meeting's lock,
    // so the first one closes it and the others find it closed (CONFLICT): nothing to report.
    // (A command id made from the vote's id would spare that, but anyone may send a command
    // with that id first and keep the vote open past its deadline.)
    if (!answer.ok && answer.error.code !== 'CONFLICT') {
      logger.warn({ voteId, error: answer.error.code }, 'closing a vote at its deadline failed');
    }
  } catch (error) {
    logger.error({ err: error, voteId }, 'closing a vote at its deadline failed');
  }
}
