import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting, ProtocolError } from '../../../shared/protocol/index.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { fromDateTimeLocalValue, offsetMinutesOf, toDateTimeLocalValue } from '../format/datetime.js';

export interface MeetingFields {
  title: string;
  startsAt: string;
  place: string;
  organisation: string;
}

interface Props {
  initial: MeetingFields;
  submitLabel: string;
  busy: boolean;
  error: ProtocolError | null;
  onSubmit(fields: MeetingFields): void;
  onCancel(): void;
  testId: string;
}

/** A sensible start for a new meeting: tomorrow at 08:00 on this device's clock. */
export function newMeetingFields(): MeetingFields {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { title: '', startsAt: fromDateTimeLocalValue(`${day}T08:00`) ?? d.toISOString(), place: '', organisation: '' };
}

export function fieldsOf(meeting: Meeting): MeetingFields {
  return { title: meeting.title, startsAt: meeting.startsAt, place: meeting.place, organisation: meeting.organisation };
}

export function MeetingForm({ initial, submitLabel, busy, error, onSubmit, onCancel, testId }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial.title);
  const [startsAtLocal, setStartsAtLocal] = useState(toDateTimeLocalValue(initial.startsAt));
  const [place, setPlace] = useState(initial.place);
  const [organisation, setOrganisation] = useState(initial.organisation);
  const [timeInvalid, setTimeInvalid] = useState(false);

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
    });
  }

  return (
    <form className="form form--grid" onSubmit={submit} data-testid={testId}>
      <label className="field field--full">
        <span className="field__label">{t('meetingForm.title')}</span>
        <input
          className="input"
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="meeting-form-title"
        />
      </label>
      <label className="field">
        <span className="field__label">{t('meetingForm.startsAt')}</span>
        <input
          className="input"
          type="datetime-local"
          required
          value={startsAtLocal}
          onChange={(e) => setStartsAtLocal(e.target.value)}
          aria-invalid={timeInvalid}
          data-testid="meeting-form-starts-at"
        />
        {timeInvalid && <span className="field__hint field__hint--error">{t('meetingForm.invalidTime')}</span>}
      </label>
      <label className="field">
        <span className="field__label">{t('meetingForm.place')}</span>
        <input
          className="input"
          required
          maxLength={300}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          data-testid="meeting-form-place"
        />
      </label>
      <label className="field field--full">
        <span className="field__label">{t('meetingForm.organisation')}</span>
        <input
          className="input"
          required
          maxLength={300}
          value={organisation}
          onChange={(e) => setOrganisation(e.target.value)}
          data-testid="meeting-form-organisation"
        />
      </label>
      <div className="field--full">
        <ErrorMessage error={error} testId="meeting-form-error" />
      </div>
      <div className="form__actions field--full">
        <button type="button" className="button" onClick={onCancel} data-testid="meeting-form-cancel">
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="meeting-form-submit">
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
