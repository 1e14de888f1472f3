import { z } from 'zod';
import { IdSchema, text } from './primitives.js';
import { ResultSignatureSchema } from './certificates.js';

export const VoteKindSchema = z.enum(['named', 'secret']);
export const MajorityRuleSchema = z.enum(['simple', 'absolute', 'two-thirds', 'three-quarters']);
export const MajorityBaseSchema = z.enum(['yes-no', 'yes-no-abstain', 'present', 'members']);
export const QuorumRuleSchema = z.enum(['none', 'half', 'majority', 'two-thirds']);
export const VoteStatusSchema = z.enum(['draft', 'open', 'closed', 'published', 'cancelled']);
export type VoteKind = z.infer<typeof VoteKindSchema>;

/**
 * The secret a voter's device makes for its ballot in one vote: 256 random bits from
 * `crypto.getRandomValues`, base64url. Derived from nothing the server stores, so that no
 * id, time or counter in the database can be turned back into a ballot's key.
 */
export const BallotKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, '256 random bits, base64url (43 characters)');
export type VoteStatus = z.infer<typeof VoteStatusSchema>;

/** Option ids of a question; elections use their candidates' ids, plus `abstain`. */
export const QUESTION_OPTIONS = ['yes', 'no', 'abstain'] as const;
const RESERVED_OPTION_IDS: readonly string[] = QUESTION_OPTIONS;

export const CandidateSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (1 to 40)')
    .refine((id) => !RESERVED_OPTION_IDS.includes(id), 'yes, no and abstain are reserved'),
  name: text(200),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const VoteOptionsSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('yes-no-abstain') }),
  z
    .object({
      type: z.literal('candidates'),
      candidates: z.array(CandidateSchema).min(1).max(100),
      /** Seats to fill: the most candidates one ballot may name. */
      seats: z.number().int().min(1).max(100),
    })
    .refine((o) => o.seats <= o.candidates.length, { message: 'More seats than candidates', path: ['seats'] })
    .refine((o) => new Set(o.candidates.map((c) => c.id)).size === o.candidates.length, {
      message: 'Candidate ids must be unique',
      path: ['candidates'],
    }),
]);
export type VoteOptions = z.infer<typeof VoteOptionsSchema>;

export const OutcomeResultSchema = z.object({
  outcome: z.enum(['accepted', 'rejected', 'tie', 'no-quorum', 'elected', 'none-elected']),
  quorumMet: z.boolean(),
  quorumRequired: z.number().int(),
  baseCount: z.number().int().nullable(),
  votesRequired: z.number().int().nullable(),
  elected: z.array(z.string()),
  tied: z.array(z.string()),
});

export const VoteResultSchema = z.object({
  tally: z.record(z.string(), z.number().int().nonnegative()),
  ballots: z.number().int().nonnegative(),
  present: z.number().int().nonnegative(),
  members: z.number().int().nonnegative(),
  outcome: OutcomeResultSchema,
  /** Named votes only: who chose what. Null for a secret vote. */
  named: z.array(z.object({ userId: IdSchema, displayName: z.string(), choices: z.array(z.string()) })).nullable(),
});
export type VoteResult = z.infer<typeof VoteResultSchema>;

const timestamp = z.iso.datetime({ offset: true }).nullable();

/** What the chair decides when creating a vote: the fields of `vote:create` and of a Vote. */
export const voteDefinitionFields = {
  agendaItemId: IdSchema.nullable(),
  question: text(1000),
  kind: VoteKindSchema,
  options: VoteOptionsSchema,
  rule: MajorityRuleSchema,
  base: MajorityBaseSchema,
  quorum: QuorumRuleSchema,
  allowChange: z.boolean(),
  /** Seconds the vote stays open before it closes by itself; null: until the chair closes it. */
  durationSeconds: z
    .number()
    .int()
    .min(10)
    .max(24 * 3600)
    .nullable(),
};

export const VoteSchema = z.object({
  id: IdSchema,
  meetingId: IdSchema,
  ...voteDefinitionFields,
  status: VoteStatusSchema,
  openedAt: timestamp,
  /** When an open vote with a duration closes by itself. */
  closesAt: timestamp,
  closedAt: timestamp,
  publishedAt: timestamp,
  /** How many have voted (live while open). */
  ballotCount: z.number().int().nonnegative(),
  /** Named votes: who has voted. Null for a secret vote. */
  voterIds: z.array(IdSchema).nullable(),
  /** Set once the result is published (or the vote was cancelled after its close); never before. */
  result: VoteResultSchema.nullable(),
  /**
   * The published result signed by the server with a certificate of the meeting CA: the
   * statement (`shared/domain/signed-statements.ts`) and its detached CMS. Null until published.
   */
  resultSignature: ResultSignatureSchema.nullable(),
  /** A cancelled vote stays listed, with when and why it was cancelled. */
  cancelledAt: timestamp,
  cancelReason: z.string().nullable(),
  /** Rises with every edit of the draft (`vote:update`); an edit made on an older one is refused. */
  version: z.number().int().nonnegative(),
});
export type Vote = z.infer<typeof VoteSchema>;

/**
 * What a new vote of a meeting starts with. Vietnamese councils pass a resolution with more
 * than half of all their members (quá nửa tổng số đại biểu), so that is the default.
 */
export const VoteDefaultsSchema = z.object({
  rule: MajorityRuleSchema,
  base: MajorityBaseSchema,
  quorum: QuorumRuleSchema,
});
export type VoteDefaults = z.infer<typeof VoteDefaultsSchema>;
export const COUNCIL_VOTE_DEFAULTS: VoteDefaults = { rule: 'absolute', base: 'members', quorum: 'none' };
