import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { useCommand } from '../client/use-command.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatMeetingTime, formatShortTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';
import { fieldsOf, MeetingForm, type MeetingFields } from './MeetingForm.js';
import type { MeetingPermissions } from './permissions.js';
import { PublishButton } from './PublishButton.js';

interface Props {
  state: MeetingState;
  can: MeetingPermissions;
}

export function MeetingHeader({ state, can }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { meeting, myRole } = state;
  const [editing, setEditing] = useState(false);
  const { run, busy, error, clearError } = useCommand();

  async function save(fields: MeetingFields) {
    const before = fieldsOf(meeting);
    const changed = Object.fromEntries(
      (Object.keys(fields) as (keyof MeetingFields)[]).filter((k) => fields[k] !== before[k]).map((k) => [k, fields[k]]),
    ) as Partial<MeetingFields>;
    if (Object.keys(changed).length === 0) {
      setEditing(false);
      return;
    }
    const outcome = await run('meeting:update', { meetingId: meeting.id, ...changed });
    if (outcome !== 'failed') setEditing(false);
  }

  return (
    <header className="meeting-header card" data-testid="meeting-header">
      <div className="meeting-header__top">
        <StatusBadge status={meeting.status} />
        <span className="meeting-header__role" data-testid="meeting-my-role">
          {t('meeting.myRole')}: {myRole ? t(`role.${myRole}`) : t('role.none')}
        </span>
      </div>
      {editing ? (
        <MeetingForm
          initial={fieldsOf(meeting)}
          submitLabel={t('common.save')}
          busy={busy}
          error={error}
          onSubmit={(fields) => void save(fields)}
          onCancel={() => {
            clearError();
            setEditing(false);
          }}
          testId="meeting-edit-form"
        />
      ) : (
        <>
          <h1 className="meeting-header__title" data-testid="meeting-heading">
            {meeting.title}
          </h1>
          <dl className="facts facts--inline">
            <div className="facts__row">
              <dt>{t('meeting.startsAt')}</dt>
              <dd data-testid="meeting-time">{formatMeetingTime(meeting.startsAt, lang)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('meeting.place')}</dt>
              <dd data-testid="meeting-place">{meeting.place}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('meeting.organisation')}</dt>
              <dd data-testid="meeting-organisation">{meeting.organisation}</dd>
            </div>
            {meeting.publishedAt && (
              <div className="facts__row">
                <dt>{t('meeting.publishedAt')}</dt>
                <dd data-testid="meeting-published-at">{formatShortTime(meeting.publishedAt, lang)}</dd>
              </div>
            )}
          </dl>
          {(can.editMeeting || can.publish) && (
            <div className="meeting-header__actions" data-testid="meeting-actions">
              {can.editMeeting && (
                <button type="button" className="button" data-testid="edit-meeting-button" onClick={() => setEditing(true)}>
                  {t('meeting.edit')}
                </button>
              )}
              {can.publish && <PublishButton meetingId={meeting.id} />}
            </div>
          )}
        </>
      )}
    </header>
  );
}
