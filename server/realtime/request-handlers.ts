import { canInMeeting, canListUsers } from '../../shared/domain/index.js';
import {
  REQUEST_SCHEMAS,
  hasPrototypeKey,
  protocolError,
  validationError,
  type Ack,
  type RequestName,
  type RequestResult,
} from '../../shared/protocol/index.js';
import type { Database } from '../db/database.js';
import { findMeeting, roleInMeeting, rolesHeld, visibleMeetings } from '../meetings/meeting-queries.js';
import { updateFor } from '../sync/meeting-updates.js';
import { listActiveUsers, type UserRecord } from '../users/user-queries.js';
import { appendAudit } from '../audit/audit-log.js';
import { findVote } from '../votes/vote-queries.js';
import { MEETING_ROOM_PREFIX, meetingRoom } from './rooms.js';

/** What a request handler may do to the asking socket's room membership. */
export interface RoomMembership {
  rooms(): Iterable<string>;
  join(room: string): void;
  leave(room: string): void;
}

type RequestHandler<N extends RequestName> = (
  db: Database,
  actor: UserRecord,
  socket: RoomMembership,
  payload: ReturnType<(typeof REQUEST_SCHEMAS)[N]['request']['parse']>,
) => Ack<RequestResult<N>>;

const HANDLERS: { [N in RequestName]: RequestHandler<N> } = {
  'session:sync': (db, actor, socket, { cursors }) => {
    const meetings = visibleMeetings(db, actor);
    const wanted = new Set(meetings.map((m) => meetingRoom(m.id)));
    // Joining before reading means no change can fall between the snapshot and the room.
    for (const room of [...socket.rooms()])
      if (room.startsWith(MEETING_ROOM_PREFIX) && !wanted.has(room)) socket.leave(room);
    for (const room of wanted) socket.join(room);
    const updates = meetings.flatMap((m) => updateFor(db, m.id, cursors[m.id], actor.id) ?? []);
    return { ok: true, data: { meetings, updates } };
  },
  'meeting:catch-up': (db, actor, _socket, { meetingId, sinceSeq }) => {
    const meeting = findMeeting(db, meetingId);
    const role = meeting ? roleInMeeting(db, meetingId, actor.id) : null;
    if (!meeting || !canInMeeting(actor, 'meeting:view', { role, status: meeting.status })) {
      return { ok: false, error: protocolError('NOT_FOUND') };
    }
    const update = updateFor(db, meetingId, sinceSeq, actor.id);
    return update ? { ok: true, data: update } : { ok: false, error: protocolError('NOT_FOUND') };
  },
  'directory:list-users': (db, actor) => {
    if (!canListUsers(actor, rolesHeld(db, actor.id))) return { ok: false, error: protocolError('FORBIDDEN') };
    return { ok: true, data: { users: listActiveUsers(db) } };
  },
  // Those who run votes see a result after the close, before deciding to publish it; nobody
  // else sees it until then. The request goes to the asker alone, never to the room.
  'vote:result': (db, actor, _socket, { meetingId, voteId }) => {
    const meeting = findMeeting(db, meetingId);
    const access = meeting && {
      role: roleInMeeting(db, meetingId, actor.id),
      status: meeting.status,
      voteManagers: meeting.voteManagers,
    };
    if (!meeting || !access || !canInMeeting(actor, 'meeting:view', access)) {
      return { ok: false, error: protocolError('NOT_FOUND') };
    }
    if (!canInMeeting(actor, 'vote:manage', access)) return { ok: false, error: protocolError('FORBIDDEN') };
    const vote = findVote(db, voteId);
    if (!vote || vote.meetingId !== meetingId) return { ok: false, error: protocolError('NOT_FOUND') };
    if (!vote.storedResult || vote.status === 'open' || vote.status === 'draft') {
      return { ok: false, error: protocolError('CONFLICT', undefined, NO_RESULT_YET) };
    }
    // Who looked at a result before the room did, and when, is on the record.
    appendAudit(db, {
      at: new Date().toISOString(),
      actorId: actor.id,
      action: 'vote:result-viewed',
      meetingId,
      detail: { voteId, status: vote.status },
    });
    return { ok: true, data: { voteId, result: vote.storedResult } };
  },
};

const NO_RESULT_YET = {
  vi: 'Biểu quyết chưa đóng nên chưa có kết quả.',
  en: 'The vote is not closed, so it has no result yet.',
};

export function handleRequest<N extends RequestName>(
  name: N,
  db: Database,
  actor: UserRecord,
  socket: RoomMembership,
  raw: unknown,
): Ack<RequestResult<N>> {
  if (hasPrototypeKey(raw)) {
    return { ok: false, error: protocolError('VALIDATION_FAILED', [{ path: '__proto__', message: 'not allowed' }]) };
  }
  const parsed = REQUEST_SCHEMAS[name].request.safeParse(raw);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  const handler = HANDLERS[name] as RequestHandler<N>;
  return handler(db, actor, socket, parsed.data as Parameters<RequestHandler<N>>[3]);
}
