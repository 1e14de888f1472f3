import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBallotKey } from '../../shared/client/ballot-keys.js';
import {
  COMMAND_RULES,
  REQUEST_RULES,
  gateRefusal,
  hasAttendance,
  type AccessRule,
  type GateRefusal,
} from '../../shared/domain/index.js';
import {
  COMMAND_NAMES,
  REQUEST_SCHEMAS,
  type CommandName,
  type ErrorCode,
  type LoginResponse,
  type MeetingRole,
  type RequestName,
  type User,
} from '../../shared/protocol/index.js';
import { findMeeting, roleInMeeting, rolesHeld } from '../../server/meetings/meeting-queries.js';
import { readSession } from '../../server/session/session-queries.js';
import { findMinutesDraft, saveMinutesDraft } from '../../server/minutes/minutes-drafts.js';
import { actionsInText } from '../../server/assistant/action-items.js';
import { minutesFromRecord } from '../../shared/domain/index.js';
import { meetingRecord } from '../support/minutes-record.js';
import { ask, connectSocket, startHarness, syncAll, type Harness, type TestSocket } from '../support/server-harness.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { must, yesNoVote } from '../support/vote-fixtures.js';
import { annotationInput } from '../support/annotation-fixtures.js';

/**
 * Holds the real server to the role table of the protocol reference: every command and
 * request, sent by every kind of user against a draft and a published meeting, with a
 * payload prepared so that only the sender's right decides. The table is rendered from
 * COMMAND_RULES and REQUEST_RULES through `gateRefusal`; this test asks the same function
 * what the server must answer, and compares.
 */

interface Sender {
  label: string;
  user: User;
  socket: TestSocket;
}

/** The codes a refusal by role may carry; any other answer means the role let the sender through. */
const ROLE_REFUSALS: ReadonlySet<ErrorCode> = new Set(['NOT_FOUND', 'FORBIDDEN', 'NO_VOTING_RIGHT', 'NO_ATTENDANCE']);

/**
 * What an allowed sender may still be told because of the state this test leaves things
 * in, not because of their role: publishing a meeting that is published already, a ballot
 * in a draft meeting (nobody can check in before publishing).
 */
const STATE_ANSWERS: Partial<Record<CommandName | RequestName, readonly ErrorCode[]>> = {
  'meeting:publish': ['CONFLICT'],
  // Recalling needs a closed meeting; the role check comes first.
  'documents:recall': ['MEETING_NOT_CLOSED'],
  'vote:cast': ['NOT_PRESENT'],
  // The signature is a placeholder: a sender the role lets through is refused for it.
  'document:approve': ['SIGNATURE_INVALID'],
  // No revision was prepared for the sender under this id: a signer the role lets through is refused for it.
  'minutes:sign': ['CONFLICT'],
  // One meeting is called off per pass: whoever may cancel it after the first is told so.
  'meeting:cancel': ['MEETING_CANCELLED'],
  // The current password given is wrong: the sender's right was not the question.
  'account:change-password': ['INVALID_CREDENTIALS'],
};
/** In a draft meeting no vote exists (nobody may run one there): a voter's ballot finds none. */
const DRAFT_STATE_ANSWERS: Partial<Record<CommandName | RequestName, readonly ErrorCode[]>> = {
  'vote:cast': ['NOT_FOUND'],
};

let h: Harness;
let admin: Sender;
let senders: Sender[];
let target: User;
let guest: User;
let demoMeetingId: string;
let adminToken: string;
let paper: Uint8Array;

/** A document of the meeting every participant may see, uploaded once per meeting (or afresh). */
async function documentIn(meetingId: string, fresh = false): Promise<string> {
  if (!fresh) {
    const row = await h.server.store.db
      .selectFrom('documents')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (row) return row.id;
  }
  return (await mustUpload(h.server.url, adminToken, meetingId, paper, { title: 'Tài liệu thử quyền' })).id;
}

const ACTION_SENTENCE = 'Giao Văn phòng HĐND tổng hợp ý kiến, gửi đại biểu trước ngày 20/12/2026.';

