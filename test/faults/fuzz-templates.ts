import { uuidv7 } from 'uuidv7';
import { annotationInput } from '../support/annotation-fixtures.js';
import { minutesFromRecord } from '../../shared/domain/index.js';
import { meetingRecord } from '../support/minutes-record.js';
import type { z } from 'zod';
import {
  COMMAND_SCHEMAS,
  CreateEnrollmentCodeRequestSchema,
  CreateUserRequestSchema,
  EnrollRequestSchema,
  LoginRequestSchema,
  REQUEST_SCHEMAS,
  RegisterOutsideCertificateRequestSchema,
  RevokeCertificateRequestSchema,
  UploadFieldsSchema,
  type CommandName,
  type RequestName,
} from '../../shared/protocol/index.js';

/**
 * One well-formed payload of every socket event and HTTP body: what the fuzzer bends. Typed
 * by the protocol's tables, so an event added to the protocol without a template here does
 * not compile. Well-formed is all they need to be (the ids need not exist): every payload the
 * fuzzer sends is checked to be refused by the event's schema before it goes out.
 */
const id = () => uuidv7();
const cms = 'MIIBszCCAVmgAwIBAgIUQ2FiaW5ldEZ1enpGaXh0dXJlMA==';
const when = '2026-12-05T08:00:00+07:00';
const vote = () => ({
  voteId: id(),
  agendaItemId: null,
  question: 'Thông qua Nghị quyết về dự toán ngân sách năm 2027?',
  kind: 'secret',
  options: {
    type: 'candidates',
    seats: 1,
    candidates: ['Nguyễn Văn A', 'Trần Thị B'].map((name, i) => ({ id: `c${i}`, name })),
  },
  rule: 'simple',
  base: 'yes-no',
  quorum: 'none',
  allowChange: false,
  durationSeconds: 60,
});

