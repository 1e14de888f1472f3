import { minutesGet } from '../minutes/minutes-reads.js';
import { canInMeeting, canListUsers, canManageDevices } from '../../shared/domain/index.js';
import {
  REQUEST_SCHEMAS,
  hasPrototypeKey,
  protocolError,
  validationError,
  type Ack,
  type RequestName,
  type RequestResult,
} from '../../shared/protocol/index.js';
import type { Db } from '../db/schema.js';
import type { Store } from '../db/store.js';
import { findMeeting, roleInMeeting, rolesHeld, visibleMeetings } from '../meetings/meeting-queries.js';
import { updateFor } from '../sync/meeting-updates.js';
import { listActiveUsers, type UserRecord } from '../users/user-queries.js';
import { appendAudit } from '../audit/audit-log.js';
import { findVote } from '../votes/vote-queries.js';
import { documentList, documentSearch, documentVersions } from '../documents/document-reads.js';
import { MEETING_ROOM_PREFIX, meetingRoom } from './rooms.js';
import { approvalList, certificateStatus } from '../certificates/approval-reads.js';
import { sharedAnnotations, syncOwnAnnotations } from '../annotations/annotation-reads.js';
import { listMessages } from '../messages/message-reads.js';
import { listDevices } from '../devices/device-records.js';
import { revokeDevice, type DeviceRevoked } from '../devices/device-revocation.js';
import { invitationList } from '../invitations/invitation-reads.js';
import {
  createPersonRequest,
  importPeopleRequest,
  listPeopleRequest,
  resetPasswordRequest,
  setDisabledRequest,
  updatePersonRequest,
  type AccountEffects,
} from '../users/people-requests.js';
import { deleteGroupRequest, listGroupsRequest, saveGroupRequest } from '../groups/group-requests.js';
import { changeOwnPassword } from '../users/password-change.js';
import { listAudit } from '../audit/audit-reads.js';

/** What a request handler may do to the asking socket's room membership. */
export interface RoomMembership {
  /** The session the socket was opened with. */
  readonly sessionId: string;
  rooms(): Iterable<string>;
  join(room: string): void;
  leave(room: string): void;
}

/** What a request sets off outside the database once it committed (the socket layer's part). */
export interface RequestEffects extends AccountEffects {
  deviceRevoked(revoked: DeviceRevoked): void;
  /** The session chose its password: its sockets, on every node, are now sent what is meant for the person. */
  passwordChosen(userId: string, sessionId: string): void;
}

type RequestHandler<N extends RequestName> = (
  store: Store,
  actor: UserRecord,
  socket: RoomMembership,
  payload: ReturnType<(typeof REQUEST_SCHEMAS)[N]['request']['parse']>,
  effects: RequestEffects,
) => Promise<Ack<RequestResult<N>>>;

const DEVICE_HANDLERS = {
  'device:list': async (store, actor) => {
    if (!canManageDevices(actor)) return { ok: false, error: protocolError('FORBIDDEN') };
    return { ok: true, data: { devices: await listDevices(store.db) } };
  },
  'device:revoke': async (store, actor, _socket, target, effects) => {
    if (!canManageDevices(actor)) return { ok: false, error: protocolError('FORBIDDEN') };
    const answer = await revokeDevice(store, actor.id, target, new Date());
    if (!answer.ok) return answer;
    effects.deviceRevoked(answer.data);
    // The session ids stay on the server: they are the tokens' hashes.
    const { sessionIds: _kept, ...result } = answer.data;
    return { ok: true, data: result };
  },
} satisfies { [N in 'device:list' | 'device:revoke']: RequestHandler<N> };

const PEOPLE_HANDLERS = {
  'people:list': (store, actor) => listPeopleRequest(store, actor),
  'people:create': (store, actor, _socket, input) => createPersonRequest(store, actor, input),
  'people:update': (store, actor, _socket, input, accounts) => updatePersonRequest(store, actor, input, accounts),
  'people:set-disabled': (store, actor, _socket, input, accounts) => setDisabledRequest(store, actor, input, accounts),
  'people:reset-password': (store, actor, _socket, input, accounts) =>
    resetPasswordRequest(store, actor, input, accounts),
  'people:import': (store, actor, _socket, input) => importPeopleRequest(store, actor, input),
  'group:list': (store, actor) => listGroupsRequest(store, actor),
  'group:create': (store, actor, _socket, input) => saveGroupRequest(store, actor, input),
  'group:update': (store, actor, _socket, input) => saveGroupRequest(store, actor, input),
  'group:delete': (store, actor, _socket, input) => deleteGroupRequest(store, actor, input),
  'account:change-password': async (store, actor, socket, input, accounts) => {
    const answer = await changeOwnPassword(store, actor, input, socket.sessionId);
    if (!answer.ok) return answer;
    accounts.passwordChosen(actor.id, socket.sessionId);
    // The cached actor still says a one-time password is in use.
    accounts.changed(actor.id);
    accounts.sessionsEnded(answer.ended);
    return { ok: true, data: answer.data };
  },
} satisfies {
  [
    N in
      | 'people:list'
      | 'people:create'
      | 'people:update'
      | 'people:set-disabled'
      | 'people:reset-password'
      | 'people:import'
      | 'group:list'
      | 'group:create'
      | 'group:update'
      | 'group:delete'
      | 'account:change-password'
  ]: RequestHandler<N>;
};