/** A draft of the minutes whose first item's discussion assigns work: a candidate only the role decides on. */
async function minutesActionItem(meetingId: string) {
  let current = await findMinutesDraft(h.server.store.db, meetingId);
  if (current?.content.agenda[0]?.discussion !== ACTION_SENTENCE) {
    const content = current?.content ?? minutesFromRecord(meetingRecord());
    content.agenda[0]!.discussion = ACTION_SENTENCE;
    current = {
      content,
      version: (current?.version ?? 0) + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: admin.user.id,
    };
    await saveMinutesDraft(h.server.store.db, meetingId, current);
  }
  const number = current.content.agenda[0]!.number;
  const source = { kind: 'minutes', agendaNumber: number, field: 'discussion' } as const;
  const found = actionsInText(current.content.agenda[0]!.discussion, source)[0];
  return { itemKey: found?.key ?? 'no-candidate-in-the-draft', source };
}

/** A confirmed decision of its own (a fresh key each time), for edits and undos. */
async function decidedActionItem(meetingId: string): Promise<string> {
  const itemKey = uuidv7().replaceAll('-', '');
  await h.server.store.db
    .insertInto('action_item_decisions')
    .values({
      meeting_id: meetingId,
      item_key: itemKey,
      source_kind: 'minutes',
      document_id: null,
      version: null,
      page: null,
      agenda_number: '1',
      minutes_field: 'discussion',
      agenda_item_id: null,
      sentence: ACTION_SENTENCE,
      who: 'Văn phòng HĐND',
      what: 'tổng hợp ý kiến',
      due_text: null,
      due_iso: null,
      status: 'confirmed',
      decided_by: admin.user.id,
      decided_at: new Date().toISOString(),
    })
    .execute();
  return itemKey;
}

/** A meeting to close for real: a fresh published one when the pass runs in a published meeting. */
async function meetingToClose(meetingId: string): Promise<string> {
  if ((await findMeeting(h.server.store.db, meetingId))?.status === 'draft') return meetingId;
  return publishedMeeting();
}

async function publishedMeeting(): Promise<string> {
  const id = await draftMeeting(['chair']);
  await setup('meeting:publish', { meetingId: id });
  return id;
}

async function signIn(username: string, password: string): Promise<LoginResponse> {
  const res = await fetch(`${h.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()) as LoginResponse;
}

async function sender(label: string, username: string, password = h.account(username).password): Promise<Sender> {
  const login = await signIn(username, password);
  return { label, user: login.user, socket: await connectSocket(h.server.url, login.token) };
}

async function createAccount(token: string, username: string): Promise<{ user: User; password: string }> {
  const password = `mat-khau-${uuidv7()}`;
  const res = await fetch(`${h.server.url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ username, displayName: username, password }),
  });
  if (res.status !== 201) throw new Error(`create ${username}: ${res.status}`);
  return { user: ((await res.json()) as { user: User }).user, password };
}

const setup = (event: string, payload: Record<string, unknown>) => must(admin.socket, event, payload);

/** A draft meeting prepared by the secretary, with a participant of every role. */
async function draftMeeting(voteManagers: readonly MeetingRole[]): Promise<string> {
  const secretary = senders.find((s) => s.label === 'secretary');
  if (!secretary) throw new Error('no secretary');
  const meetingId = uuidv7();
  await must(secretary.socket, 'meeting:create', {
    meetingId,
    title: 'Phiên họp thử quyền',
    startsAt: new Date().toISOString(),
    place: 'Phòng họp 2',
    organisation: 'Hội đồng',
    voteManagers,
  });
  const roles: Array<[string, MeetingRole]> = [
    ['chair', 'chair'],
    ['delegate', 'delegate'],
    ['observer', 'observer'],
  ];
  for (const [label, role] of roles) {
    const s = senders.find((x) => x.label === label);
    if (s) await must(secretary.socket, 'participant:set', { meetingId, userId: s.user.id, role });
  }
  await must(secretary.socket, 'participant:set', { meetingId, userId: target.id, role: 'delegate' });
  return meetingId;
}

async function addItem(meetingId: string): Promise<string> {
  const itemId = uuidv7();
  await setup('agenda:add-item', {
    meetingId,
    itemId,
    parentId: null,
    title: 'Mục thử',
    presenter: '',
    plannedMinutes: 5,
  });
  return itemId;
}

async function voteIn(meetingId: string, state: 'draft' | 'open' | 'closed'): Promise<string> {
  // Nobody, not even an admin, runs votes in a meeting still in preparation: no vote exists
  // there, and any id does, since the role gate answers before the vote is looked up.
  if ((await findMeeting(h.server.store.db, meetingId))?.status === 'draft') return uuidv7();
  const vote = yesNoVote();
  await setup('vote:create', { meetingId, ...vote });
  if (state !== 'draft') await setup('vote:open', { meetingId, voteId: vote.voteId });
  if (state === 'closed') await setup('vote:close', { meetingId, voteId: vote.voteId });
  return vote.voteId;
}