export function commandTemplates(meetingId: string): Record<CommandName, Record<string, unknown>> {
  const ref = () => ({ commandId: id(), meetingId });
  const roles = ['chair', 'secretary'];
  const defaults = { rule: 'absolute', base: 'members', quorum: 'none' };
  return {
    'meeting:create': {
      ...ref(),
      meetingId: id(),
      title: 'Kỳ họp thứ 13',
      startsAt: when,
      place: 'Hội trường A',
      organisation: 'HĐND thành phố',
      voteManagers: roles,
      voteDefaults: defaults,
    },
    'meeting:update': { ...ref(), baseVersion: 3, title: 'Kỳ họp (sửa)', voteManagers: roles, voteDefaults: defaults },
    'meeting:publish': ref(),
    'meeting:close': ref(),
    'documents:recall': ref(),
    'document:update': {
      ...ref(),
      documentId: id(),
      title: 'Tờ trình',
      agendaItemId: null,
      visibleTo: { users: [id()], roles: ['chair'] },
    },
    'document:remove': { ...ref(), documentId: id() },
    'presenter:show': { ...ref(), documentId: id(), page: 3 },
    'presenter:stop': ref(),
    'session:start': { ...ref(), itemId: id() },
    'session:pause': ref(),
    'session:resume': ref(),
    'agenda:set-current': { ...ref(), itemId: id() },
    'speaker:request': { ...ref(), requestId: id(), pointOfOrder: true },
    'speaker:withdraw': { ...ref(), requestId: id() },
    'speaker:give-floor': { ...ref(), requestId: id(), limitSeconds: 180 },
    'speaker:end': ref(),
    'speaker:set-time': { ...ref(), limitSeconds: 120 },
    'speaker:move': { ...ref(), requestId: id(), index: 0 },
    'speaker:remove': { ...ref(), requestId: id() },
    'document:approve': {
      ...ref(),
      documentId: id(),
      version: 1,
      decision: 'reject',
      reason: 'Số liệu chưa khớp',
      signedAt: when,
      signature: cms,
    },
    'agenda:add-item': {
      ...ref(),
      itemId: id(),
      parentId: id(),
      index: 0,
      title: 'Báo cáo',
      presenter: 'Sở Tài chính',
      plannedMinutes: 10,
    },
    'agenda:update-item': {
      ...ref(),
      itemId: id(),
      baseVersion: 1,
      title: 'Báo cáo',
      presenter: '',
      plannedMinutes: 5,
    },
    'agenda:move-item': { ...ref(), itemId: id(), parentId: null, index: 2 },
    'agenda:remove-item': { ...ref(), itemId: id(), baseVersion: 0 },
    'participant:set': { ...ref(), userId: id(), role: 'delegate' },
    'participants:add-group': { ...ref(), groupId: id(), role: 'delegate' },
    'participant:remove': { ...ref(), userId: id() },
    'attendance:check-in': { ...ref(), userId: id() },
    'attendance:check-out': { ...ref(), userId: id() },
    'vote:create': { ...ref(), ...vote() },
    'vote:update': { ...ref(), ...vote(), baseVersion: 0 },
    'vote:open': { ...ref(), voteId: id() },
    'vote:close': { ...ref(), voteId: id() },
    'vote:publish': { ...ref(), voteId: id() },
    'vote:cancel': { ...ref(), voteId: id(), reason: 'Nhầm câu hỏi' },
    'vote:cast': {
      ...ref(),
      voteId: id(),
      ballotKey: 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE',
      choices: ['c0'],
    },
    'annotation:save': { ...ref(), annotation: annotationInput(id(), 'ink') },
    'annotation:delete': { ...ref(), annotationId: id() },
    'annotation:share': { ...ref(), annotationId: id() },
    'annotation:withdraw': { ...ref(), annotationId: id() },
    'document:opened': { ...ref(), documentId: id(), version: 1 },
    'minutes:save': { ...ref(), baseVersion: 0, content: minutesFromRecord(meetingRecord()) },
    'minutes:finalize': { ...ref(), version: 1 },
    'minutes:sign': { ...ref(), signingId: id(), signature: Buffer.from('không phải chữ ký').toString('base64') },
    'action-item:confirm': {
      ...ref(),
      itemKey: 'AbCdEfGhIjKlMnOpQrStUv',
      source: { kind: 'document', documentId: id(), version: 1, page: 2 },
      who: 'Sở Tài chính',
      when: 'trước ngày 31/12/2026',
      whenIso: '2026-12-31',
    },
    'action-item:edit': { ...ref(), itemKey: 'AbCdEfGhIjKlMnOpQrStUv', what: 'chủ trì tổng hợp' },
    'action-item:drop': {
      ...ref(),
      itemKey: 'AbCdEfGhIjKlMnOpQrStUv',
      source: { kind: 'minutes', agendaNumber: '1', field: 'discussion' },
    },
    'action-item:undo': { ...ref(), itemKey: 'AbCdEfGhIjKlMnOpQrStUv' },
    'message:request': { ...ref(), topic: 'print', text: 'Cần bản in', chairMaySee: false },
    'message:answer': { ...ref(), messageId: id(), state: 'done', answer: 'Đã gửi' },
    'message:withdraw': { ...ref(), messageId: id() },
    'message:notice': { ...ref(), to: null, text: 'Nghỉ giải lao 10 phút' },
    'meeting:cancel': { ...ref(), reason: 'Chủ tọa đi công tác đột xuất' },
    'meeting:postpone': { ...ref(), reason: 'Chưa đủ tài liệu', startsAt: when },
    'meeting:archive': { ...ref(), archived: true },
    'meeting:copy': { ...ref(), meetingId: id(), sourceMeetingId: meetingId, title: 'Kỳ họp thứ 14', startsAt: when },
    'invitation:reply': { ...ref(), reply: 'absent', reason: 'Đi công tác' },
  };
}

