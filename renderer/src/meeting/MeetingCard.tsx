import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { meetingHref } from '../client/use-hash-route.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { LifecycleBanner } from './LifecycleBanner.js';
import { MeetingFacts } from './MeetingFacts.js';

export function MeetingCard({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const { meeting, myRole } = state;
  return (
    <li className="meeting-card">
      <a
        className="meeting-card__link card"
        href={meetingHref(meeting.id)}
        data-testid="meeting-card"
        data-meeting-id={meeting.id}
      >
        <div className="meeting-card__top">
          <StatusBadge status={meeting.status} stage={state.session.stage} />
          {meeting.cancellation && (
            <span className="badge badge--cancelled" data-testid="meeting-cancelled-badge">
              {t('meetingLifecycle.cancelled')}
            </span>
          )}
          <span className="meeting-card__role" data-testid="meeting-role">
            {myRole ? t(`role.${myRole}`) : t('role.none')}
          </span>
        </div>
        <h2 className="meeting-card__title" data-testid="meeting-title">
          {meeting.title}
        </h2>
        <MeetingFacts meeting={meeting} />
        <LifecycleBanner meeting={meeting} place="card" />
      </a>
    </li>
  );
}
