import { describe, expect, it } from 'vitest';
import { COMMAND_SCHEMAS } from '../../../shared/protocol/commands.js';
import {
  defaultVoteForm,
  durationOf,
  formOfVote,
  nextCandidateId,
  toCreateVote,
  type VoteFormFields,
} from './vote-form.js';
import { makeVote } from './test-fixtures.js';

const MEETING = '0192f0a4-1b2c-7d3e-8f40-123456789abc';
const VOTE = '0192f0a4-1b2c-7d3e-8f40-cba987654321';
const ITEM = '0192f0a4-1b2c-7d3e-8f40-000000000001';

const form = (patch: Partial<VoteFormFields>): VoteFormFields => ({ ...defaultVoteForm(), ...patch });

/** The payload as the server will read it (the core adds the command id). */
function parsed(fields: VoteFormFields) {
  const result = toCreateVote(fields, MEETING, VOTE);
  if (!result.ok) throw new Error(result.errors.join(', '));
  return COMMAND_SCHEMAS['vote:create'].parse({ ...result.payload, commandId: VOTE });
}

describe('toCreateVote', () => {
  it('makes a valid command from the defaults and a question', () => {
    expect(parsed(form({ question: '  Thông qua Nghị quyết  ' }))).toMatchObject({
      question: 'Thông qua Nghị quyết',
      agendaItemId: null,
      kind: 'named',
      options: { type: 'yes-no-abstain' },
      // A council's usual rule: more than half of all its members.
      rule: 'absolute',
      base: 'members',
      quorum: 'none',
      allowChange: false,
      durationSeconds: null,
    });
  });

  it('carries the agenda item, the rules and the duration', () => {
    const cmd = parsed(
      form({
        question: 'Q',
        agendaItemId: ITEM,
        kind: 'secret',
        rule: 'two-thirds',
        base: 'members',
        quorum: 'two-thirds',
        allowChange: true,
        durationMinutes: '2',
        durationSeconds: '30',
      }),
    );
    expect(cmd).toMatchObject({
      agendaItemId: ITEM,
      kind: 'secret',
      rule: 'two-thirds',
      base: 'members',
      allowChange: true,
      durationSeconds: 150,
    });
  });

  it('makes an election with trimmed candidate names and seats', () => {
    const cmd = parsed(
      form({
        question: 'Bầu Trưởng ban',
        optionsType: 'candidates',
        candidates: [
          { id: 'c1', name: ' An ' },
          { id: 'c3', name: 'Bình' },
        ],
        seats: '2',
      }),
    );
    expect(cmd.options).toEqual({
      type: 'candidates',
      candidates: [
        { id: 'c1', name: 'An' },
        { id: 'c3', name: 'Bình' },
      ],
      seats: 2,
    });
  });

  it('names every problem at once', () => {
    const result = toCreateVote(
      form({
        question: ' ',
        optionsType: 'candidates',
        candidates: [{ id: 'c1', name: '' }],
        seats: '2',
        durationSeconds: '5',
      }),
      MEETING,
      VOTE,
    );
    expect(result).toEqual({
      ok: false,
      errors: ['questionRequired', 'candidateNameRequired', 'seatsInvalid', 'durationInvalid'],
    });
  });

  it('refuses an election without candidates and seats that are not a whole number', () => {
    expect(toCreateVote(form({ question: 'Q', optionsType: 'candidates', candidates: [] }), MEETING, VOTE)).toEqual({
      ok: false,
      errors: ['candidatesRequired'],
    });
    const seats = toCreateVote(
      form({ question: 'Q', optionsType: 'candidates', candidates: [{ id: 'c1', name: 'A' }], seats: '0' }),
      MEETING,
      VOTE,
    );
    expect(seats).toEqual({ ok: false, errors: ['seatsInvalid'] });
  });

  it('ignores the candidate list of a yes / no / abstain vote', () => {
    expect(parsed(form({ question: 'Q', candidates: [{ id: 'c1', name: '' }], seats: 'x' })).options).toEqual({
      type: 'yes-no-abstain',
    });
  });
});