/** An annotation of the sender's own to act on, when they may make one; else an id that is nobody's. */
async function ownAnnotation(meetingId: string, from: Sender): Promise<string> {
  const annotation = annotationInput(await documentIn(meetingId));
  const made = await ask(from.socket, 'annotation:save', { commandId: uuidv7(), meetingId, annotation });
  return made.ok ? annotation.id : uuidv7();
}

/** The session in the stage a command needs, set by the admin (who may run it) in a published meeting. */
async function sessionIn(meetingId: string, stage: 'running' | 'paused'): Promise<void> {
  if ((await findMeeting(h.server.store.db, meetingId))?.status !== 'published') return;
  const now = (await readSession(h.server.store.db, meetingId)).stage;
  if (now === 'not-started') await setup('session:start', { meetingId });
  if (now !== stage && (now !== 'not-started' || stage === 'paused'))
    await setup(stage === 'paused' ? 'session:pause' : 'session:resume', { meetingId });
}

/**
 * A request of the target delegate in the queue, written straight into the table: only its
 * owner could ask for it over the socket, and the senders here must keep their own turns.
 */
async function targetRequest(meetingId: string, state: 'waiting' | 'speaking'): Promise<string> {
  const db = h.server.store.db;
  await db
    .updateTable('speaker_requests')
    .set({ state: 'removed' })
    .where('meeting_id', '=', meetingId)
    .where('state', 'in', ['waiting', 'speaking'])
    .execute();
  const id = uuidv7();
  await db
    .insertInto('speaker_requests')
    .values({
      id,
      meeting_id: meetingId,
      user_id: target.id,
      agenda_item_id: null,
      point_of_order: 0,
      state,
      position: 0,
      requested_at: new Date().toISOString(),
      started_at: state === 'speaking' ? new Date().toISOString() : null,
      ended_at: null,
      limit_seconds: null,
    })
    .execute();
  return id;
}

/** The sender's own waiting request when they may ask for the floor; else an id that is nobody's. */
async function ownFloorRequest(meetingId: string, from: Sender): Promise<string> {
  await targetRequest(meetingId, 'waiting');
  const requestId = uuidv7();
  const made = await ask(from.socket, 'speaker:request', {
    commandId: uuidv7(),
    meetingId,
    requestId,
    pointOfOrder: false,
  });
  return made.ok ? requestId : uuidv7();
}

/** A request of the sender's own to withdraw, when they may send one; else an id that is nobody's. */
async function ownRequest(meetingId: string, from: Sender): Promise<string> {
  const commandId = uuidv7();
  const payload = { commandId, meetingId, topic: 'print', text: `Bản in ${commandId}`, chairMaySee: false };
  return (await ask(from.socket, 'message:request', payload)).ok ? commandId : uuidv7();
}

/** An open request of the meeting for a secretary to answer, made once by the delegate; else an id that is nobody's. */
async function openRequest(meetingId: string): Promise<string> {
  const row = await h.server.store.db
    .selectFrom('meeting_messages')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('kind', '=', 'request')
    .where('state', 'in', ['open', 'acknowledged'])
    .executeTakeFirst();
  if (row) return row.id;
  const delegate = senders.find((s) => s.label === 'delegate');
  return delegate ? ownRequest(meetingId, delegate) : uuidv7();
}

let made = 0;
/** A fresh account, group or name for the people and group requests (each attempt acts on its own). */
const fresh = (prefix: string) => `${prefix}-${(made += 1)}`;
const personDetails = {
  displayName: 'Người thử quyền',
  title: 'Chuyên viên',
  unit: 'Văn phòng',
  seat: '',
  email: '',
  canCreateMeetings: false,
  managesPeople: false,
};
/** A request the admin makes to set things up (requests carry no command id). */
async function adminAsks<T>(event: string, payload: Record<string, unknown>): Promise<T> {
  const answer = await ask<T>(admin.socket, event, payload);
  if (!answer.ok) throw new Error(`${event} refused: ${answer.error.code}`);
  return answer.data;
}
/** An account made by the admin, for the people requests to act on. */
async function throwawayPerson(): Promise<string> {
  const made = await adminAsks<{ person: { id: string } }>('people:create', {
    username: fresh('thu-quyen'),
    ...personDetails,
  });
  return made.person.id;
}
/** A group made by the admin, holding the guest. */
async function groupWithGuest(): Promise<string> {
  const made = await adminAsks<{ group: { id: string } }>('group:create', {
    name: fresh('Nhóm thử quyền'),
    memberIds: [guest.id],
  });
  return made.group.id;
}

