import { canInMeeting, queueIndexFor } from '../../shared/domain/index.js';
import type { MeetingRole } from '../../shared/protocol/index.js';
import type { PendingChange } from '../sync/change-log.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import {
  findSpeakerRequest,
  insertSpeakerRequest,
  liveSpeakerRows,
  liveSpeakers,
  readSession,
  renumberWaiting,
  requestsSince,
  updateSpeakerRequest,
} from './session-queries.js';

/** One person's requests in a meeting are bounded: asking and withdrawing in a loop would flood every tablet. */
const REQUEST_WINDOW_MS = 10 * 60_000;
const REQUESTS_PER_WINDOW = 20;

const TOO_MANY = {
  vi: 'Bạn đã đăng ký phát biểu quá nhiều lần trong 10 phút. Vui lòng đợi.',
  en: 'You have asked to speak too many times in 10 minutes. Please wait.',
};
const NOT_WAITING = { vi: 'Đăng ký này không còn chờ.', en: 'This request is no longer waiting.' };
const NOBODY_SPEAKING = { vi: 'Không có ai đang phát biểu.', en: 'Nobody has the floor.' };
const ID_USED = { vi: 'Mã đăng ký đã được dùng.', en: 'This request id is already used.' };

async function queueChanged(ctx: CommandContext, meetingId: string): Promise<CommandEffect> {
  return {
    meetingId,
    changes: [{ type: 'speakers:changed', data: { speakers: await liveSpeakers(ctx.db, meetingId) } }],
  };
}

/** A request of this meeting that still waits, or the refusal that says why not. */
async function requireWaiting(ctx: CommandContext, meetingId: string, requestId: string) {
  const row = await findSpeakerRequest(ctx.db, requestId);
  if (!row || row.meeting_id !== meetingId) throw new CommandRejected('NOT_FOUND');
  if (row.state !== 'waiting') throw new CommandRejected('CONFLICT', NOT_WAITING);
  return row;
}

export const requestToSpeak: CommandHandler<'speaker:request'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'speaker:request');
  if (await findSpeakerRequest(ctx.db, cmd.requestId)) throw new CommandRejected('CONFLICT', ID_USED);
  const live = await liveSpeakerRows(ctx.db, meeting.id);
  if (live.some((r) => r.user_id === ctx.actor.id)) throw new CommandRejected('ALREADY_IN_QUEUE');
  const since = new Date(ctx.now.getTime() - REQUEST_WINDOW_MS).toISOString();
  if ((await requestsSince(ctx.db, meeting.id, ctx.actor.id, since)) >= REQUESTS_PER_WINDOW)
    throw new CommandRejected('CONFLICT', TOO_MANY);
  const waiting = live.filter((r) => r.state === 'waiting');
  const index = queueIndexFor(
    waiting.map((r) => ({ pointOfOrder: r.point_of_order === 1 })),
    cmd.pointOfOrder,
  );
  const session = await readSession(ctx.db, meeting.id);
  await insertSpeakerRequest(ctx.db, {
    id: cmd.requestId,
    meeting_id: meeting.id,
    user_id: ctx.actor.id,
    agenda_item_id: session.currentItemId,
    point_of_order: cmd.pointOfOrder ? 1 : 0,
    state: 'waiting',
    position: index,
    requested_at: ctx.now.toISOString(),
    started_at: null,
    ended_at: null,
    limit_seconds: null,
  });
  const order = waiting.map((r) => r.id);
  order.splice(index, 0, cmd.requestId);
  await renumberWaiting(ctx.db, [...waiting, { id: cmd.requestId, position: index }], order);
  return queueChanged(ctx, meeting.id);
};

export const withdrawFloorRequest: CommandHandler<'speaker:withdraw'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'speaker:request');
  const row = await findSpeakerRequest(ctx.db, cmd.requestId);
  // Another person's request answers as one that does not exist.
  if (!row || row.meeting_id !== meeting.id || row.user_id !== ctx.actor.id) throw new CommandRejected('NOT_FOUND');
  if (row.state !== 'waiting') throw new CommandRejected('CONFLICT', NOT_WAITING);
  await updateSpeakerRequest(ctx.db, row.id, { state: 'withdrawn', ended_at: ctx.now.toISOString() });
  return queueChanged(ctx, meeting.id);
};

