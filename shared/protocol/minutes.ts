import { z } from 'zod';
import { VoteKindSchema } from './votes.js';
import { SOCKET_MAX_MESSAGE_BYTES } from './primitives.js';

/**
 * The minutes (biên bản) of a meeting, as Decree 30/2020/NĐ-CP lays one out: the header
 * (organisation, number, Quốc hiệu, place and date), the title, then the body section by
 * section, then the signatures. The server pre-fills it from the meeting's record
 * (`shared/domain/minutes-prefill.ts`); the secretary edits it; the server renders it as a
 * PDF to sign and as a .docx to edit further. Its text is Vietnamese, whatever the language
 * of the UI around it.
 *
 * Limits: every string and list is bounded so that no single field can flood the renderers,
 * and the whole content, as UTF-8 JSON, must fit one socket message with room for the
 * command's envelope (`MAX_MINUTES_BYTES`). Per-field limits are generous (a council of
 * 500, a name of 120 letters); what a real meeting reaches first is the total.
 */

/** The whole content as UTF-8 JSON: a socket message (64 KiB) less 4 KiB for the command around it. */
export const MAX_MINUTES_BYTES = SOCKET_MAX_MESSAGE_BYTES - 4 * 1024;

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Text, NFC first: Vietnamese typed on macOS (and by some input methods elsewhere) arrives
 * decomposed (NFD), which would count twice the letters, compare unequal to the same name
 * typed on Windows and break into stray marks in fonts without mark positioning.
 */
const nfc = (max: number, min: 0 | 1) =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC'))
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'No control characters');
const line = (max: number) => nfc(max, 1);
const maybeLine = (max: number) => nfc(max, 0);

const NAME = 120;
const count = z.number().int().nonnegative().max(1_000_000);
const percent = z.number().min(0).max(100);
const timestamp = z.iso.datetime({ offset: true });

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent'] as const;
export const AttendanceStatusSchema = z.enum(ATTENDANCE_STATUSES);
export type AttendanceStatus = z.infer<typeof AttendanceStatusSchema>;

export const MinutesHeaderSchema = z.strictObject({
  /** Cơ quan chủ quản, above the organisation's own name (may be empty). */
  parentOrganisation: maybeLine(200),
  /** "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI": printed in capitals whatever the case typed. */
  organisation: line(200),
  /** Số/ký hiệu without "Số:": "12/BB-HĐND". Empty while the number is not yet given. */
  number: maybeLine(40),
  /** Địa danh of the date line: "Hà Nội". */
  place: line(100),
  /** The date of the minutes, YYYY-MM-DD. */
  date: z.iso.date(),
  /** The line under BIÊN BẢN: the meeting's title ("Kỳ họp thứ 18 …"). */
  title: line(500),
  /** The zone the times of the body are printed in (IANA). */
  timeZone: z
    .string()
    .max(64)
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('vi-VN', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'An IANA time zone'),
});
export type MinutesHeader = z.infer<typeof MinutesHeaderSchema>;

export const MinutesOpeningSchema = z.strictObject({
  /** "Bắt đầu lúc 08 giờ 00 phút, ngày 05 tháng 12 năm 2026". */
  time: line(500),
  place: line(500),
  chair: line(NAME),
  secretary: line(NAME),
});
export type MinutesOpening = z.infer<typeof MinutesOpeningSchema>;

