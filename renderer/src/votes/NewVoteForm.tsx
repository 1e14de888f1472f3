import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem, Vote, VoteDefaults } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { CharacterCounter } from '../components/CharacterCounter.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { FormActions } from '../components/FormActions.js';
import { SelectField } from '../components/SelectField.js';
import { CandidateListEditor } from './CandidateListEditor.js';
import { defaultVoteForm, formOfVote, toCreateVote, type VoteFormError, type VoteFormFields } from './vote-form.js';
import { VoteRuleFields } from './VoteRuleFields.js';

interface Props {
  meetingId: string;
  agenda: readonly AgendaItem[];
  /** What a new vote starts with: the meeting's defaults. */
  defaults: VoteDefaults;
  /** A draft to edit as a whole (`vote:update`) instead of a new vote (`vote:create`). */
  editing?: Vote;
  /** The item the room is on, which a new vote starts on. */
  currentItemId?: string | null;
  onDone(): void;
}

/** The chair's "new vote" form, with the meeting's defaults filled in; also edits a draft before it opens. */
export function NewVoteForm({ meetingId, agenda, defaults, editing, currentItemId = null, onDone }: Props) {
  const { t } = useTranslation();
  const questionCounter = useId();
  const { run, busy, error } = useCommand();
  const [fields, setFields] = useState<VoteFormFields>(() =>
    editing ? formOfVote(editing) : defaultVoteForm(defaults, currentItemId),
  );
  const [problems, setProblems] = useState<VoteFormError[]>([]);
  const items = useMemo(() => numberAgenda(agenda), [agenda]);
  const set = <K extends keyof VoteFormFields>(key: K, value: VoteFormFields[K]) =>
    setFields((prev) => ({ ...prev, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = toCreateVote(fields, meetingId, editing?.id ?? uuidv7());
    if (!result.ok) {
      setProblems(result.errors);
      return;
    }
    setProblems([]);
    const outcome = editing
      ? await run('vote:update', { ...result.payload, baseVersion: editing.version })
      : await run('vote:create', result.payload);
    if (outcome !== 'failed') onDone();
  }

  return (
    <form
      className="form form--grid vote-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid={editing ? 'edit-vote-form' : 'new-vote-form'}
    >
      <h3 className="field--full vote-form__title">{editing ? t('voteForm.editTitle') : t('voteForm.title')}</h3>
      <Field label={t('voteForm.question')} className="field--full">
        <textarea
          className="input vote-form__question"
          rows={2}
          maxLength={1000}
          value={fields.question}
          placeholder={t('voteForm.questionPlaceholder')}
          onChange={(e) => set('question', e.target.value)}
          aria-describedby={questionCounter}
          data-testid="vote-form-question"
        />
        <CharacterCounter value={fields.question} max={1000} id={questionCounter} testId="vote-form-question-counter" />
      </Field>
      <SelectField
        label={t('voteForm.agendaItem')}
        className="field--full"
        value={fields.agendaItemId}
        options={[
          { value: '', label: t('voteForm.noAgendaItem') },
          // Non-breaking spaces: an option trims ordinary ones, and sub-items should read as indented.
          ...items.map((item) => ({
            value: item.id,
            label: `${'\u00a0'.repeat(item.depth * 3)}${item.number}. ${item.title}`,
          })),
        ]}
        onChange={(v) => set('agendaItemId', v)}
        testId="vote-form-agenda"
      />
      <ChoiceGroup
        legend={t('voteForm.kind')}
        name="vote-kind"
        value={fields.kind}
        choices={[
          { value: 'named', label: t('vote.kind.named') },
          { value: 'secret', label: t('vote.kind.secret') },
        ]}
        onChange={(v) => set('kind', v)}
        testId="vote-form-kind"
      />
      <ChoiceGroup
        legend={t('voteForm.optionsType')}
        name="vote-options"
        value={fields.optionsType}
        choices={[
          { value: 'yes-no-abstain', label: t('vote.options.yes-no-abstain') },
          { value: 'candidates', label: t('voteForm.candidatesOption') },
        ]}
        onChange={(v) => set('optionsType', v)}
        testId="vote-form-options"
      />
      {fields.optionsType === 'candidates' && (
        <CandidateListEditor
          candidates={fields.candidates}
          seats={fields.seats}
          onCandidates={(next) => set('candidates', next)}
          onSeats={(seats) => set('seats', seats)}
        />
      )}
      <VoteRuleFields fields={fields} set={set} />
      {problems.length > 0 && (
        <ul className="error-message form-problems field--full" role="alert" data-testid="vote-form-problems">
          {problems.map((p) => (
            <li key={p} data-problem={p}>
              {t(`voteForm.error.${p}`)}
            </li>
          ))}
        </ul>
      )}
      <div className="field--full">
        <ErrorMessage error={error} testId="vote-form-error" />
      </div>
      <FormActions
        className="field--full"
        submitLabel={editing ? t('voteForm.saveChanges') : t('voteForm.create')}
        busy={busy}
        onCancel={onDone}
        testIdPrefix="vote-form"
      />
    </form>
  );
}
