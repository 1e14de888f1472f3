import { z } from 'zod';
import { BIDI_CONTROLS } from './people.js';
import { IdSchema, text } from './primitives.js';

/**
 * Groups of people ("Thường trực HĐND", "Ban Kinh tế - Ngân sách"): written by admins and
 * people managers, read by whoever prepares meetings, and added to a meeting in one step
 * (`participants:add-group`). A group is no role and gives no right: adding it copies its
 * members into the meeting as they are at that moment.
 */
export const GROUP_NAME_MAX = 200;
export const MAX_GROUP_MEMBERS = 2000;

export const GroupSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** Active and disabled members alike; a disabled one is skipped when the group is added to a meeting. */
  memberIds: z.array(IdSchema),
  updatedAt: z.string(),
});
export type Group = z.infer<typeof GroupSchema>;

/** One line (white space runs made one space by the server), and no bidirectional controls. */
const GroupNameSchema = text(GROUP_NAME_MAX).refine(
  (s) => !BIDI_CONTROLS.test(s),
  'No bidirectional control characters',
);

const MemberIdsSchema = z
  .array(IdSchema)
  .max(MAX_GROUP_MEMBERS)
  .refine((ids) => new Set(ids).size === ids.length, 'No member twice');

export const GroupListRequestSchema = z.strictObject({});
export const GroupListResultSchema = z.object({ groups: z.array(GroupSchema) });
export const GroupCreateRequestSchema = z.strictObject({ name: GroupNameSchema, memberIds: MemberIdsSchema });
export type GroupCreateRequest = z.input<typeof GroupCreateRequestSchema>;
/** Renames the group and sets its members as a whole. */
export const GroupUpdateRequestSchema = z.strictObject({
  groupId: IdSchema,
  name: GroupNameSchema,
  memberIds: MemberIdsSchema,
});
export type GroupUpdateRequest = z.input<typeof GroupUpdateRequestSchema>;
export const GroupDeleteRequestSchema = z.strictObject({ groupId: IdSchema });
export const GroupAnswerSchema = z.object({ group: GroupSchema });
export const GroupDeletedSchema = z.object({ groupId: IdSchema });