interface Attempt {
  meetingId: string | null;
  payload: Record<string, unknown>;
}
type Prepare = (meetingId: string, from: Sender, self: boolean) => Promise<Attempt>;

const COMMANDS: Record<CommandName, Prepare> = {
  'meeting:create': async () => ({
    meetingId: null,
    payload: {
      meetingId: uuidv7(),
      title: 'Cuộc họp mới',
      startsAt: new Date().toISOString(),
      place: 'Phòng 3',
      organisation: 'Ban',
    },
  }),
  'meeting:update': async (meetingId) => ({
    meetingId,
    payload: {
      meetingId,
      baseVersion: (await findMeeting(h.server.store.db, meetingId))?.version,
      title: 'Tiêu đề đã sửa',
    },
  }),
  // Publishing for real would turn the draft meeting of the draft pass into a published one.
  'meeting:publish': async (meetingId) => {
    const id =
      (await findMeeting(h.server.store.db, meetingId))?.status === 'draft' ? await draftMeeting(['chair']) : meetingId;
    return { meetingId: id, payload: { meetingId: id } };
  },
  'agenda:add-item': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemId: uuidv7(), parentId: null, title: 'Mục mới', presenter: '', plannedMinutes: 10 },
  }),
  'agenda:update-item': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemId: await addItem(meetingId), baseVersion: 0, title: 'Mục đã sửa' },
  }),
  'agenda:move-item': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemId: await addItem(meetingId), parentId: null, index: 0 },
  }),
  'agenda:remove-item': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemId: await addItem(meetingId), baseVersion: 0 },
  }),
  'participant:set': async (meetingId) => ({
    meetingId,
    payload: { meetingId, userId: guest.id, role: 'observer' },
  }),
  'participants:add-group': async (meetingId) => ({
    meetingId,
    payload: { meetingId, groupId: await groupWithGuest(), role: 'observer' },
  }),
  'participant:remove': async (meetingId) => {
    await setup('participant:set', { meetingId, userId: guest.id, role: 'observer' });
    return { meetingId, payload: { meetingId, userId: guest.id } };
  },
  'attendance:check-in': async (meetingId, from, self) => ({
    meetingId,
    payload: { meetingId, userId: self ? from.user.id : target.id },
  }),
  'attendance:check-out': async (meetingId, from, self) => ({
    meetingId,
    payload: { meetingId, userId: self ? from.user.id : target.id },
  }),
  'vote:create': async (meetingId) => ({ meetingId, payload: { meetingId, ...yesNoVote() } }),
  'vote:update': async (meetingId) => {
    const voteId = await voteIn(meetingId, 'draft');
    return {
      meetingId,
      payload: { meetingId, baseVersion: 0, ...yesNoVote({ voteId, question: 'Câu hỏi đã sửa?' }) },
    };
  },
  'vote:open': async (meetingId) => ({ meetingId, payload: { meetingId, voteId: await voteIn(meetingId, 'draft') } }),
  'vote:close': async (meetingId) => ({ meetingId, payload: { meetingId, voteId: await voteIn(meetingId, 'open') } }),
  'vote:publish': async (meetingId) => ({
    meetingId,
    payload: { meetingId, voteId: await voteIn(meetingId, 'closed') },
  }),
  'vote:cancel': async (meetingId) => ({ meetingId, payload: { meetingId, voteId: await voteIn(meetingId, 'draft') } }),
  'meeting:close': async (meetingId) => {
    const id = await meetingToClose(meetingId);
    return { meetingId: id, payload: { meetingId: id } };
  },
  'documents:recall': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'document:update': async (meetingId) => ({
    meetingId,
    payload: { meetingId, documentId: await documentIn(meetingId), title: 'Tên mới' },
  }),
  'document:remove': async (meetingId) => ({
    meetingId,
    payload: { meetingId, documentId: await documentIn(meetingId, true) },
  }),
  'presenter:show': async (meetingId) => ({
    meetingId,
    payload: { meetingId, documentId: await documentIn(meetingId), page: 1 },
  }),
  'presenter:stop': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'session:start': async (meetingId) => {
    // A fresh meeting each time in a published pass: a session starts once.
    const id =
      (await findMeeting(h.server.store.db, meetingId))?.status === 'draft' ? meetingId : await publishedMeeting();
    return { meetingId: id, payload: { meetingId: id } };
  },
  'session:pause': async (meetingId) => {
    await sessionIn(meetingId, 'running');
    return { meetingId, payload: { meetingId } };
  },
  'session:resume': async (meetingId) => {
    await sessionIn(meetingId, 'paused');
    return { meetingId, payload: { meetingId } };
  },
  'agenda:set-current': async (meetingId) => {
    await sessionIn(meetingId, 'running');
    return { meetingId, payload: { meetingId, itemId: await addItem(meetingId) } };
  },
  'speaker:request': async (meetingId) => {
    await targetRequest(meetingId, 'waiting');
    return { meetingId, payload: { meetingId, requestId: uuidv7(), pointOfOrder: false } };
  },
  'speaker:withdraw': async (meetingId, from) => ({
    meetingId,
    payload: { meetingId, requestId: await ownFloorRequest(meetingId, from) },
  }),
  'speaker:give-floor': async (meetingId) => ({
    meetingId,
    payload: { meetingId, requestId: await targetRequest(meetingId, 'waiting'), limitSeconds: 120 },
  }),
  'speaker:end': async (meetingId) => {
    await targetRequest(meetingId, 'speaking');
    return { meetingId, payload: { meetingId } };
  },
  'speaker:set-time': async (meetingId) => {
    await targetRequest(meetingId, 'speaking');
    return { meetingId, payload: { meetingId, limitSeconds: 60 } };
  },
  'speaker:move': async (meetingId) => ({
    meetingId,
    payload: { meetingId, requestId: await targetRequest(meetingId, 'waiting'), index: 0 },
  }),
  'minutes:save': async (meetingId) => {
    const current = await findMinutesDraft(h.server.store.db, meetingId);
    return {
      meetingId,
      payload: { meetingId, baseVersion: current?.version ?? 0, content: minutesFromRecord(meetingRecord()) },
    };
  },
  'minutes:finalize': async (meetingId) => {
    // A saved draft to freeze: only the role decides.
    let current = await findMinutesDraft(h.server.store.db, meetingId);
    if (!current) {
      current = {
        content: minutesFromRecord(meetingRecord()),
        version: 1,
        updatedAt: new Date().toISOString(),
        updatedBy: admin.user.id,
      };
      await saveMinutesDraft(h.server.store.db, meetingId, current);
    }
    return { meetingId, payload: { meetingId, version: current.version } };
  },
  'action-item:confirm': async (meetingId) => ({
    meetingId,
    payload: { meetingId, ...(await minutesActionItem(meetingId)) },
  }),
  'action-item:drop': async (meetingId) => ({
    meetingId,
    payload: { meetingId, ...(await minutesActionItem(meetingId)) },
  }),
  'action-item:edit': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemKey: await decidedActionItem(meetingId), what: 'tổng hợp ý kiến cử tri' },
  }),
  'action-item:undo': async (meetingId) => ({
    meetingId,
    payload: { meetingId, itemKey: await decidedActionItem(meetingId) },
  }),
  'minutes:sign': async (meetingId) => ({
    meetingId,
    payload: { meetingId, signingId: uuidv7(), signature: Buffer.from('không phải chữ ký').toString('base64') },
  }),
  'speaker:remove': async (meetingId) => ({
    meetingId,
    payload: { meetingId, requestId: await targetRequest(meetingId, 'waiting') },
  }),
  'document:approve': async (meetingId) => ({
    meetingId,
    payload: {
      meetingId,
      documentId: await documentIn(meetingId),
      version: 1,
      decision: 'approve',
      reason: '',
      signedAt: new Date().toISOString(),
      signature: Buffer.from('không phải chữ ký').toString('base64'),
    },
  }),
  'vote:cast': async (meetingId, from) => {
    // A voting member who is present: only the right to vote is left to decide. Checked in
    // before the vote opens: while it is open, nobody checks anyone else in.
    const role = await roleInMeeting(h.server.store.db, meetingId, from.user.id);
    if ((await findMeeting(h.server.store.db, meetingId))?.status === 'published' && hasAttendance(role))
      await setup('attendance:check-in', { meetingId, userId: from.user.id });
    const voteId = await voteIn(meetingId, 'open');
    return { meetingId, payload: { meetingId, voteId, ballotKey: makeBallotKey(), choices: ['yes'] } };
  },
  'annotation:save': async (meetingId) => ({
    meetingId,
    payload: { meetingId, annotation: annotationInput(await documentIn(meetingId)) },
  }),
  'annotation:delete': async (meetingId, from) => ({
    meetingId,
    payload: { meetingId, annotationId: await ownAnnotation(meetingId, from) },
  }),
  'annotation:share': async (meetingId, from) => ({
    meetingId,
    payload: { meetingId, annotationId: await ownAnnotation(meetingId, from) },
  }),
  'annotation:withdraw': async (meetingId, from) => ({
    meetingId,
    payload: { meetingId, annotationId: await ownAnnotation(meetingId, from) },
  }),
  'document:opened': async (meetingId) => ({
    meetingId,
    payload: { meetingId, documentId: await documentIn(meetingId), version: 1 },
  }),
  'message:request': async (meetingId) => ({
    meetingId,
    // A text of its own each time: the same request twice while open is refused (CONFLICT).
    payload: { meetingId, topic: 'microphone', text: `Micro ${uuidv7()}`, chairMaySee: true },
  }),
  'message:answer': async (meetingId) => ({
    meetingId,
    payload: { meetingId, messageId: await openRequest(meetingId), state: 'acknowledged', answer: 'Đang xử lý' },
  }),
  'message:withdraw': async (meetingId, from) => ({
    meetingId,
    payload: { meetingId, messageId: await ownRequest(meetingId, from) },
  }),
  'message:notice': async (meetingId) => ({
    meetingId,
    payload: { meetingId, to: target.id, text: 'Thông báo thử quyền' },
  }),
  // Called off or put off for real: a fresh meeting in the same state, so the pass goes on in its own.
  'meeting:cancel': async (meetingId) => {
    const id = await freshMeetingLike(meetingId, 'cancel');
    return { meetingId: id, payload: { meetingId: id, reason: 'Thử quyền hủy họp' } };
  },
  'meeting:postpone': async (meetingId) => {
    const id = await freshMeetingLike(meetingId, 'other');
    return { meetingId: id, payload: { meetingId: id, reason: 'Thử quyền hoãn họp', startsAt: null } };
  },
  // Bringing back a meeting that is not archived changes nothing: only the role decides.
  'meeting:archive': async (meetingId) => ({ meetingId, payload: { meetingId, archived: false } }),
  'meeting:copy': async (meetingId) => ({
    meetingId,
    payload: {
      meetingId: uuidv7(),
      sourceMeetingId: meetingId,
      title: 'Bản sao thử quyền',
      startsAt: new Date().toISOString(),
    },
  }),
  // A meeting sent out whose session has not started, where every participant holds an invitation.
  'invitation:reply': async (meetingId) => {
    const id = await freshMeetingLike(meetingId, 'other');
    return { meetingId: id, payload: { meetingId: id, reply: 'absent', reason: 'Thử quyền trả lời' } };
  },
};

