import { z } from 'zod';
import { IdSchema } from './primitives.js';

/**
 * The audit log, read by an admin (`audit:list`): newest first, a page at a time, filtered by
 * meeting, person and action, with each hash chain checked.
 *
 * A row shows its scalar details only, and never a vote's `result` (the close's row holds it
 * before the chair publishes it): what the log holds is already free of ballots' choices and
 * of messages' texts; what it holds before the room may know it stays in the database.
 */
export const AUDIT_PAGE_SIZE = 50;
/**
 * The acts the server logs that are no socket command (every command it runs is logged under
 * its own name too). test/lint/audit-actions.test.ts holds the server to this list, and the
 * audit screen's test gives each a label in both languages.
 */
export const OTHER_AUDIT_ACTIONS = [
  'auth:login',
  'auth:login-failed',
  'user:create',
  'people:create',
  'people:update',
  'people:disable',
  'people:enable',
  'people:reset-password',
  'people:import',
  'account:password-changed',
  'group:create',
  'group:update',
  'group:delete',
  'device:revoke',
  'document:upload',
  'vote:result-viewed',
  'certificate:issue',
  'certificate:revoke',
  'certificate:register-outside',
  'enrollment-code:create',
  'minutes:distribute',
] as const;
export type OtherAuditAction = (typeof OTHER_AUDIT_ACTIONS)[number];
/** An action's name, as the command or route that wrote the row names it (`vote:close`, `auth:login`). */
export const AuditActionSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9:._-]*$/);

export const AuditListRequestSchema = z.strictObject({
  /** A meeting's rows; null: the acts outside any meeting (sign-ins, accounts); absent: all. */
  meetingId: IdSchema.nullable().optional(),
  actorId: IdSchema.optional(),
  action: AuditActionSchema.optional(),
  /** The cursor: rows older than this id (the `next` of the page before); PostgreSQL's ids are 32-bit. */
  before: z.number().int().positive().max(2_147_483_647).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export type AuditListRequest = z.infer<typeof AuditListRequestSchema>;

const NamedSchema = z.object({ id: z.string(), name: z.string().nullable() });
export const AuditDetailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const AuditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  /** Who acted (name null: an account that no longer exists, or the server itself). */
  actor: NamedSchema.nullable(),
  meeting: NamedSchema.nullable(),
  detail: z.record(z.string(), AuditDetailValueSchema),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

/**
 * What breaks a chain: `altered` (a row's content no longer matches its hash: its detail,
 * actor, time or action were changed), `unlinked` (a row does not follow the one before it:
 * a row was deleted or inserted before it), `cut` (the chain ends before its recorded head:
 * rows were removed from its end; `rowId` is the last row left), `headless` (rows with no
 * recorded head).
 */
export const AUDIT_BREAKS = ['altered', 'unlinked', 'cut', 'headless'] as const;
export const AuditBreakSchema = z.object({
  kind: z.enum(AUDIT_BREAKS),
  rowId: z.number().int().nullable(),
  /** The row's time, when there is a row. */
  at: z.string().nullable(),
});
export type AuditBreak = z.infer<typeof AuditBreakSchema>;

export const AuditChainCheckSchema = z.object({
  /** A meeting's id, or `global`. */
  chain: z.string(),
  meetingTitle: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  problem: AuditBreakSchema.nullable(),
});
export type AuditChainCheck = z.infer<typeof AuditChainCheckSchema>;

export const AuditListResultSchema = z.object({
  rows: z.array(AuditRowSchema),
  /** `before` for the next page; null: this was the last. */
  next: z.number().int().nullable(),
  /** On the first page only (no `before`): the chains the filter covers, each checked. */
  chains: z.array(AuditChainCheckSchema).nullable(),
  /** On the first page only: what the filters may choose from (whoever and whatever is in the log). */
  filters: z
    .object({
      meetings: z.array(NamedSchema),
      people: z.array(NamedSchema),
      actions: z.array(z.string()),
    })
    .nullable(),
});
export type AuditListResult = z.infer<typeof AuditListResultSchema>;
