/**
 * The outcome of a vote, from its tally and the body's rules. Pure: the server stores what
 * it returns, clients and the room display can recompute it, and tests pin every rule.
 *
 * Rules, as the statutes of councils and boards word them:
 * - simple majority: more yes than no; abstentions do not count (the base is not used).
 * - absolute majority: yes is more than half of the base.
 * - two-thirds / three-quarters: yes is at least that share of the base
 *   (exactly two-thirds passes).
 * Bases: yes+no, yes+no+abstain (all ballots), everyone present, all members.
 * The quorum is on presence: at least half / more than half / at least two-thirds of the
 * members present when the vote closes.
 * A question is always decided: adopted or not adopted. As many yes as no is not adopted under
 * every rule (no rule adopts on equality); the tie is only a note (`isTiedQuestion`). Only an
 * election can end without a decision (`tie`: nobody could be elected for equal votes).
 */
export type MajorityRule = 'simple' | 'absolute' | 'two-thirds' | 'three-quarters';
export type MajorityBase = 'yes-no' | 'yes-no-abstain' | 'present' | 'members';
export type QuorumRule = 'none' | 'half' | 'majority' | 'two-thirds';

export interface OutcomeInput {
  /** Votes per option id. Questions use `yes`, `no`, `abstain`; elections their candidate ids (and `abstain`). */
  tally: Readonly<Record<string, number>>;
  /** Number of ballots cast (an election ballot may name several candidates). */
  ballots: number;
  rule: MajorityRule;
  base: MajorityBase;
  quorum: QuorumRule;
  present: number;
  members: number;
  /** Elections only: how many seats are filled (the most each ballot may name). */
  seats?: number;
  kind: 'question' | 'election';
}

export type Outcome = 'accepted' | 'rejected' | 'tie' | 'no-quorum' | 'elected' | 'none-elected';

export interface OutcomeResult {
  outcome: Outcome;
  quorumMet: boolean;
  /** The number of members that had to be present. */
  quorumRequired: number;
  /** The count the majority was measured against (null for a simple majority). */
  baseCount: number | null;
  /** Votes needed to pass or to be elected (null for a simple majority / plurality). */
  votesRequired: number | null;
  /** Elections: candidates elected, in order of votes. */
  elected: string[];
  /** Elections: candidates tied for the last seat(s), who need a run-off. */
  tied: string[];
}

export const ABSTAIN = 'abstain';

export function quorumRequired(rule: QuorumRule, members: number): number {
  switch (rule) {
    case 'none':
      return 0;
    case 'half':
      return Math.ceil(members / 2);
    case 'majority':
      return Math.floor(members / 2) + 1;
    case 'two-thirds':
      return Math.ceil((members * 2) / 3);
  }
}

/** Smallest whole number of votes that satisfies the rule against the base. */
export function votesRequired(rule: Exclude<MajorityRule, 'simple'>, baseCount: number): number {
  switch (rule) {
    case 'absolute':
      return Math.floor(baseCount / 2) + 1;
    case 'two-thirds':
      return Math.ceil((baseCount * 2) / 3);
    case 'three-quarters':
      return Math.ceil((baseCount * 3) / 4);
  }
}

function baseCountOf(input: OutcomeInput): number {
  const abstain = input.tally[ABSTAIN] ?? 0;
  switch (input.base) {
    case 'yes-no':
      return input.kind === 'question' ? (input.tally.yes ?? 0) + (input.tally.no ?? 0) : input.ballots - abstain;
    case 'yes-no-abstain':
      return input.ballots;
    case 'present':
      return input.present;
    case 'members':
      return input.members;
  }
}

export function computeOutcome(input: OutcomeInput): OutcomeResult {
  const required = quorumRequired(input.quorum, input.members);
  const quorumMet = input.present >= required;
  const baseCount = input.rule === 'simple' ? null : baseCountOf(input);
  const needed =
    input.rule === 'simple' || baseCount === null ? null : Math.max(1, votesRequired(input.rule, baseCount));
  const result: OutcomeResult = {
    outcome: 'rejected',
    quorumMet,
    quorumRequired: required,
    baseCount,
    votesRequired: needed,
    elected: [],
    tied: [],
  };
  if (!quorumMet) return { ...result, outcome: 'no-quorum' };
  return input.kind === 'question' ? decideQuestion(input, result) : decideElection(input, result);
}

function decideQuestion(input: OutcomeInput, result: OutcomeResult): OutcomeResult {
  const yes = input.tally.yes ?? 0;
  const no = input.tally.no ?? 0;
  const adopted = input.rule === 'simple' ? yes > no : result.votesRequired !== null && yes >= result.votesRequired;
  return { ...result, outcome: adopted ? 'accepted' : 'rejected' };
}

/**
 * A question that ended with as many yes as no (at least one each): shown as a note under
 * "not adopted". Results published before questions stopped having a `tie` outcome carry
 * `tie` itself; `questionOutcome` reads those as what they decided.
 */
export function isTiedQuestion(tally: Readonly<Record<string, number>>): boolean {
  const yes = tally.yes ?? 0;
  return yes > 0 && yes === (tally.no ?? 0);
}

/** The outcome to show for a result: a question's stored `tie` (older results) was not adopted. */
export function shownOutcome(kind: OutcomeInput['kind'], outcome: Outcome): Outcome {
  return kind === 'question' && outcome === 'tie' ? 'rejected' : outcome;
}

function decideElection(input: OutcomeInput, result: OutcomeResult): OutcomeResult {
  const seats = Math.max(1, input.seats ?? 1);
  const ranked = Object.entries(input.tally)
    .filter(([id, n]) => id !== ABSTAIN && n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const eligible = result.votesRequired === null ? ranked : ranked.filter(([, n]) => n >= (result.votesRequired ?? 0));
  if (eligible.length <= seats) {
    const elected = eligible.map(([id]) => id);
    return { ...result, outcome: elected.length > 0 ? 'elected' : 'none-elected', elected };
  }
  // More eligible candidates than seats: those above the last seat's count are in; those at it tie.
  const cut = eligible[seats - 1]?.[1] ?? 0;
  const above = eligible.filter(([, n]) => n > cut).map(([id]) => id);
  const atCut = eligible.filter(([, n]) => n === cut).map(([id]) => id);
  if (above.length + atCut.length === seats) return { ...result, outcome: 'elected', elected: [...above, ...atCut] };
  return { ...result, outcome: above.length > 0 ? 'elected' : 'tie', elected: above, tied: atCut };
}