/**
 * A meeting with every role, a draft or sent out like `meetingId`, made once per pass and
 * use: one to call off (after the first cancellation the others are told `MEETING_CANCELLED`),
 * one to put off and to reply in.
 */
const spares = new Map<string, string>();
async function freshMeetingLike(meetingId: string, use: 'cancel' | 'other'): Promise<string> {
  const status = (await findMeeting(h.server.store.db, meetingId))?.status;
  const key = `${meetingId}:${status}:${use}`;
  let id = spares.get(key);
  if (!id) {
    id = status === 'draft' ? await draftMeeting(['chair']) : await publishedMeeting();
    spares.set(key, id);
  }
  return id;
}

const REQUESTS: Record<RequestName, Prepare> = {
  'document:list': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'document:versions': async (meetingId) => ({
    meetingId,
    payload: { meetingId, documentId: await documentIn(meetingId) },
  }),
  'document:search': async (meetingId) => ({ meetingId, payload: { meetingId, q: 'thử quyền' } }),
  'approval:list': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'annotation:sync': async () => ({ meetingId: null, payload: { sinceRev: 0 } }),
  'annotation:list-shared': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'minutes:get': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'message:list': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'invitation:list': async (meetingId) => ({ meetingId, payload: { meetingId } }),
  'certificate:status': async () => ({ meetingId: null, payload: { fingerprint: 'a'.repeat(64) } }),
  'session:sync': async () => ({ meetingId: null, payload: { cursors: {} } }),
  'meeting:catch-up': async (meetingId) => ({ meetingId, payload: { meetingId, sinceSeq: 0 } }),
  'directory:list-users': async () => ({ meetingId: null, payload: {} }),
  'device:list': async () => ({ meetingId: null, payload: {} }),
  'device:revoke': async () => ({ meetingId: null, payload: { deviceId: await deviceOf(target), userId: target.id } }),
  'people:list': async () => ({ meetingId: null, payload: {} }),
  'people:create': async () => ({ meetingId: null, payload: { username: fresh('nguoi-moi'), ...personDetails } }),
  'people:update': async () => ({ meetingId: null, payload: { userId: await throwawayPerson(), ...personDetails } }),
  'people:set-disabled': async () => ({
    meetingId: null,
    payload: { userId: await throwawayPerson(), disabled: true },
  }),
  'people:reset-password': async () => ({ meetingId: null, payload: { userId: await throwawayPerson() } }),
  'people:import': async () => ({
    meetingId: null,
    payload: {
      format: 'csv',
      data: Buffer.from(`username,displayName\n${fresh('nhap')},Trần Quốc Đạt\n`).toString('base64'),
      dryRun: true,
    },
  }),
  'group:list': async () => ({ meetingId: null, payload: {} }),
  'group:create': async () => ({ meetingId: null, payload: { name: fresh('Ban thử quyền'), memberIds: [] } }),
  'group:update': async () => ({
    meetingId: null,
    payload: { groupId: await groupWithGuest(), name: fresh('Ban đổi tên'), memberIds: [] },
  }),
  'group:delete': async () => ({ meetingId: null, payload: { groupId: await groupWithGuest() } }),
  'account:change-password': async () => ({
    meetingId: null,
    payload: { currentPassword: 'pas-le-bon', newPassword: 'mot-mat-khau-moi-dai' },
  }),
  'audit:list': async (meetingId) => ({ meetingId: null, payload: { meetingId, limit: 5 } }),
  'vote:result': async (meetingId) => ({
    meetingId,
    payload: { meetingId, voteId: await voteIn(meetingId, 'closed') },
  }),
};

