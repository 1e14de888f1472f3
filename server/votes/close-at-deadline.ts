import { createHash } from 'node:crypto';
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
};

/**
 * The one command id of a vote's close at its deadline (a UUID made from the vote's id), so
 * that nodes reaching the deadline together close it once: the others replay that command.
 */
export function deadlineCommandId(voteId: string): string {
  const h = createHash('sha256').update('cabinet/deadline-close/v1\0').update(voteId).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so it is a valid UUID.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

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
      { commandId: deadlineCommandId(voteId), meetingId, voteId },
      { system: true },
    );
    if (!answer.ok) logger.warn({ voteId, error: answer.error.code }, 'closing a vote at its deadline failed');
  } catch (error) {
    logger.error({ err: error, voteId }, 'closing a vote at its deadline failed');
  }
}
