import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError, VoteDefaults } from '../../../shared/protocol/index.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { DateTimeField } from '../components/DateTimeField.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { TextField } from '../components/TextField.js';
import { dateTimePartsOf, readDateTime } from '../format/date-parts.js';
import { offsetMinutesOf } from '../format/datetime.js';
import {
  checkText,
  dateProblem,
  firstProblem,
  useFieldRefs,
  useProblemText,
  type FieldProblem,
} from '../forms/field-rules.js';
import { MajorityRuleFields } from '../votes/MajorityRuleFields.js';
import type { MeetingFields } from './meeting-form.js';

/** The text fields whose typed value a stale-edit refusal keeps beside the current one. */
export type MeetingTextField = 'title' | 'startsAt' | 'place' | 'organisation';

interface Props {
  initial: MeetingFields;
  submitLabel: string;
  busy: boolean;
  error: ProtocolError | null;
  onSubmit(fields: MeetingFields): void;
  onCancel(): void;
  /** After a stale edit: what the person had typed, under each field where it differs. */
  asides?: Partial<Record<MeetingTextField, string>>;
  /** Under the error: what to do about it (put the typed text back). */
  notice?: ReactNode;
  testId: string;
}

export function MeetingForm(props: Props) {
  const { initial, submitLabel, busy, error, onSubmit, onCancel, asides, notice, testId } = props;
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial.title);
  const [startsAtParts, setStartsAtParts] = useState(() => dateTimePartsOf(initial.startsAt));
  const [place, setPlace] = useState(initial.place);
  const [organisation, setOrganisation] = useState(initial.organisation);
  const [secretaryRunsVotes, setSecretaryRunsVotes] = useState(initial.secretaryRunsVotes);
  const [voteDefaults, setVoteDefaults] = useState<VoteDefaults>(initial.voteDefaults);
  const [problems, setProblems] = useState<Partial<Record<MeetingTextField, FieldProblem | null>>>({});
  const problemText = useProblemText();
  const fields = useFieldRefs<MeetingTextField>();
  const voteHintId = useId();
  const defaultsHintId = useId();
  const yourText = (field: MeetingTextField) =>
    asides?.[field] === undefined ? undefined : t('stale.yourText', { text: asides[field] || '—' });

  function submit(event: FormEvent) {
    event.preventDefault();
    // An edited meeting keeps its own offset: the room's clock, not this device's.
    const read = readDateTime(startsAtParts, offsetMinutesOf(initial.startsAt) ?? undefined);
    const found = {
      title: checkText(title, { required: true, max: 300 }),
      startsAt: read.ok ? null : dateProblem(read.problem),
      place: checkText(place, { required: true, max: 300 }),
      organisation: checkText(organisation, { required: true, max: 300 }),
    };
    setProblems(found);
    const first = firstProblem(found);
    fields.focus(first);
    if (first || !read.ok) return;
    const startsAt = read.value;
    // Keep the stored offset when the instant is unchanged, so a save without edits changes nothing.
    const sameInstant = new Date(startsAt).getTime() === new Date(initial.startsAt).getTime();
    onSubmit({
      title: title.trim(),
      startsAt: sameInstant ? initial.startsAt : startsAt,
      place: place.trim(),
      organisation: organisation.trim(),
      secretaryRunsVotes,
      voteDefaults,
    });
  }

  return (
    <form className="form form--grid" onSubmit={submit} noValidate data-testid={testId}>
      <TextField
        label={t('meetingForm.title')}
        className="field--full"
        required
        ref={fields.ref('title')}
        value={title}
        onChange={setTitle}
        hint={yourText('title')}
        error={problemText(problems.title)}
        maxLength={300}
        testId="meeting-form-title"
      />
      <DateTimeField
        label={t('meetingForm.startsAt')}
        // A row of its own: beside the place, at tablet width, the time wrapped under the date.
        className="field--full"
        value={startsAtParts}
        onChange={setStartsAtParts}
        firstRef={fields.ref('startsAt')}
        error={problemText(problems.startsAt)}
        hint={yourText('startsAt')}
        testId="meeting-form-starts-at"
      />
      <TextField
        label={t('meetingForm.place')}
        className="field--full"
        required
        ref={fields.ref('place')}
        value={place}
        onChange={setPlace}
        hint={yourText('place')}
        error={problemText(problems.place)}
        maxLength={300}
        testId="meeting-form-place"
      />
      <TextField
        label={t('meetingForm.organisation')}
        className="field--full"
        required
        ref={fields.ref('organisation')}
        value={organisation}
        onChange={setOrganisation}
        hint={yourText('organisation')}
        error={problemText(problems.organisation)}
        maxLength={300}
        testId="meeting-form-organisation"
      />
      <div className="field field--full">
        <CheckboxField
          label={t('meetingForm.secretaryRunsVotes')}
          checked={secretaryRunsVotes}
          onChange={setSecretaryRunsVotes}
          testId="meeting-form-secretary-runs-votes"
          describedBy={voteHintId}
        />
        <span id={voteHintId} className="field__hint">
          {t('meetingForm.secretaryRunsVotesHint')}
        </span>
      </div>
      <fieldset
        className="field--full vote-defaults"
        aria-describedby={defaultsHintId}
        data-testid="meeting-form-vote-defaults"
      >
        <legend className="field__label">{t('meetingForm.voteDefaults')}</legend>
        <span id={defaultsHintId} className="field__hint">
          {t('meetingForm.voteDefaultsHint')}
        </span>
        <div className="vote-defaults__fields">
          <MajorityRuleFields value={voteDefaults} onChange={setVoteDefaults} testIdPrefix="meeting-form-vote" />
        </div>
      </fieldset>
      <div className="field--full form__feedback">
        <ErrorMessage error={error} testId="meeting-form-error" />
        {notice}
      </div>
      <FormActions
        className="field--full"
        submitLabel={submitLabel}
        busy={busy}
        onCancel={onCancel}
        testIdPrefix="meeting-form"
      />
    </form>
  );
}
