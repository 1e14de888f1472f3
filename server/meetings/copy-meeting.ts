import { uuidv7 } from 'uuidv7';
import { canCreateMeeting } from '../../shared/domain/index.js';
import type { AgendaItem } from '../../shared/protocol/index.js';
import { isUniqueViolation } from '../db/store.js';
import { CommandRejected, type CommandEffect, type CommandHandler } from '../sync/command-types.js';
import { requireMeeting } from './meeting-access.js';
import { draftMeeting } from './meeting-commands.js';
import {
  findMeeting,
  insertMeeting,
  listAgenda,
  listParticipants,
  saveAgendaItems,
  saveParticipant,
} from './meeting-queries.js';

/**
 * A past meeting as the start of the next one (issue 13): a council meets monthly with the
 * same members and much the same agenda. The new draft takes what prepares a meeting (the
 * agenda tree with new ids, the participants and their roles, the vote settings, place and
 * organisation) and nothing of what happened in the old one: no votes, ballots, documents,
 * attendance, minutes, invitations or messages. The sender is its secretary.
 */
export const copyMeeting: CommandHandler<'meeting:copy'> = async (ctx, cmd) => {
  const source = await requireMeeting(ctx, cmd.sourceMeetingId, 'meeting:copy');
  if (!canCreateMeeting(ctx.actor)) throw new CommandRejected('FORBIDDEN');
  if (await findMeeting(ctx.db, cmd.meetingId)) throw new CommandRejected('CONFLICT');
  const at = ctx.now.toISOString();
  const meeting = draftMeeting(cmd.meetingId, {
    ...cmd,
    place: source.place,
    organisation: source.organisation,
    voteManagers: source.voteManagers,
    voteDefaults: source.voteDefaults,
  });
  try {
    await insertMeeting(ctx.db, meeting, ctx.actor.id, at);
  } catch (error) {
    if (isUniqueViolation(error)) throw new CommandRejected('CONFLICT');
    throw error;
  }
  const changes: CommandEffect['changes'] = [{ type: 'meeting:created', data: { meeting } }];
  const agenda = copyAgenda(await listAgenda(ctx.db, source.id), meeting.id);
  if (agenda.length > 0) {
    await saveAgendaItems(ctx.db, agenda, []);
    changes.push({ type: 'agenda:item-added', data: { upserted: agenda, removed: [] } });
  }
  const seated = new Map((await activeParticipants(ctx, source.id)).map((p) => [p.userId, p.role] as const));
  if (!seated.has(ctx.actor.id)) seated.set(ctx.actor.id, 'secretary');
  for (const [userId, role] of seated) await saveParticipant(ctx.db, meeting.id, userId, role);
  for (const participant of await listParticipants(ctx.db, meeting.id))
    changes.push({ type: 'participant:set', data: { participant } });
  return {
    meetingId: meeting.id,
    changes,
    accessChanged: [...seated.keys()],
    auditDetail: { sourceMeetingId: source.id },
  };
};

/** Participants whose accounts still work: a disabled one is not brought into a new meeting. */
async function activeParticipants(ctx: Parameters<CommandHandler<'meeting:copy'>>[0], meetingId: string) {
  const active = new Set(
    (
      await ctx.db
        .selectFrom('participants as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select('p.user_id')
        .where('p.meeting_id', '=', meetingId)
        .where('u.disabled', '=', 0)
        .execute()
    ).map((r) => r.user_id),
  );
  return (await listParticipants(ctx.db, meetingId)).filter((p) => active.has(p.userId));
}

/** The same tree under new ids (ids are global), parents before their children, versions from 0. */
function copyAgenda(items: readonly AgendaItem[], meetingId: string): AgendaItem[] {
  const ids = new Map(items.map((i) => [i.id, uuidv7()] as const));
  return items.map((i) => ({
    ...i,
    id: ids.get(i.id) ?? uuidv7(),
    meetingId,
    parentId: i.parentId === null ? null : (ids.get(i.parentId) ?? null),
    version: 0,
  }));
}
