import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FormActions } from '../components/FormActions.js';
import { TextField } from '../components/TextField.js';
import { fromDateTimeLocalValue, offsetMinutesOf, toDateTimeLocalValue } from '../format/datetime.js';
import type { MeetingFields } from './meeting-form.js';

interface Props {
  initial: MeetingFields;
  submitLabel: string;
  busy: boolean;
  error: ProtocolError | null;
  onSubmit(fields: MeetingFields): void;
  onCancel(): void;
  testId: string;
}

export function MeetingForm({ initial, submitLabel, busy, error, onSubmit, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial.title);
  const [startsAtLocal, setStartsAtLocal] = useState(toDateTimeLocalValue(initial.startsAt));
  const [place, setPlace] = useState(initial.place);
  const [organisation, setOrganisation] = useState(initial.organisation);
  const [secretaryRunsVotes, setSecretaryRunsVotes] = useState(initial.secretaryRunsVotes);
  const [timeInvalid, setTimeInvalid] = useState(false);
  const voteHintId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    // An edited meeting keeps its own offset: the room's clock, not this device's.
    const startsAt = fromDateTimeLocalValue(startsAtLocal, offsetMinutesOf(initial.startsAt) ?? undefined);
    setTimeInvalid(!startsAt);
    if (!startsAt) return;
    // Keep the stored offset when the instant is unchanged, so a save without edits changes nothing.
    const sameInstant = new Date(startsAt).getTime() === new Date(initial.startsAt).getTime();
    onSubmit({
      title: title.trim(),
      startsAt: sameInstant ? initial.startsAt : startsAt,
      place: place.trim(),
      organisation: organisation.trim(),
      secretaryRunsVotes,
    });
  }

  return (
    <form className="form form--grid" onSubmit={submit} data-testid={testId}>
      <TextField
        label={t('meetingForm.title')}
        className="field--full"
        required
        maxLength={300}
        value={title}
        onChange={setTitle}
        testId="meeting-form-title"
      />
      <TextField
        label={t('meetingForm.startsAt')}
        type="datetime-local"
        required
        value={startsAtLocal}
        onChange={setStartsAtLocal}
        error={timeInvalid ? t('meetingForm.invalidTime') : null}
        testId="meeting-form-starts-at"
      />
      <TextField
        label={t('meetingForm.place')}
        required
        maxLength={300}
        value={place}
        onChange={setPlace}
        testId="meeting-form-place"
      />
      <TextField
        label={t('meetingForm.organisation')}
        className="field--full"
        required
        maxLength={300}
        value={organisation}
        onChange={setOrganisation}
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
      <div className="field--full">
        <ErrorMessage error={error} testId="meeting-form-error" />
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