export const AttendanceRowSchema = z.strictObject({
  name: line(NAME),
  /** Chức vụ or role in the meeting ("Chủ tọa", "Đại biểu"); empty if none. */
  role: maybeLine(200),
  status: AttendanceStatusSchema,
  /** Why absent (or late); empty if not given. */
  reason: maybeLine(300),
  /** Late arrivals: when they checked in. */
  arrivedAt: timestamp.nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRowSchema>;

export const MinutesSpeakerSchema = z.strictObject({
  name: line(NAME),
  /** How long they spoke, in whole seconds. */
  seconds: z.number().int().nonnegative().max(86_400),
  /** A point of order (kiến nghị về thủ tục) rather than a speech on the item. */
  pointOfOrder: z.boolean(),
});

export const MinutesVoteCountSchema = z.strictObject({
  /** "Tán thành", "Không tán thành", "Không biểu quyết", or a candidate's name. */
  label: line(200),
  count,
  /** Share of all members, in percent (as the product's results show it). */
  percentOfMembers: percent,
});

export const MinutesVoteSchema = z
  .strictObject({
    question: line(1000),
    /** How it is decided: "Đa số tuyệt đối trên tổng số thành viên". */
    ruleText: line(300),
    kind: VoteKindSchema,
    /** All members, the whole the percentages are of. */
    members: count,
    counts: z.array(MinutesVoteCountSchema).min(1).max(101),
    /** Members who cast no ballot. */
    notVoted: z.strictObject({ count, percentOfMembers: percent }),
    /** "Thông qua", "Không thông qua", "Trúng cử: …". */
    outcome: line(300),
    /** Named votes only: who chose what. */
    namedChoices: z.array(z.strictObject({ name: line(NAME), choice: line(300) })).max(500),
  })
  .refine((v) => v.kind === 'named' || v.namedChoices.length === 0, {
    message: 'A secret vote lists no names',
    path: ['namedChoices'],
  });
export type MinutesVote = z.infer<typeof MinutesVoteSchema>;

export const MinutesApprovalSchema = z.strictObject({
  document: line(300),
  name: line(NAME),
  decision: z.enum(['approve', 'reject']),
  at: timestamp,
});
export type MinutesApproval = z.infer<typeof MinutesApprovalSchema>;

/**
 * A task assigned on the item (Phân công thực hiện): who does what, by when. Filled from the
 * action items the secretary confirmed (`actionItemKey` names the one it came from, so a
 * later edit or undo finds it); the secretary may also write one by hand.
 */
export const MinutesTaskSchema = z.strictObject({
  who: maybeLine(500),
  what: line(1000),
  /** The deadline as it should read ("trước ngày 31/12/2026"); empty for none. */
  deadline: maybeLine(200),
  actionItemKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional(),
});
export type MinutesTask = z.infer<typeof MinutesTaskSchema>;

export const MinutesAgendaItemSchema = z.strictObject({
  /** "1", "1.1" as the agenda numbers it. */
  number: z.string().regex(/^\d{1,3}(\.\d{1,3}){0,5}$/, '1, 1.1 …'),
  title: line(500),
  presenter: maybeLine(NAME),
  speakers: z.array(MinutesSpeakerSchema).max(300),
  votes: z.array(MinutesVoteSchema).max(30),
  approvals: z.array(MinutesApprovalSchema).max(100),
  /** Ý kiến thảo luận, written by the secretary (line breaks kept). */
  discussion: maybeLine(20_000),
  /** Kết luận / quyết định on the item. */
  decisions: maybeLine(10_000),
  /** Phân công thực hiện. Absent in drafts saved before tasks existed (read as none). */
  tasks: z.array(MinutesTaskSchema).max(100).optional(),
});
export type MinutesAgendaItem = z.infer<typeof MinutesAgendaItemSchema>;

export const MinutesClosingSchema = z.strictObject({
  /** "Cuộc họp kết thúc lúc 11 giờ 30 phút cùng ngày." */
  text: maybeLine(2000),
  signers: z.strictObject({ chair: line(NAME), secretary: line(NAME) }),
});
export type MinutesClosing = z.infer<typeof MinutesClosingSchema>;

export const MinutesContentSchema = z
  .strictObject({
    header: MinutesHeaderSchema,
    opening: MinutesOpeningSchema,
    attendance: z.array(AttendanceRowSchema).max(500),
    agenda: z.array(MinutesAgendaItemSchema).max(100),
    closing: MinutesClosingSchema,
  })
  .refine((m) => minutesBytes(m) <= MAX_MINUTES_BYTES, {
    message: `The minutes must stay within ${MAX_MINUTES_BYTES} bytes: shorten the discussion texts`,
  });
export type MinutesContent = z.infer<typeof MinutesContentSchema>;

/** The size the content takes as UTF-8 JSON (what travels over the socket). */
export function minutesBytes(content: unknown): number {
  let bytes = 0;
  for (const ch of JSON.stringify(content) ?? '') {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
