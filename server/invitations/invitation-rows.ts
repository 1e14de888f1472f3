import { INVITED_ROLES } from '../../shared/domain/index.js';
import type { Invitation, MeetingRole } from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';

/**
 * Invitations as rows (150-meeting-lifecycle.ts): one per invited participant (a delegate,
 * `INVITED_ROLES`) of a sent-out meeting, with its reply. Read joined with the participants,
 * so a person removed from the meeting, or no longer in an invited role, no longer shows
 * (rows written before only delegates were invited included the secretaries, the chair and
 * the room's display), and with their name as it is now.
 */

function invitationsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_invitations as i')
    .innerJoin('participants as p', (join) =>
      join.onRef('p.meeting_id', '=', 'i.meeting_id').onRef('p.user_id', '=', 'i.user_id'),
    )
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select([
      'i.meeting_id',
      'i.user_id',
      'u.display_name',
      'i.sent_at',
      'i.reply',
      'i.reason',
      'i.replied_at',
      'i.rev',
    ])
    .where('i.meeting_id', '=', meetingId)
    .where('p.role', 'in', [...INVITED_ROLES]);
}

type Row = Awaited<ReturnType<ReturnType<typeof invitationsOf>['execute']>>[number];

function toInvitation(r: Row): Invitation {
  return {
    meetingId: r.meeting_id,
    userId: r.user_id,
    displayName: r.display_name,
    sentAt: r.sent_at,
    reply: r.reply,
    reason: r.reason,
    repliedAt: r.replied_at,
    rev: r.rev,
  };
}

/** Every invitation of the meeting, or (`onlyUserId`) one person's, ordered by name. */
export async function listInvitations(db: Db, meetingId: string, onlyUserId?: string): Promise<Invitation[]> {
  let query = invitationsOf(db, meetingId);
  if (onlyUserId !== undefined) query = query.where('i.user_id', '=', onlyUserId);
  const rows = await query.orderBy('u.display_name').orderBy('i.user_id').execute();
  return rows.map(toInvitation);
}

export async function findInvitation(db: Db, meetingId: string, userId: string): Promise<Invitation | null> {
  return (await listInvitations(db, meetingId, userId))[0] ?? null;
}

/**
 * Invites those of `userIds` who have no invitation yet: the invited participants when the
 * meeting is sent out, one added to it (or given an invited role) later. The caller passes
 * only people in an invited role (`isInvited`). Answers whom it invited.
 */
export async function invite(db: Db, meetingId: string, userIds: readonly string[], at: string): Promise<string[]> {
  if (userIds.length === 0) return [];
  const have = new Set(
    (
      await db
        .selectFrom('meeting_invitations')
        .select('user_id')
        .where('meeting_id', '=', meetingId)
        .where('user_id', 'in', userIds)
        .execute()
    ).map((r) => r.user_id),
  );
  const fresh = userIds.filter((id) => !have.has(id));
  // In slices: PostgreSQL and SQLite both bound the parameters of one statement.
  for (let i = 0; i < fresh.length; i += 200) {
    const values = fresh.slice(i, i + 200).map((user_id) => ({
      meeting_id: meetingId,
      user_id,
      sent_at: at,
      reply: 'pending' as const,
      reason: '',
      replied_at: null,
      rev: 1,
    }));
    await db.insertInto('meeting_invitations').values(values).execute();
  }
  return fresh;
}

export async function saveReply(
  db: Db,
  meetingId: string,
  userId: string,
  reply: { reply: 'attend' | 'absent'; reason: string; at: string },
): Promise<void> {
  await db
    .updateTable('meeting_invitations')
    .set((eb) => ({
      reply: reply.reply,
      reason: reply.reason,
      replied_at: reply.at,
      rev: eb('rev', '+', 1),
    }))
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}

/** A participant taken off the meeting takes their invitation along: added back, they are invited afresh. */
export async function withdrawInvitation(db: Db, meetingId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('meeting_invitations')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .execute();
}

/** Who reads every reply of a meeting: its secretaries and chair (admins ask, and are answered, on their own). */
export async function replyReaders(db: Db, meetingId: string): Promise<{ userId: string; role: MeetingRole }[]> {
  const rows = await db
    .selectFrom('participants')
    .select(['user_id', 'role'])
    .where('meeting_id', '=', meetingId)
    .where('role', 'in', ['secretary', 'chair'])
    .execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role }));
}
