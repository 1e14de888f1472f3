import type {
  AttendanceRow,
  MeetingRole,
  MinutesAgendaItem,
  MinutesContent,
  MinutesTask,
  MinutesVote,
  VoteKind,
  VoteOptions,
  VoteResult,
  VoteStatus,
} from '../protocol/index.js';
import {
  ABSTAIN,
  isTiedQuestion,
  shownOutcome,
  type MajorityBase,
  type MajorityRule,
  type Outcome,
  type QuorumRule,
} from './vote-outcome.js';
import { optionIds } from './ballot-rules.js';
import { DEFAULT_MINUTES_TIME_ZONE, vietnameseDate, vietnameseTime, zonedDate } from './minutes-text.js';

/**
 * The first draft of the minutes, from what the meeting recorded: who came and when, what
 * was said on each item, how each vote went, who approved which document. Pure: the server
 * reads the record from its database and hands it here; the secretary edits the result.
 * The body is Vietnamese (Decree 30 documents are), whatever language the UI speaks.
 */

/** Checked in more than this after the start: late (đến muộn). */
export const LATE_AFTER_MINUTES = 15;

/** Stands for what the record does not know yet, for the secretary to fill in. */
export const TO_FILL = '…';

export interface RecordParticipant {
  displayName: string;
  role: MeetingRole;
  /** Chức vụ, printed beside the role ("Chủ tịch HĐND"). */
  position?: string | null;
  /** Their first check-in; null if they never checked in (absent). */
  firstCheckInAt: string | null;
  /** Why they are absent (or late), as the secretary noted it. */
  absenceReason?: string | null;
}

export interface RecordSpeech {
  speakerName: string;
  seconds: number;
  pointOfOrder?: boolean;
}

export interface RecordVote {
  question: string;
  kind: VoteKind;
  options: VoteOptions;
  rule: MajorityRule;
  base: MajorityBase;
  quorum: QuorumRule;
  status: VoteStatus;
  /** As the server published it; only published votes with a result go into the minutes. */
  result: VoteResult | null;
}

export interface RecordApproval {
  documentTitle: string;
  displayName: string;
  decision: 'approve' | 'reject';
  at: string;
}

export interface RecordAgendaItem {
  /** "1", "1.1", as `numberAgenda` numbers it. */
  number: string;
  title: string;
  presenter?: string | null;
  speeches: readonly RecordSpeech[];
  votes: readonly RecordVote[];
  approvals: readonly RecordApproval[];
  /** Tasks assigned on the item: the action items the secretary confirmed. */
  tasks?: readonly MinutesTask[];
}

export interface MeetingRecord {
  title: string;
  /** The organisation holding the meeting: "Hội đồng nhân dân thành phố Hà Nội". */
  organisation: string;
  parentOrganisation?: string | null;
  /** Số/ký hiệu of the minutes, if already given. */
  number?: string | null;
  /** Where the meeting is held (room, building). */
  location: string;
  /** Địa danh of the date line ("Hà Nội"). */
  placeName: string;
  startsAt: string;
  /** When the meeting ended, if it has. */
  endedAt?: string | null;
  timeZone?: string;
  participants: readonly RecordParticipant[];
  /** In agenda order. */
  agenda: readonly RecordAgendaItem[];
}

const ROLE_TEXT: Record<MeetingRole, string> = {
  chair: 'Chủ tọa',
  secretary: 'Thư ký',
  delegate: 'Đại biểu',
  observer: 'Khách mời',
};

const ANSWER_TEXT: Record<string, string> = { yes: 'Tán thành', no: 'Không tán thành', [ABSTAIN]: 'Không biểu quyết' };

const RULE_TEXT: Record<MajorityRule, string> = {
  simple: 'Đa số tương đối',
  absolute: 'Đa số tuyệt đối',
  'two-thirds': 'Hai phần ba',
  'three-quarters': 'Ba phần tư',
};

const BASE_TEXT: Record<MajorityBase, string> = {
  'yes-no': 'trên số phiếu tán thành và không tán thành',
  'yes-no-abstain': 'trên tổng số phiếu',
  present: 'trên số thành viên có mặt',
  members: 'trên tổng số thành viên',
};

const QUORUM_TEXT: Record<Exclude<QuorumRule, 'none'>, string> = {
  half: 'ít nhất một nửa số thành viên',
  majority: 'quá nửa số thành viên',
  'two-thirds': 'ít nhất hai phần ba số thành viên',
};

const OUTCOME_TEXT: Record<Outcome, string> = {
  accepted: 'Thông qua',
  rejected: 'Không thông qua',
  tie: 'Số phiếu ngang nhau',
  'no-quorum': 'Không đủ túc số',
  elected: 'Trúng cử',
  'none-elected': 'Không có ứng viên trúng cử',
};

export function minutesFromRecord(record: MeetingRecord): MinutesContent {
  const timeZone = record.timeZone ?? DEFAULT_MINUTES_TIME_ZONE;
  const chair = record.participants.find((p) => p.role === 'chair')?.displayName ?? TO_FILL;
  const secretary = record.participants.find((p) => p.role === 'secretary')?.displayName ?? TO_FILL;
  const date = zonedDate(record.startsAt, timeZone);
  return {
    header: {
      parentOrganisation: record.parentOrganisation ?? '',
      organisation: record.organisation,
      number: record.number ?? '',
      place: record.placeName,
      date,
      title: record.title,
      timeZone,
    },
    opening: {
      time: `Bắt đầu lúc ${vietnameseTime(record.startsAt, timeZone)}, ${vietnameseDate(date)}.`,
      place: record.location,
      chair,
      secretary,
    },
    attendance: record.participants.map((p) => attendanceRow(p, record.startsAt)),
    agenda: record.agenda.map((item) => agendaItem(item)),
    closing: {
      text: closingText(record, timeZone, date),
      signers: { chair, secretary },
    },
  };
}