/** A device of this person the server has seen, not revoked: one an admin may revoke. */
async function deviceOf(user: User): Promise<string> {
  const id = uuidv7();
  const at = new Date().toISOString();
  await h.server.store.db
    .insertInto('devices')
    .values({ id, user_id: user.id, name: 'Máy thử quyền', platform: 'browser', first_seen_at: at, last_seen_at: at })
    .execute();
  return id;
}

/** What `gateRefusal` says the server must answer this sender, read from the database as it is now. */
async function expectedRefusal(
  rule: AccessRule,
  from: Sender,
  meetingId: string | null,
  self: boolean,
): Promise<GateRefusal | null> {
  const db = h.server.store.db;
  const meeting = meetingId ? await findMeeting(db, meetingId) : null;
  return gateRefusal(rule.gate, {
    actor: from.user,
    role: meetingId ? await roleInMeeting(db, meetingId, from.user.id) : null,
    status: meeting?.status ?? 'draft',
    voteManagers: meeting?.voteManagers ?? ['chair'],
    self,
    rolesHeld: await rolesHeld(db, from.user.id),
  });
}

/** Closes what the last attempt may have left open, so that no rule but the role's comes into play. */
async function tidy(meetingId: string): Promise<void> {
  const open = await h.server.store.db
    // Open votes fix the electorate, and a closed one must be ended before the next opens.
    .selectFrom('votes')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('status', 'in', ['open', 'closed'])
    .execute();
  for (const { id } of open) await setup('vote:cancel', { meetingId, voteId: id, reason: 'Dọn dẹp sau phép thử' });
}

