import { canInMeeting } from '../../shared/domain/index.js';
import { protocolError, type Ack, type RequestResult } from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { findMeeting, roleInMeeting } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import { listInvitations } from './invitation-rows.js';

/**
 * `invitation:list`: every invitation with its reply for the meeting's secretaries, chair and
 * admins; the asker's own for anyone else. A meeting they may not see answers NOT_FOUND, as
 * for none.
 */
export async function invitationList(
  store: Store,
  user: UserRecord,
  meetingId: string,
): Promise<Ack<RequestResult<'invitation:list'>>> {
  return store.snapshot(async (db) => {
    const meeting = await findMeeting(db, meetingId);
    const role = meeting ? await roleInMeeting(db, meetingId, user.id) : null;
    if (!meeting || !canInMeeting(user, 'meeting:view', { role, status: meeting.status }))
      return { ok: false, error: protocolError('NOT_FOUND') };
    const all = canInMeeting(user, 'invitation:read-all', { role, status: meeting.status });
    return { ok: true, data: { invitations: await listInvitations(db, meetingId, all ? undefined : user.id) } };
  });
}