export function requestTemplates(meetingId: string): Record<RequestName, Record<string, unknown>> {
  return {
    'session:sync': { cursors: { [meetingId]: 3 } },
    'meeting:catch-up': { meetingId, sinceSeq: 2 },
    'minutes:get': { meetingId },
    'directory:list-users': {},
    'vote:result': { meetingId, voteId: id() },
    'document:list': { meetingId },
    'document:versions': { meetingId, documentId: id() },
    'document:search': { meetingId, q: 'ngân sách' },
    'approval:list': { meetingId },
    'certificate:status': { fingerprint: 'a'.repeat(64) },
    'annotation:sync': { sinceRev: 0 },
    'annotation:list-shared': { meetingId },
    'message:list': { meetingId },
    'device:list': {},
    'device:revoke': { deviceId: id(), userId: id() },
    'invitation:list': { meetingId },
    'people:list': {},
    'people:create': {
      username: 'nguyen.tuyet',
      ...{
        displayName: 'Nguyễn Thị Ánh Tuyết',
        title: 'Phó Chủ tịch',
        unit: 'Ban Kinh tế - Ngân sách',
        seat: 'A12',
        email: 'tuyet@hdnd.example',
        canCreateMeetings: false,
        managesPeople: false,
      },
    },
    'people:update': {
      userId: id(),
      ...{
        displayName: 'Nguyễn Thị Ánh Tuyết',
        title: 'Phó Chủ tịch',
        unit: 'Ban Kinh tế - Ngân sách',
        seat: 'A12',
        email: 'tuyet@hdnd.example',
        canCreateMeetings: false,
        managesPeople: false,
      },
    },
    'people:set-disabled': { userId: id(), disabled: true },
    'people:reset-password': { userId: id() },
    'people:import': {
      format: 'csv',
      data: Buffer.from('username,displayName\ndat.tran,Trần Quốc Đạt\n').toString('base64'),
      dryRun: true,
    },
    'group:list': {},
    'group:create': { name: 'Thường trực HĐND', memberIds: [id()] },
    'group:update': { groupId: id(), name: 'Ban Kinh tế - Ngân sách', memberIds: [id(), id()] },
    'group:delete': { groupId: id() },
    'account:change-password': { currentPassword: 'mat-khau-cu', newPassword: 'mot-mat-khau-moi-dai' },
    'audit:list': { meetingId, action: 'vote:cast', before: 100, limit: 20 },
  };
}

/** What the server applies to a socket event's payload: the command's or request's schema. */
export function eventSchema(event: string): z.ZodType | null {
  if (Object.hasOwn(COMMAND_SCHEMAS, event)) return COMMAND_SCHEMAS[event as CommandName];
  if (Object.hasOwn(REQUEST_SCHEMAS, event)) return REQUEST_SCHEMAS[event as RequestName].request;
  return null;
}

/** The JSON bodies of the HTTP routes, with the schema each is held to. */
export function bodyTemplates(userId: string): Array<{
  path: string;
  schema: z.ZodType;
  body: Record<string, unknown>;
}> {
  return [
    { path: '/api/auth/login', schema: LoginRequestSchema, body: { username: 'daibieu1', password: 'sai-mat-khau' } },
    {
      path: '/api/users',
      schema: CreateUserRequestSchema,
      body: { username: 'nguoi-moi', displayName: 'Người mới', password: 'mot-mat-khau-dai', isAdmin: false },
    },
    { path: '/api/pki/enrollment-codes', schema: CreateEnrollmentCodeRequestSchema, body: { userId } },
    {
      path: '/api/pki/enroll',
      schema: EnrollRequestSchema,
      body: { code: 'ABCD-EFGH-JKMN', deviceName: 'Máy tính bảng 1', csr: cms },
    },
    {
      path: `/api/pki/certificates/${'b'.repeat(64)}/revoke`,
      schema: RevokeCertificateRequestSchema,
      body: { reason: 'Mất máy' },
    },
    {
      path: '/api/pki/outside-certificates',
      schema: RegisterOutsideCertificateRequestSchema,
      body: {
        certificates: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'],
        provedAt: when,
        proof: cms,
      },
    },
  ];
}

/** The upload's form fields and their schema (the file part comes last). */
export const UPLOAD_FIELDS = {
  schema: UploadFieldsSchema,
  fields: { title: 'Tờ trình số 12', visibleTo: { roles: ['chair'] } } as Record<string, unknown>,
};
