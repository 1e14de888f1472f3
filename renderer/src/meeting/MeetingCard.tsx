import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { meetingHref } from '../client/use-hash-route.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { formatMeetingTime } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';

export function MeetingCard({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { meeting, myRole } = state;
  return (
    <li className="meeting-card">
      <a className="meeting-card__link card" href={meetingHref(meeting.id)} data-testid="meeting-card" data-meeting-id={meeting.id}>
        <div className="meeting-card__top">
          <StatusBadge status={meeting.status} />
          <span className="meeting-card__role" data-testid="meeting-role">
            {myRole ? t(`role.${myRole}`) : t('role.none')}
          </span>
        </div>
        <h2 className="meeting-card__title" data-testid="meeting-title">
          {meeting.title}
        </h2>
        <dl className="facts">
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
        </dl>
      </a>
    </li>
  );
}