interface Tally {
  mismatches: string[];
  allowed: number;
  refused: number;
}

async function sendEverything(meetingId: string): Promise<Tally> {
  const tally: Tally = { mismatches: [], allowed: 0, refused: 0 };
  const entries: Array<[CommandName | RequestName, AccessRule, Prepare, boolean]> = [
    ...COMMAND_NAMES.map(
      (n) => [n, COMMAND_RULES[n], COMMANDS[n], true] as [CommandName, AccessRule, Prepare, boolean],
    ),
    ...(Object.keys(REQUEST_SCHEMAS) as RequestName[]).map(
      (n) => [n, REQUEST_RULES[n], REQUESTS[n], false] as [RequestName, AccessRule, Prepare, boolean],
    ),
  ];
  for (const [name, rule, prepare, isCommand] of entries) {
    const selves = rule.gate === 'self-or-attendance:manage' ? [true, false] : [false];
    for (const from of senders) {
      for (const self of selves) {
        const { meetingId: where, payload } = await prepare(meetingId, from, self);
        const expected = await expectedRefusal(rule, from, where, self);
        const answer = await ask(from.socket, name, isCommand ? { commandId: uuidv7(), ...payload } : payload);
        const got = answer.ok ? null : answer.error.code;
        const what = `${name}${rule.gate === 'self-or-attendance:manage' ? (self ? ' (oneself)' : ' (another)') : ''} by ${from.label}`;
        if (expected !== null) {
          tally.refused += 1;
          if (got !== expected) tally.mismatches.push(`${what}: expected ${expected}, got ${got ?? 'ok'}`);
        } else {
          tally.allowed += 1;
          const inDraft = (await findMeeting(h.server.store.db, where ?? meetingId))?.status === 'draft';
          const byState = got !== null && (inDraft ? (DRAFT_STATE_ANSWERS[name] ?? []) : []).includes(got);
          const fine = got === null || byState || (STATE_ANSWERS[name] ?? []).includes(got);
          if (!fine || (got && ROLE_REFUSALS.has(got) && !byState))
            tally.mismatches.push(`${what}: expected it to pass the role check, got ${got}`);
        }
        await tidy(where ?? meetingId);
      }
    }
  }
  return tally;
}