/** Whoever has the floor is done. */
async function endCurrentSpeech(ctx: CommandContext, meetingId: string): Promise<boolean> {
  const speaking = (await liveSpeakerRows(ctx.db, meetingId)).find((r) => r.state === 'speaking');
  if (!speaking) return false;
  await updateSpeakerRequest(ctx.db, speaking.id, { state: 'done', ended_at: ctx.now.toISOString() });
  return true;
}

export const giveFloor: CommandHandler<'speaker:give-floor'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  await requireWaiting(ctx, meeting.id, cmd.requestId);
  await endCurrentSpeech(ctx, meeting.id);
  const session = await readSession(ctx.db, meeting.id);
  await updateSpeakerRequest(ctx.db, cmd.requestId, {
    state: 'speaking',
    started_at: ctx.now.toISOString(),
    limit_seconds: cmd.limitSeconds,
    // The speech belongs to the item the room is on when it is given, whatever it was asked on.
    ...(session.currentItemId !== null ? { agenda_item_id: session.currentItemId } : {}),
  });
  return queueChanged(ctx, meeting.id);
};

export const endSpeech: CommandHandler<'speaker:end'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  if (!(await endCurrentSpeech(ctx, meeting.id))) return { meetingId: meeting.id, changes: [] };
  return queueChanged(ctx, meeting.id);
};

export const setSpeakingTime: CommandHandler<'speaker:set-time'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  const speaking = (await liveSpeakerRows(ctx.db, meeting.id)).find((r) => r.state === 'speaking');
  if (!speaking) throw new CommandRejected('CONFLICT', NOBODY_SPEAKING);
  await updateSpeakerRequest(ctx.db, speaking.id, { limit_seconds: cmd.limitSeconds });
  return queueChanged(ctx, meeting.id);
};

export const moveRequest: CommandHandler<'speaker:move'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  await requireWaiting(ctx, meeting.id, cmd.requestId);
  const waiting = (await liveSpeakerRows(ctx.db, meeting.id)).filter((r) => r.state === 'waiting');
  const order = waiting.map((r) => r.id).filter((id) => id !== cmd.requestId);
  order.splice(Math.min(cmd.index, order.length), 0, cmd.requestId);
  if (order.every((id, i) => waiting[i]?.id === id)) return { meetingId: meeting.id, changes: [] };
  await renumberWaiting(ctx.db, waiting, order);
  return queueChanged(ctx, meeting.id);
};

export const removeRequest: CommandHandler<'speaker:remove'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  await requireWaiting(ctx, meeting.id, cmd.requestId);
  await updateSpeakerRequest(ctx.db, cmd.requestId, { state: 'removed', ended_at: ctx.now.toISOString() });
  return queueChanged(ctx, meeting.id);
};

/**
 * A participant removed from the meeting, or given a role that does not ask for the floor
 * (secretary, observer), leaves the queue: a waiting request is removed, a speech ends.
 * Otherwise a person who no longer sits in the meeting could still be given the floor, and
 * could not withdraw what they asked.
 */
export async function leaveQueueOnRoleChange(
  ctx: CommandContext,
  meetingId: string,
  userId: string,
  role: MeetingRole | null,
): Promise<PendingChange[]> {
  const member = { isAdmin: false, canCreateMeetings: false };
  if (canInMeeting(member, 'speaker:request', { role, status: 'published' })) return [];
  const mine = (await liveSpeakerRows(ctx.db, meetingId)).filter((r) => r.user_id === userId);
  if (mine.length === 0) return [];
  const at = ctx.now.toISOString();
  for (const row of mine)
    await updateSpeakerRequest(ctx.db, row.id, { state: row.state === 'speaking' ? 'done' : 'removed', ended_at: at });
  return [{ type: 'speakers:changed', data: { speakers: await liveSpeakers(ctx.db, meetingId) } }];
}
