import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uuidv7 } from 'uuidv7';
import { useCommand } from '../client/use-command.js';
import { meetingHref, useHashRoute } from '../client/use-hash-route.js';
import { expectMeeting } from './expected-meetings.js';
import { newMeetingFields, toCreateMeeting, type MeetingFields } from './meeting-form.js';
import { MeetingForm } from './MeetingForm.js';

/** The secretary's way to start a meeting; it opens as a draft only its preparers see. */
export function NewMeetingPanel() {
  const { t } = useTranslation();
  const { go } = useHashRoute();
  const { run, busy, error, clearError } = useCommand();
  const [open, setOpen] = useState(false);

  async function create(fields: MeetingFields) {
    const meetingId = uuidv7();
    expectMeeting(meetingId);
    const outcome = await run('meeting:create', toCreateMeeting(meetingId, fields));
    if (outcome !== 'failed') go(meetingHref(meetingId));
  }

  if (!open) {
    return (
      <button
        type="button"
        className="button button--primary"
        data-testid="new-meeting-button"
        onClick={() => setOpen(true)}
      >
        {t('meetings.new')}
      </button>
    );
  }
  return (
    <section className="card panel" aria-labelledby="new-meeting-heading">
      <h2 id="new-meeting-heading" className="panel__title">
        {t('meetings.newTitle')}
      </h2>
      <MeetingForm
        initial={newMeetingFields()}
        submitLabel={t('meetings.create')}
        busy={busy}
        error={error}
        onSubmit={(fields) => void create(fields)}
        onCancel={() => {
          clearError();
          setOpen(false);
        }}
        testId="new-meeting-form"
      />
    </section>
  );
}
