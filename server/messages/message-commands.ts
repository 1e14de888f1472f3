import { FINAL_MESSAGE_STATES } from '../../shared/protocol/index.js';
import { requireMeeting } from '../meetings/meeting-access.js';
import { roleInMeeting } from '../meetings/meeting-queries.js';
import {
  CommandRejected,
  type CommandContext,
  type CommandEffect,
  type CommandHandler,
} from '../sync/command-types.js';
import { countSentSince, findMessage, hasOpenTwin, insertMessage, updateRequest } from './message-rows.js';

/**
 * Messages run on their meeting's line, not as PERSONAL_COMMANDS: a secretary's answer and
 * the sender's withdrawal of one request must be ordered, and the rate bounds hold only if a
 * person's requests are counted one after the other. A message is a row or two; waiting
 * behind a batch of ballots costs a moment.
 *
 * Nothing goes into the meeting's change log (every participant receives it): the effect
 * names the message, and after the commit message-notices.ts delivers it to the rooms of
 * those who may see it. The audit row records that a message was sent or answered (its id,
 * kind, state, and a notice's recipient), never its topic or text: a request is a person's
 * own business with the desk ("cần bản in", a faulty microphone), and the hash-chained audit
 * log is kept for years and read by administrators; the request itself stays in its table.
 */

/** A person's requests per meeting in `WINDOW_MS`: a seat asks a few times a session, a script floods. */
export const MAX_REQUESTS_PER_WINDOW = 10;
/** Notices per sender and meeting in `WINDOW_MS`: every tablet shows each one until dismissed. */
export const MAX_NOTICES_PER_WINDOW = 30;
export const WINDOW_MS = 10 * 60 * 1000;

// Refusals, not RATE_LIMITED: the client keeps a RATE_LIMITED command queued and sends it again.
const TOO_MANY_REQUESTS = {
  vi: `Mỗi người gửi tối đa ${MAX_REQUESTS_PER_WINDOW} yêu cầu trong 10 phút. Vui lòng thử lại sau ít phút.`,
  en: `A person sends at most ${MAX_REQUESTS_PER_WINDOW} requests in 10 minutes. Please try again in a few minutes.`,
};
const TOO_MANY_NOTICES = {
  vi: `Mỗi người gửi tối đa ${MAX_NOTICES_PER_WINDOW} thông báo trong 10 phút. Vui lòng thử lại sau ít phút.`,
  en: `A person sends at most ${MAX_NOTICES_PER_WINDOW} notices in 10 minutes. Please try again in a few minutes.`,
};
const ALREADY_ASKED = {
  vi: 'Bạn đã gửi yêu cầu này và thư ký đang xử lý.',
  en: 'You have already sent this request, and it is still being handled.',
};
const FINAL = {
  vi: 'Yêu cầu đã kết thúc (đã xong, bị từ chối hoặc đã rút lại).',
  en: 'The request is closed (done, declined or withdrawn).',
};

function delivered(meetingId: string, messageId: string, audit: Record<string, unknown>): CommandEffect {
  return { meetingId, changes: [], messageNotices: [messageId], audit: { messageId, ...audit } };
}

/** Counted in the table itself, under the meeting's lock: it holds across reconnections, restarts and nodes. */
async function checkRate(ctx: CommandContext, meetingId: string, kind: 'request' | 'notice'): Promise<void> {
  const since = new Date(ctx.now.getTime() - WINDOW_MS).toISOString();
  const sent = await countSentSince(ctx.db, { meetingId, senderId: ctx.actor.id, kind, since });
  const max = kind === 'request' ? MAX_REQUESTS_PER_WINDOW : MAX_NOTICES_PER_WINDOW;
  if (sent >= max) throw new CommandRejected('CONFLICT', kind === 'request' ? TOO_MANY_REQUESTS : TOO_MANY_NOTICES);
}