beforeAll(async () => {
  // Hundreds of events from one admin socket: the budget is not what is tested here.
  h = await startHarness({ socketLimits: { burst: 100_000, eventsPerSecond: 100_000 } });
  admin = await sender('admin', 'admin');
  adminToken = (await signIn('admin', h.account('admin').password)).token;
  paper = await makePdf({ pages: ['Tài liệu thử quyền'] });
  const made = await Promise.all([
    createAccount((await signIn('admin', h.account('admin').password)).token, 'ngoai'),
    createAccount((await signIn('admin', h.account('admin').password)).token, 'khach'),
  ]);
  const [outsider, invited] = made as [{ user: User; password: string }, { user: User; password: string }];
  guest = invited.user;
  senders = [
    admin,
    await sender('secretary', 'thuky'),
    await sender('chair', 'chutoa'),
    await sender('delegate', 'daibieu1'),
    await sender('observer', 'phonghop'),
    await sender('not taking part', 'ngoai', outsider.password),
  ];
  const demo = (await syncAll(admin.socket)).meetings[0];
  if (!demo) throw new Error('no demo meeting');
  demoMeetingId = demo.id;
  const d2 = await sender('target', 'daibieu2');
  target = d2.user;
  d2.socket.disconnect();
  for (const s of senders.filter((x) => x.label === 'chair' || x.label === 'delegate'))
    await setup('attendance:check-in', { meetingId: demoMeetingId, userId: s.user.id });
});

afterAll(async () => {
  for (const s of senders ?? []) s.socket.disconnect();
  await h?.cleanup();
});

describe('the role table of the protocol reference, against the real server', () => {
  it('holds in the published demo meeting, where only the chair runs votes', { timeout: 120_000 }, async () => {
    expect((await findMeeting(h.server.store.db, demoMeetingId))?.voteManagers).toEqual(['chair']);
    const tally = await sendEverything(demoMeetingId);
    expect(tally.mismatches).toEqual([]);
    expect(tally.allowed).toBeGreaterThan(40);
    expect(tally.refused).toBeGreaterThan(60);
  });

  it('holds in the published meeting once the secretary runs votes too', { timeout: 120_000 }, async () => {
    const version = (await findMeeting(h.server.store.db, demoMeetingId))?.version;
    await setup('meeting:update', {
      meetingId: demoMeetingId,
      baseVersion: version,
      voteManagers: ['chair', 'secretary'],
    });
    const tally = await sendEverything(demoMeetingId);
    expect(tally.mismatches).toEqual([]);
    expect(tally.allowed).toBeGreaterThan(50);
  });

  it('holds in a draft meeting, which delegates and observers cannot even see', { timeout: 120_000 }, async () => {
    const tally = await sendEverything(await draftMeeting(['chair', 'secretary']));
    expect(tally.mismatches).toEqual([]);
    expect(tally.refused).toBeGreaterThan(60);
  });
});