describe('defaultVoteForm', () => {
  it('starts from the meeting’s vote defaults', () => {
    expect(defaultVoteForm({ rule: 'two-thirds', base: 'present', quorum: 'majority' })).toMatchObject({
      rule: 'two-thirds',
      base: 'present',
      quorum: 'majority',
      question: '',
      kind: 'named',
      optionsType: 'yes-no-abstain',
    });
  });

  it('starts on the item the room is on, or on none', () => {
    expect(defaultVoteForm(undefined, ITEM).agendaItemId).toBe(ITEM);
    expect(defaultVoteForm(undefined, null).agendaItemId).toBe('');
  });
});

describe('formOfVote', () => {
  /** The `vote:update` payload the form sends for a vote opened for editing and saved untouched. */
  const roundTrip = (vote: ReturnType<typeof makeVote>) => {
    const result = toCreateVote(formOfVote(vote), vote.meetingId, vote.id);
    if (!result.ok) throw new Error(result.errors.join(', '));
    return COMMAND_SCHEMAS['vote:update'].parse({ ...result.payload, baseVersion: vote.version, commandId: VOTE });
  };

  it('gives back the same definition when saved unchanged', () => {
    const question = makeVote(1, {
      agendaItemId: ITEM,
      kind: 'secret',
      rule: 'three-quarters',
      base: 'present',
      quorum: 'two-thirds',
      allowChange: true,
      durationSeconds: 150,
    });
    expect(roundTrip(question)).toMatchObject({
      voteId: question.id,
      agendaItemId: ITEM,
      question: 'Question 1',
      kind: 'secret',
      options: { type: 'yes-no-abstain' },
      rule: 'three-quarters',
      base: 'present',
      quorum: 'two-thirds',
      allowChange: true,
      durationSeconds: 150,
    });
    const election = makeVote(2, {
      options: {
        type: 'candidates',
        candidates: [
          { id: 'c1', name: 'An' },
          { id: 'c4', name: 'Bình' },
        ],
        seats: 2,
      },
    });
    expect(roundTrip(election).options).toEqual(election.options);
    expect(nextCandidateId(formOfVote(election).candidates)).toBe('c5');
  });

  it('splits the time limit into minutes and seconds, and leaves both empty without one', () => {
    const fields = (durationSeconds: number | null) => {
      const f = formOfVote(makeVote(1, { durationSeconds }));
      return [f.durationMinutes, f.durationSeconds];
    };
    expect(fields(null)).toEqual(['', '']);
    expect(fields(45)).toEqual(['', '45']);
    expect(fields(120)).toEqual(['2', '']);
    expect(fields(150)).toEqual(['2', '30']);
  });
});

describe('durationOf', () => {
  it('is null when both fields are empty, and seconds otherwise', () => {
    expect(durationOf({ durationMinutes: '', durationSeconds: ' ' })).toBeNull();
    expect(durationOf({ durationMinutes: '1', durationSeconds: '' })).toBe(60);
    expect(durationOf({ durationMinutes: '', durationSeconds: '45' })).toBe(45);
  });

  it('refuses less than 10 seconds, more than a day, and what is not a whole number', () => {
    expect(durationOf({ durationMinutes: '0', durationSeconds: '9' })).toBeNaN();
    expect(durationOf({ durationMinutes: '1441', durationSeconds: '' })).toBeNaN();
    expect(durationOf({ durationMinutes: '1.5', durationSeconds: '' })).toBeNaN();
    expect(durationOf({ durationMinutes: '-1', durationSeconds: '' })).toBeNaN();
  });
});

describe('nextCandidateId', () => {
  it('never reuses an id, even after a removal', () => {
    expect(nextCandidateId([])).toBe('c1');
    expect(
      nextCandidateId([
        { id: 'c1', name: '' },
        { id: 'c4', name: '' },
      ]),
    ).toBe('c5');
  });
});
