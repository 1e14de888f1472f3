import { moveToItem, pauseSession, resumeSession, startSession } from '../../shared/domain/index.js';
import type { MeetingSession } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { listAgenda } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import type { PendingChange } from '../sync/change-log.js';
import { liveSpeakerRows, readSession, saveSession, updateSpeakerRequest } from './session-queries.js';

const NOT_STARTED = { vi: 'Phiên họp chưa bắt đầu.', en: 'The session has not started.' };
const ALREADY_STARTED = { vi: 'Phiên họp đã bắt đầu.', en: 'The session has already started.' };
const NOT_RUNNING = { vi: 'Phiên họp không đang diễn ra.', en: 'The session is not running.' };
const NOT_PAUSED = { vi: 'Phiên họp không tạm dừng.', en: 'The session is not paused.' };

async function requireItem(ctx: CommandContext, meetingId: string, itemId: string): Promise<void> {
  const agenda = await listAgenda(ctx.db, meetingId);
  if (!agenda.some((i) => i.id === itemId)) throw new CommandRejected('NOT_FOUND');
}

async function changed(ctx: CommandContext, meetingId: string, session: MeetingSession): Promise<CommandEffect> {
  await saveSession(ctx.db, meetingId, session);
  return { meetingId, changes: [{ type: 'session:changed', data: { session } }] };
}

export const startMeetingSession: CommandHandler<'session:start'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  const session = await readSession(ctx.db, meeting.id);
  if (session.stage !== 'not-started') throw new CommandRejected('CONFLICT', ALREADY_STARTED);
  let itemId = cmd.itemId ?? null;
  if (itemId !== null) await requireItem(ctx, meeting.id, itemId);
  // The first item of the agenda as numbered: top-level items come first, by position.
  else itemId = (await listAgenda(ctx.db, meeting.id)).find((i) => i.parentId === null)?.id ?? null;
  return changed(ctx, meeting.id, startSession(session, itemId, ctx.now));
};

export const pauseMeetingSession: CommandHandler<'session:pause'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  const session = await readSession(ctx.db, meeting.id);
  if (session.stage !== 'running') throw new CommandRejected('CONFLICT', NOT_RUNNING);
  return changed(ctx, meeting.id, pauseSession(session, ctx.now));
};

export const resumeMeetingSession: CommandHandler<'session:resume'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  const session = await readSession(ctx.db, meeting.id);
  if (session.stage !== 'paused') throw new CommandRejected('CONFLICT', NOT_PAUSED);
  return changed(ctx, meeting.id, resumeSession(session, ctx.now));
};

export const setCurrentItem: CommandHandler<'agenda:set-current'> = async (ctx, cmd) => {
  const meeting = await requireMeeting(ctx, cmd.meetingId, 'session:run');
  const session = await readSession(ctx.db, meeting.id);
  if (session.stage === 'not-started') throw new CommandRejected('CONFLICT', NOT_STARTED);
  await requireItem(ctx, meeting.id, cmd.itemId);
  // Moving to where the room already is changes nothing: no change for every tablet to apply.
  if (session.currentItemId === cmd.itemId) return { meetingId: meeting.id, changes: [] };
  return changed(ctx, meeting.id, moveToItem(session, cmd.itemId, ctx.now));
};

/**
 * At the close the clocks stop where they are (the minutes read them) and the queue empties:
 * the speaker is done, those still waiting are removed.
 */
export async function settleSessionAtClose(ctx: CommandContext, meetingId: string): Promise<PendingChange[]> {
  const changes: PendingChange[] = [];
  const session = await readSession(ctx.db, meetingId);
  if (session.itemSince !== null) {
    const stopped = pauseSession(session, ctx.now);
    const next = { ...stopped, stage: session.stage, pausedAt: session.pausedAt };
    await saveSession(ctx.db, meetingId, next);
    changes.push({ type: 'session:changed', data: { session: next } });
  }
  const live = await liveSpeakerRows(ctx.db, meetingId);
  if (live.length > 0) {
    const at = ctx.now.toISOString();
    for (const row of live)
      await updateSpeakerRequest(ctx.db, row.id, {
        state: row.state === 'speaking' ? 'done' : 'removed',
        ended_at: at,
      });
    changes.push({ type: 'speakers:changed', data: { speakers: [] } });
  }
  return changes;
}
