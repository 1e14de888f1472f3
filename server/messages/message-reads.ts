import { canInMeeting } from '../../shared/domain/index.js';
import { MESSAGE_LIST_LIMIT, protocolError, type Ack, type RequestResult } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import { listVisible, toMessage } from './message-rows.js';

/**
 * `message:list`: what the asker may see of a meeting's messages now (`mayRead` as a query),
 * newest first. A meeting they may not see answers NOT_FOUND, as for none. The answer is the
 * same shape and the same code for a delegate whatever others asked: nothing counts them.
 */
export async function listMessages(
  store: Store,
  user: UserRecord,
  meetingId: string,
): Promise<Ack<RequestResult<'message:list'>>> {
  return store.snapshot(async (db) => {
    const meeting = await findMeeting(db, meetingId);
    const role = meeting ? await roleInMeeting(db, meetingId, user.id) : null;
    if (!meeting || !canInMeeting(user, 'meeting:view', { role, status: meeting.status }))
      return { ok: false, error: protocolError('NOT_FOUND') };
    const rows = await listVisible(db, meetingId, { id: user.id, role }, MESSAGE_LIST_LIMIT);
    return { ok: true, data: { messages: rows.map(toMessage) } };
  });
}