export const sendRequest: CommandHandler<'message:request'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'message:request');
  const body = cmd.text.normalize('NFC');
  // Both refusals look only at the sender's own requests: they tell nobody about anyone else's.
  if (await hasOpenTwin(ctx.db, { meetingId: cmd.meetingId, senderId: ctx.actor.id, topic: cmd.topic, body }))
    throw new CommandRejected('CONFLICT', ALREADY_ASKED);
  await checkRate(ctx, cmd.meetingId, 'request');
  const at = ctx.now.toISOString();
  await insertMessage(ctx.db, {
    id: cmd.commandId,
    meeting_id: cmd.meetingId,
    kind: 'request',
    sender_id: ctx.actor.id,
    recipient_id: null,
    chair_may_see: cmd.chairMaySee ? 1 : 0,
    topic: cmd.topic,
    body,
    state: 'open',
    answer: '',
    answered_by: null,
    created_at: at,
    updated_at: at,
    rev: 1,
  });
  return delivered(cmd.meetingId, cmd.commandId, { kind: 'request' });
};

export const answerRequest: CommandHandler<'message:answer'> = async (ctx, cmd) => {
  // The gate comes first: anyone but a secretary hears FORBIDDEN whatever the id, so no id can be probed.
  await requireMeeting(ctx, cmd.meetingId, 'message:handle');
  const row = await findMessage(ctx.db, cmd.messageId);
  if (!row || row.meeting_id !== cmd.meetingId || row.kind !== 'request') throw new CommandRejected('NOT_FOUND');
  if (row.state === null || FINAL_MESSAGE_STATES.includes(row.state)) throw new CommandRejected('CONFLICT', FINAL);
  const state = cmd.state ?? row.state;
  const answer = cmd.answer === undefined ? row.answer : cmd.answer.normalize('NFC');
  await updateRequest(ctx.db, row.id, {
    state,
    answer,
    answered_by: ctx.actor.id,
    updated_at: ctx.now.toISOString(),
  });
  return delivered(cmd.meetingId, row.id, { kind: 'request', state, answered: answer.length > 0 });
};

export const withdrawRequest: CommandHandler<'message:withdraw'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'message:request');
  const row = await findMessage(ctx.db, cmd.messageId);
  // Another person's request, a notice, or none: one answer, so that ids cannot be probed.
  if (!row || row.meeting_id !== cmd.meetingId || row.kind !== 'request' || row.sender_id !== ctx.actor.id)
    throw new CommandRejected('NOT_FOUND');
  if (row.state === 'withdrawn') return { meetingId: cmd.meetingId, changes: [], audit: false };
  if (row.state === 'done' || row.state === 'declined') throw new CommandRejected('CONFLICT', FINAL);
  await updateRequest(ctx.db, row.id, {
    state: 'withdrawn',
    answer: row.answer,
    answered_by: row.answered_by,
    updated_at: ctx.now.toISOString(),
  });
  return delivered(cmd.meetingId, row.id, { kind: 'request', state: 'withdrawn' });
};

export const sendNotice: CommandHandler<'message:notice'> = async (ctx, cmd) => {
  await requireMeeting(ctx, cmd.meetingId, 'message:notice');
  if (cmd.to !== null && (await roleInMeeting(ctx.db, cmd.meetingId, cmd.to)) === null)
    throw new CommandRejected('NOT_FOUND');
  await checkRate(ctx, cmd.meetingId, 'notice');
  const at = ctx.now.toISOString();
  await insertMessage(ctx.db, {
    id: cmd.commandId,
    meeting_id: cmd.meetingId,
    kind: 'notice',
    sender_id: ctx.actor.id,
    recipient_id: cmd.to,
    chair_may_see: 1,
    topic: null,
    body: cmd.text.normalize('NFC'),
    state: null,
    answer: '',
    answered_by: null,
    created_at: at,
    updated_at: at,
    rev: 1,
  });
  return delivered(cmd.meetingId, cmd.commandId, { kind: 'notice', to: cmd.to });
};
