import { protocolError, type Ack, type RequestPayload, type RequestResult } from '../../shared/protocol/index.js';
import { appendAudit } from '../audit/audit-log.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Store } from '../db/store.js';
import { findUserById, replacePasswordHash, type UserRecord } from './user-queries.js';

const WRONG_LIMIT = 5;
const WRONG_WINDOW_MS = 10 * 60 * 1000;
/**
 * Wrong current passwords per person on this node: a session left open must not become a way
 * to guess. Per store: two servers in one process (tests, a restart in place) count apart.
 */
const wrongByStore = new WeakMap<Store, Map<string, number[]>>();

function wrongOf(store: Store): Map<string, number[]> {
  let wrong = wrongByStore.get(store);
  if (!wrong) wrongByStore.set(store, (wrong = new Map()));
  return wrong;
}

function recentWrong(wrong: Map<string, number[]>, userId: string, now: number): number[] {
  const kept = (wrong.get(userId) ?? []).filter((at) => now - at < WRONG_WINDOW_MS);
  if (kept.length) wrong.set(userId, kept);
  else wrong.delete(userId);
  return kept;
}

type Changed = { ok: true; data: RequestResult<'account:change-password'>; ended: string[] };

/**
 * The signed-in person replaces their own password; the one-time flag goes with the old one,
 * and so do their other sessions: whoever else signed in with the old password (the one-time
 * one was in the office's hands, a tablet left signed in) is signed out. `ended` names them.
 */
export async function changeOwnPassword(
  store: Store,
  actor: UserRecord,
  input: RequestPayload<'account:change-password'>,
  keepSessionId: string,
): Promise<Changed | Extract<Ack<unknown>, { ok: false }>> {
  // The same password again would leave the one-time one in use, known to whoever handed it out
  // (and print a sheet's password in the place of a chosen one). Compared before any check of
  // the current password, so it tells nothing of it.
  if (input.newPassword === input.currentPassword)
    return {
      ok: false,
      error: protocolError(
        'VALIDATION_FAILED',
        [{ path: 'newPassword', message: 'differs from the current password' }],
        {
          vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
          en: 'The new password must differ from the current one.',
        },
      ),
    };
  const now = Date.now();
  const wrong = wrongOf(store);
  if (recentWrong(wrong, actor.id, now).length >= WRONG_LIMIT)
    return { ok: false, error: protocolError('RATE_LIMITED') };
  const current = await findUserById(store.db, actor.id);
  if (!current || !(await verifyPassword(input.currentPassword, current.passwordHash))) {
    wrong.set(actor.id, [...recentWrong(wrong, actor.id, now), now]);
    return { ok: false, error: protocolError('INVALID_CREDENTIALS') };
  }
  const newHash = await hashPassword(input.newPassword);
  const replaced = await store.transaction(async (tx) => {
    // Behind a sign-in with the old password: it sees the new hash, or its session is ended here.
    await store.lockName(tx, `sessions:${actor.id}`);
    if (!(await replacePasswordHash(tx, actor.id, current.passwordHash, newHash))) return null;
    await tx.updateTable('users').set({ must_change_password: 0 }).where('id', '=', actor.id).execute();
    const ended = await tx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.id)
      .where('id', '!=', keepSessionId)
      .returning('id')
      .execute();
    await appendAudit(tx, store, {
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'account:password-changed',
      meetingId: null,
      detail: { userId: actor.id, sessionsEnded: ended.length },
    });
    return ended.map((r) => r.id);
  });
  // Changed meanwhile (a reset by the office): the password given is no longer the current one.
  if (!replaced) return { ok: false, error: protocolError('INVALID_CREDENTIALS') };
  wrong.delete(actor.id);
  return { ok: true, data: { changed: true }, ended: replaced };
}
