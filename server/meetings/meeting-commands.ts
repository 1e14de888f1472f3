import { settleSessionAtClose } from '../session/session-commands.js';
import { canCreateMeeting, isInvited } from '../../shared/domain/index.js';
import { COUNCIL_VOTE_DEFAULTS, type Meeting } from '../../shared/protocol/index.js';
import { isUniqueViolation } from '../db/store.js';
import { hasOpenVote, hasUnsettledVote } from '../votes/vote-queries.js';
import { CommandRejected, type CommandEffect, type CommandHandler } from '../sync/command-types.js';
import { requireMeeting } from './meeting-access.js';
import { invite } from '../invitations/invitation-rows.js';
import {
  currentPresentation,
  findMeeting,
  findParticipant,
  insertMeeting,
  listParticipants,
  saveMeetingFields,
  saveParticipant,
  savePresentation,
} from './meeting-queries.js';

const ALREADY_PUBLISHED = {
  vi: 'Giấy mời của cuộc họp đã được gửi.',
  en: 'The invitations to this meeting have already been sent out.',
};

/** A new meeting as it starts: a draft nobody has sent out, called off or archived. */
export function draftMeeting(
  id: string,
  fields: Pick<Meeting, 'title' | 'startsAt' | 'place' | 'organisation' | 'voteManagers' | 'voteDefaults'>,
): Meeting {
  return {
    id,
    title: fields.title,
    startsAt: fields.startsAt,
    place: fields.place,
    organisation: fields.organisation,
    status: 'draft',
    publishedAt: null,
    closedAt: null,
    documentsRecalledAt: null,
    voteManagers: fields.voteManagers,
    voteDefaults: fields.voteDefaults,
    cancellation: null,
    postponement: null,
    archivedAt: null,
    version: 0,
  };
}

export const createMeeting: CommandHandler<'meeting:create'> = async (ctx, cmd) => {
  if (!canCreateMeeting(ctx.actor)) throw new CommandRejected('FORBIDDEN');
  if (await findMeeting(ctx.db, cmd.meetingId)) throw new CommandRejected('CONFLICT');
  const at = ctx.now.toISOString();
  const meeting = draftMeeting(cmd.meetingId, {
    ...cmd,
    voteManagers: cmd.voteManagers ?? ['chair'],
    voteDefaults: cmd.voteDefaults ?? COUNCIL_VOTE_DEFAULTS,
  });
  try {
    await insertMeeting(ctx.db, meeting, ctx.actor.id, at);
  } catch (error) {
    // Two nodes creating the same id at once: both saw no meeting (there was no row to lock yet),
    // the second insert waits for the first to commit and is then refused.
    if (isUniqueViolation(error)) throw new CommandRejected('CONFLICT');
    throw error;
  }
  // Whoever creates a meeting prepares it: they become its secretary.
  await saveParticipant(ctx.db, meeting.id, ctx.actor.id, 'secretary');
  const participant = await findParticipant(ctx.db, meeting.id, ctx.actor.id);
  if (!participant) throw new Error('creator was not added');
  return {
    meetingId: meeting.id,
    changes: [
      { type: 'meeting:created', data: { meeting } },
      { type: 'participant:set', data: { participant } },
    ],
    accessChanged: [ctx.actor.id],
  };
};

export const updateMeeting: CommandHandler<'meeting:update'> = async (ctx, cmd) => {
  const { seq: _seq, ...current } = await requireMeeting(ctx, cmd.meetingId, 'meeting:edit');
  if (current.version !== cmd.baseVersion) throw new CommandRejected('STALE_EDIT');
  const managersChange =
    cmd.voteManagers !== undefined && [...cmd.voteManagers].sort().join() !== [...current.voteManagers].sort().join();
  // Who may close, cancel or publish an open vote is part of its rules: fixed while it is open.
  if (managersChange && (await hasOpenVote(ctx.db, current.id))) throw new CommandRejected('VOTE_IN_PROGRESS');
  const meeting: Meeting = {
    ...current,
    title: cmd.title ?? current.title,
    startsAt: cmd.startsAt ?? current.startsAt,
    place: cmd.place ?? current.place,
    organisation: cmd.organisation ?? current.organisation,
    voteManagers: cmd.voteManagers ?? current.voteManagers,
    voteDefaults: cmd.voteDefaults ?? current.voteDefaults,
    // Put off to a date to be announced: a new date announces it.
    postponement:
      cmd.startsAt !== undefined && current.postponement?.toBeAnnounced
        ? { ...current.postponement, toBeAnnounced: false }
        : current.postponement,
    version: current.version + 1,
  };
  await saveMeetingFields(ctx.db, meeting);
  return { meetingId: meeting.id, changes: [{ type: 'meeting:updated', data: { meeting } }] };
};

export const publishMeeting: CommandHandler<'meeting:publish'> = async (ctx, cmd) => {
  const { seq: _seq, ...current } = await requireMeeting(ctx, cmd.meetingId, 'meeting:publish');
  if (current.status !== 'draft') throw new CommandRejected('CONFLICT', ALREADY_PUBLISHED);
  const meeting: Meeting = { ...current, status: 'published', publishedAt: ctx.now.toISOString() };
  await saveMeetingFields(ctx.db, meeting);
  const everyone = await listParticipants(ctx.db, meeting.id);
  const participants = everyone.map((p) => p.userId);
  // Sending a meeting out is sending its invitations (giấy mời): one to every delegate; not
  // to those who convene it (chair, secretaries) nor to observers such as the room's display.
  const invitees = everyone.filter((p) => isInvited(p.role)).map((p) => p.userId);
  const invited = await invite(ctx.db, meeting.id, invitees, meeting.publishedAt ?? ctx.now.toISOString());
  return {
    meetingId: meeting.id,
    changes: [{ type: 'meeting:published', data: { meeting } }],
    accessChanged: participants,
    invitationNotices: [{ meetingId: meeting.id, userIds: invited }],
  };
};

const VOTE_NOT_SETTLED = {
  vi: 'Còn biểu quyết đang mở hoặc đã đóng mà chưa công bố: hãy kết thúc nó trước khi kết thúc cuộc họp.',
  en: 'A vote is still open, or closed and not yet published: settle it before closing the meeting.',
};

/** The session ends: no vote, attendance or presentation after it; the record and papers stay. */
export const closeMeeting: CommandHandler<'meeting:close'> = async (ctx, cmd) => {
  const { seq: _seq, ...current } = await requireMeeting(ctx, cmd.meetingId, 'meeting:close');
  if (await hasUnsettledVote(ctx.db, current.id)) throw new CommandRejected('VOTE_IN_PROGRESS', VOTE_NOT_SETTLED);
  const meeting: Meeting = { ...current, status: 'closed', closedAt: ctx.now.toISOString() };
  await saveMeetingFields(ctx.db, meeting);
  const changes: CommandEffect['changes'] = [{ type: 'meeting:closed', data: { meeting } }];
  if (await currentPresentation(ctx.db, meeting.id)) {
    await savePresentation(ctx.db, meeting.id, null);
    changes.push({ type: 'presentation:changed', data: { presentation: null } });
  }
  changes.push(...(await settleSessionAtClose(ctx, meeting.id)));
  return { meetingId: meeting.id, changes };
};
