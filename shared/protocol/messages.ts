import { z } from 'zod';
import { IdSchema, optionalText, text } from './primitives.js';
import { PersonRefSchema } from './documents.js';

/**
 * Messages between the seats and the secretaries' desk during a session (issue 12).
 *
 * A **request** goes from a participant to the meeting's secretaries ("a printed copy, please")
 * and, if its sender chooses, to the chair: nobody else ever learns of it. A **notice** goes
 * from the chair or a secretary to every tablet of the meeting, or to one person.
 *
 * Neither is part of the meeting's change log (which every participant receives): both are
 * delivered to the rooms of the users who may see them (`message:changed`) and listed by
 * `message:list`.
 */
export const MESSAGE_TOPICS = ['print', 'device', 'microphone', 'water', 'other'] as const;
export const MessageTopicSchema = z.enum(MESSAGE_TOPICS);
export type MessageTopic = z.infer<typeof MessageTopicSchema>;

/**
 * A request's life: `open` → `acknowledged` (being handled) → `done`, or `declined`; its
 * sender may `withdrawn` it until it is done or declined. The last three are final.
 */
export const MESSAGE_STATES = ['open', 'acknowledged', 'done', 'declined', 'withdrawn'] as const;
export const MessageStateSchema = z.enum(MESSAGE_STATES);
export type MessageState = z.infer<typeof MessageStateSchema>;
export const FINAL_MESSAGE_STATES: readonly MessageState[] = ['done', 'declined', 'withdrawn'];
/** What a secretary may set: never back to `open`, never `withdrawn` (the sender's own act). */
export const ANSWER_STATES = ['acknowledged', 'done', 'declined'] as const;

export const MESSAGE_KINDS = ['request', 'notice'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * A request's own words (optional), a notice's text, a secretary's answer. The server keeps
 * them NFC-composed (Vietnamese typed on different keyboards comes composed or not), so equal
 * text is equal.
 */
export const MAX_MESSAGE_TEXT = 500;

export const MessageRequestInputSchema = {
  topic: MessageTopicSchema,
  text: optionalText(MAX_MESSAGE_TEXT),
  /** The chair sees it too (the secretaries always do). */
  chairMaySee: z.boolean(),
};

export const MessageAnswerInputSchema = {
  messageId: IdSchema,
  state: z.enum(ANSWER_STATES).optional(),
  answer: optionalText(MAX_MESSAGE_TEXT).optional(),
};

export const MessageNoticeInputSchema = {
  /** One participant, or null for every tablet of the meeting. */
  to: IdSchema.nullable(),
  text: text(MAX_MESSAGE_TEXT),
};

/**
 * A message as its receiver may see it. The id is the `commandId` of the command that made it,
 * so a device knows it at once, offline too. `rev` is this message's own count of writes
 * (never a meeting-wide counter, which would tell a delegate how busy the others are): of two
 * copies, the higher wins.
 */
export const MessageSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  kind: z.enum(MESSAGE_KINDS),
  /** A request's topic; null for a notice. */
  topic: MessageTopicSchema.nullable(),
  text: z.string(),
  /**
   * Who sent it; `seat`, their seat label from their account ("12", "A-12") when one is
   * known, so the desk knows where to bring a printed copy. Absent when none is.
   */
  sender: PersonRefSchema.extend({ seat: z.string().optional() }),
  /** A notice to one person: them; null for a request or a notice to all. */
  recipient: PersonRefSchema.nullable(),
  chairMaySee: z.boolean(),
  /** A request's state; null for a notice. */
  state: MessageStateSchema.nullable(),
  answer: z.string(),
  answeredBy: PersonRefSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  rev: z.number().int().positive(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Sent to the rooms of those who may see the messages, as each may see them. */
export const MessageChangedSchema = z.object({ messages: z.array(MessageSchema) });
export type MessageChanged = z.infer<typeof MessageChangedSchema>;

/** What the asker may see of a meeting's messages, newest first (at most `MESSAGE_LIST_LIMIT`). */
export const MessageListRequestSchema = z.strictObject({ meetingId: IdSchema });
export const MessageListResultSchema = z.object({ messages: z.array(MessageSchema) });
export const MESSAGE_LIST_LIMIT = 500;