const DOCUMENT_HANDLERS = {
  'document:list': (store, actor, _socket, { meetingId }) => documentList(store, actor, meetingId),
  'document:versions': (store, actor, _socket, { meetingId, documentId }) =>
    documentVersions(store, actor, meetingId, documentId),
  'document:search': async (store, actor, _socket, { meetingId, q }) => {
    const answer = await documentSearch(store, actor, meetingId, q);
    return answer.ok ? { ok: true, data: { hits: answer.data } } : answer;
  },
} satisfies { [N in 'document:list' | 'document:versions' | 'document:search']: RequestHandler<N> };

const HANDLERS: { [N in RequestName]: RequestHandler<N> } = {
  ...DOCUMENT_HANDLERS,
  ...DEVICE_HANDLERS,
  ...PEOPLE_HANDLERS,
  'approval:list': (store, actor, _socket, { meetingId }) => approvalList(store, actor, meetingId),
  'annotation:sync': (store, actor, _socket, { sinceRev }) => syncOwnAnnotations(store, actor, sinceRev),
  'annotation:list-shared': async (store, actor, _socket, { meetingId }) => {
    const answer = await sharedAnnotations(store, actor, meetingId);
    return answer.ok ? { ok: true, data: { annotations: answer.data } } : answer;
  },
  'message:list': (store, actor, _socket, { meetingId }) => listMessages(store, actor, meetingId),
  'invitation:list': (store, actor, _socket, { meetingId }) => invitationList(store, actor, meetingId),
  'audit:list': (store, actor, _socket, query) => listAudit(store, actor, query),
  'certificate:status': (store, actor, _socket, { fingerprint }) => certificateStatus(store.db, actor, fingerprint),
  'minutes:get': (store, actor, _socket, { meetingId }) => minutesGet(store, actor, meetingId),
  'session:sync': async (store, actor, socket, { cursors }) => {
    const meetings = await visibleMeetings(store.db, actor);
    const wanted = new Set(meetings.map((m) => meetingRoom(m.id)));
    // Joining before reading means no change can fall between the snapshot and the room.
    for (const room of [...socket.rooms()])
      if (room.startsWith(MEETING_ROOM_PREFIX) && !wanted.has(room)) socket.leave(room);
    for (const room of wanted) socket.join(room);
    const updates = [];
    for (const m of meetings) {
      const update = await store.snapshot((tx) => updateFor(tx, m.id, cursors[m.id], actor.id));
      if (update) updates.push(update);
    }
    return { ok: true, data: { meetings, updates, serverTime: new Date().toISOString() } };
  },
  'meeting:catch-up': async (store, actor, _socket, { meetingId, sinceSeq }) => {
    const meeting = await findMeeting(store.db, meetingId);
    const role = meeting ? await roleInMeeting(store.db, meetingId, actor.id) : null;
    if (!meeting || !canInMeeting(actor, 'meeting:view', { role, status: meeting.status })) {
      return { ok: false, error: protocolError('NOT_FOUND') };
    }
    const update = await store.snapshot((tx) => updateFor(tx, meetingId, sinceSeq, actor.id));
    return update ? { ok: true, data: update } : { ok: false, error: protocolError('NOT_FOUND') };
  },
  'directory:list-users': async (store, actor) => {
    if (!canListUsers(actor, await rolesHeld(store.db, actor.id))) {
      return { ok: false, error: protocolError('FORBIDDEN') };
    }
    return { ok: true, data: { users: await listActiveUsers(store.db) } };
  },
  // Those who run votes see a result after the close, before deciding to publish it; nobody
  // else sees it until then. The request goes to the asker alone, never to the room.
  'vote:result': async (store, actor, _socket, { meetingId, voteId }) => {
    const db: Db = store.db;
    const meeting = await findMeeting(db, meetingId);
    const access = meeting && {
      role: await roleInMeeting(db, meetingId, actor.id),
      status: meeting.status,
      voteManagers: meeting.voteManagers,
    };
    if (!meeting || !access || !canInMeeting(actor, 'meeting:view', access)) {
      return { ok: false, error: protocolError('NOT_FOUND') };
    }
    if (!canInMeeting(actor, 'vote:manage', access)) return { ok: false, error: protocolError('FORBIDDEN') };
    const vote = await findVote(db, voteId);
    if (!vote || vote.meetingId !== meetingId) return { ok: false, error: protocolError('NOT_FOUND') };
    if (!vote.storedResult || vote.status === 'open' || vote.status === 'draft') {
      return { ok: false, error: protocolError('CONFLICT', undefined, NO_RESULT_YET) };
    }
    // Who looked at a result before the room did, and when, is on the record.
    await store.transaction(async (tx) => {
      // The meeting's chain takes rows one at a time, behind its commands.
      await store.lockMeeting(tx, meetingId);
      await appendAudit(tx, store, {
        at: new Date().toISOString(),
        actorId: actor.id,
        action: 'vote:result-viewed',
        meetingId,
        detail: { voteId, status: vote.status },
      });
    });
    return { ok: true, data: { voteId, result: vote.storedResult } };
  },
};

const NO_RESULT_YET = {
  vi: 'Biểu quyết chưa đóng nên chưa có kết quả.',
  en: 'The vote is not closed, so it has no result yet.',
};

export async function handleRequest<N extends RequestName>(
  name: N,
  store: Store,
  actor: UserRecord,
  socket: RoomMembership,
  raw: unknown,
  effects: RequestEffects,
): Promise<Ack<RequestResult<N>>> {
  if (hasPrototypeKey(raw)) {
    return { ok: false, error: protocolError('VALIDATION_FAILED', [{ path: '__proto__', message: 'not allowed' }]) };
  }
  const parsed = REQUEST_SCHEMAS[name].request.safeParse(raw);
  if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
  const handler = HANDLERS[name] as RequestHandler<N>;
  return handler(store, actor, socket, parsed.data as Parameters<RequestHandler<N>>[3], effects);
}
