import { z } from 'zod';
import { IdSchema, optionalText } from './primitives.js';

/**
 * Invitations (giấy mời, issue 13). Sending out a meeting (`meeting:publish`) invites every
 * participant; one added to a sent-out meeting later is invited then. Each person answers
 * their own: will attend, or absent with a reason, and may change it until the session
 * starts or the meeting closes.
 *
 * Replies are not part of the meeting's change log, which every participant receives: a
 * reason for an absence ("nằm viện", a family matter) is the person's own business with the
 * secretariat. An invitation goes to its person and to the meeting's secretaries and chair,
 * each in their own room (`invitation:changed`), and `invitation:list` answers the asker
 * only what they may see.
 */
export const INVITATION_REPLIES = ['pending', 'attend', 'absent'] as const;
export const InvitationReplySchema = z.enum(INVITATION_REPLIES);
export type InvitationReply = z.infer<typeof InvitationReplySchema>;

export const MAX_ABSENCE_REASON = 500;

export const InvitationSchema = z.object({
  meetingId: IdSchema,
  userId: IdSchema,
  displayName: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
  reply: InvitationReplySchema,
  /** Why the person will be absent; empty otherwise. */
  reason: z.string(),
  repliedAt: z.iso.datetime({ offset: true }).nullable(),
  /** This invitation's own count of writes: of two copies, the higher wins. */
  rev: z.number().int().positive(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/** What `invitation:reply` carries besides the meeting: the answer, and for an absence its reason. */
export const InvitationReplyInputSchema = {
  reply: z.enum(['attend', 'absent']),
  reason: optionalText(MAX_ABSENCE_REASON),
};

/** Sent to the rooms of those who may see the invitations: the person, the secretaries, the chair. */
export const InvitationChangedSchema = z.object({ meetingId: IdSchema, invitations: z.array(InvitationSchema) });
export type InvitationChanged = z.infer<typeof InvitationChangedSchema>;

/** Every invitation of the meeting for its secretaries, chair and admins; one's own for anyone else. */
export const InvitationListRequestSchema = z.strictObject({ meetingId: IdSchema });
export const InvitationListResultSchema = z.object({ invitations: z.array(InvitationSchema) });