function attendanceRow(p: RecordParticipant, startsAt: string): AttendanceRow {
  const role = [ROLE_TEXT[p.role], p.position ?? ''].filter(Boolean).join(', ');
  const reason = p.absenceReason ?? '';
  if (p.firstCheckInAt === null) return { name: p.displayName, role, status: 'absent', reason, arrivedAt: null };
  const lateBy = Date.parse(p.firstCheckInAt) - Date.parse(startsAt);
  if (lateBy > LATE_AFTER_MINUTES * 60_000)
    return { name: p.displayName, role, status: 'late', reason, arrivedAt: p.firstCheckInAt };
  return { name: p.displayName, role, status: 'present', reason: '', arrivedAt: null };
}

function agendaItem(item: RecordAgendaItem): MinutesAgendaItem {
  return {
    number: item.number,
    title: item.title,
    presenter: item.presenter ?? '',
    speakers: item.speeches.map((s) => ({
      name: s.speakerName,
      seconds: Math.max(0, Math.round(s.seconds)),
      pointOfOrder: s.pointOfOrder ?? false,
    })),
    votes: item.votes.flatMap((v) => (v.status === 'published' && v.result ? [minutesVote(v, v.result)] : [])),
    approvals: item.approvals.map((a) => ({
      document: a.documentTitle,
      name: a.displayName,
      decision: a.decision,
      at: a.at,
    })),
    discussion: '',
    decisions: '',
    // Only when there are some: a draft without tasks reads as before they existed.
    ...(item.tasks && item.tasks.length > 0 && { tasks: item.tasks.map((t) => ({ ...t })) }),
  };
}

/** Share of all members in percent, two decimals, as the results screen shows it. */
export function percentOfMembers(count: number, members: number): number {
  return members > 0 ? Math.round(Math.min(1, count / members) * 10_000) / 100 : 0;
}

function optionText(options: VoteOptions, id: string): string {
  const answer = ANSWER_TEXT[id];
  if (answer !== undefined) return answer;
  const candidate = options.type === 'candidates' ? options.candidates.find((c) => c.id === id) : undefined;
  return candidate?.name ?? id;
}

export function ruleText(v: Pick<RecordVote, 'rule' | 'base' | 'quorum'>): string {
  const majority = v.rule === 'simple' ? RULE_TEXT.simple : `${RULE_TEXT[v.rule]} ${BASE_TEXT[v.base]}`;
  return v.quorum === 'none' ? majority : `${majority}; túc số: ${QUORUM_TEXT[v.quorum]}`;
}

function outcomeText(v: RecordVote, result: VoteResult): string {
  const { elected, tied } = result.outcome;
  const question = v.options.type === 'yes-no-abstain';
  const outcome = shownOutcome(question ? 'question' : 'election', result.outcome.outcome);
  const names = (ids: readonly string[]) => ids.map((id) => optionText(v.options, id)).join(', ');
  // A tied question is not adopted; the tie is said after it, as the room display shows it.
  const tiedNote = question && outcome === 'rejected' && isTiedQuestion(result.tally) ? ' (số phiếu ngang nhau)' : '';
  const parts = [OUTCOME_TEXT[outcome] + tiedNote];
  if (elected.length > 0) parts[0] = `Trúng cử: ${names(elected)}`;
  if (tied.length > 0) parts.push(`Bằng phiếu, cần bầu lại: ${names(tied)}`);
  return parts.join('. ');
}

function minutesVote(v: RecordVote, result: VoteResult): MinutesVote {
  const { members } = result;
  const notVoted = Math.max(0, members - result.ballots);
  // A secret vote's ballots never name anyone, whatever the result carries.
  const named = v.kind === 'named' ? (result.named ?? []) : [];
  return {
    question: v.question,
    ruleText: ruleText(v),
    kind: v.kind,
    members,
    counts: optionIds(v.options).map((id) => {
      const count = result.tally[id] ?? 0;
      return { label: optionText(v.options, id), count, percentOfMembers: percentOfMembers(count, members) };
    }),
    notVoted: { count: notVoted, percentOfMembers: percentOfMembers(notVoted, members) },
    outcome: outcomeText(v, result),
    namedChoices: named.map((n) => ({
      name: n.displayName,
      choice: n.choices.map((id) => optionText(v.options, id)).join(', ') || ANSWER_TEXT[ABSTAIN]!,
    })),
  };
}

function closingText(record: MeetingRecord, timeZone: string, startDate: string): string {
  if (!record.endedAt) return `Cuộc họp kết thúc lúc ${TO_FILL} giờ ${TO_FILL} phút cùng ngày.`;
  const endDate = zonedDate(record.endedAt, timeZone);
  const day = endDate === startDate ? 'cùng ngày' : vietnameseDate(endDate);
  return `Cuộc họp kết thúc lúc ${vietnameseTime(record.endedAt, timeZone)} ${day}.`;
}
