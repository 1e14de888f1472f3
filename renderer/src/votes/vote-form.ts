import type { CommandInput } from '../../../shared/client/api.js';
import type { MajorityBase, MajorityRule, QuorumRule } from '../../../shared/domain/index.js';
import { COUNCIL_VOTE_DEFAULTS, type Vote, type VoteDefaults, type VoteKind } from '../../../shared/protocol/index.js';

export interface CandidateField {
  /** Stable while the form lives; becomes the candidate's option id. */
  id: string;
  name: string;
}

/** The chair's "new vote" form as typed: strings where the person types numbers. */
export interface VoteFormFields {
  question: string;
  /** '' for a vote not tied to an agenda item. */
  agendaItemId: string;
  kind: VoteKind;
  optionsType: 'yes-no-abstain' | 'candidates';
  candidates: CandidateField[];
  seats: string;
  rule: MajorityRule;
  base: MajorityBase;
  quorum: QuorumRule;
  allowChange: boolean;
  durationMinutes: string;
  durationSeconds: string;
}

export type VoteFormError =
  'questionRequired' | 'candidatesRequired' | 'candidateNameRequired' | 'seatsInvalid' | 'durationInvalid';

export const MIN_DURATION_SECONDS = 10;
export const MAX_DURATION_SECONDS = 24 * 3600;

/**
 * Named, yes / no / abstain, decided the way the meeting says its votes usually are (its
 * `voteDefaults`, set by the secretary; a council's "more than half of all members" if none).
 */
export function defaultVoteForm(
  defaults: VoteDefaults = COUNCIL_VOTE_DEFAULTS,
  /** The item the room is on: a new vote is usually about it. */
  currentItemId: string | null = null,
): VoteFormFields {
  return {
    question: '',
    agendaItemId: currentItemId ?? '',
    kind: 'named',
    optionsType: 'yes-no-abstain',
    candidates: [
      { id: 'c1', name: '' },
      { id: 'c2', name: '' },
    ],
    seats: '1',
    rule: defaults.rule,
    base: defaults.base,
    quorum: defaults.quorum,
    allowChange: false,
    durationMinutes: '',
    durationSeconds: '',
  };
}

/** A draft vote as the form shows it for editing: what `toCreateVote` turns back into the same vote. */
export function formOfVote(vote: Vote): VoteFormFields {
  const blank = defaultVoteForm(vote);
  const duration = vote.durationSeconds;
  return {
    ...blank,
    question: vote.question,
    agendaItemId: vote.agendaItemId ?? '',
    kind: vote.kind,
    optionsType: vote.options.type,
    candidates: vote.options.type === 'candidates' ? vote.options.candidates.map((c) => ({ ...c })) : blank.candidates,
    seats: vote.options.type === 'candidates' ? String(vote.options.seats) : blank.seats,
    allowChange: vote.allowChange,
    durationMinutes: duration === null || duration < 60 ? '' : String(Math.floor(duration / 60)),
    durationSeconds: duration === null || duration % 60 === 0 ? '' : String(duration % 60),
  };
}

/** A candidate id not yet used in the form (c1, c2 …; ids never come back after a removal). */
export function nextCandidateId(candidates: readonly CandidateField[]): string {
  const used = candidates.map((c) => Number(/^c(\d+)$/.exec(c.id)?.[1] ?? 0));
  return `c${Math.max(0, ...used) + 1}`;
}

const wholeNumber = (value: string): number | null => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

/** Seconds from the two duration fields: null when both are empty, NaN when not valid. */
export function durationOf(fields: Pick<VoteFormFields, 'durationMinutes' | 'durationSeconds'>): number | null {
  const m = fields.durationMinutes.trim();
  const s = fields.durationSeconds.trim();
  if (m === '' && s === '') return null;
  const minutes = m === '' ? 0 : wholeNumber(m);
  const seconds = s === '' ? 0 : wholeNumber(s);
  if (minutes === null || seconds === null) return Number.NaN;
  const total = minutes * 60 + seconds;
  return total >= MIN_DURATION_SECONDS && total <= MAX_DURATION_SECONDS ? total : Number.NaN;
}

export type VoteFormResult =
  { ok: true; payload: CommandInput<'vote:create'> } | { ok: false; errors: VoteFormError[] };

/** The `vote:create` payload the form describes, or what the chair must fix first. */
export function toCreateVote(fields: VoteFormFields, meetingId: string, voteId: string): VoteFormResult {
  const errors: VoteFormError[] = [];
  const question = fields.question.trim();
  if (question === '') errors.push('questionRequired');

  let options: CommandInput<'vote:create'>['options'] = { type: 'yes-no-abstain' };
  if (fields.optionsType === 'candidates') {
    const candidates = fields.candidates.map((c) => ({ id: c.id, name: c.name.trim() }));
    const seats = wholeNumber(fields.seats);
    if (candidates.length === 0) errors.push('candidatesRequired');
    else if (candidates.some((c) => c.name === '')) errors.push('candidateNameRequired');
    if (seats === null || seats < 1 || (candidates.length > 0 && seats > candidates.length))
      errors.push('seatsInvalid');
    options = { type: 'candidates', candidates, seats: seats ?? 1 };
  }

  const durationSeconds = durationOf(fields);
  if (Number.isNaN(durationSeconds)) errors.push('durationInvalid');

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    payload: {
      meetingId,
      voteId,
      agendaItemId: fields.agendaItemId === '' ? null : fields.agendaItemId,
      question,
      kind: fields.kind,
      options,
      rule: fields.rule,
      base: fields.base,
      quorum: fields.quorum,
      allowChange: fields.allowChange,
      durationSeconds,
    },
  };
}
