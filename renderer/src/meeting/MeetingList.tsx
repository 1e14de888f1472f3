import { useTranslation } from 'react-i18next';
import { useClientState } from '../client/ClientContext.js';
import { MeetingCard } from './MeetingCard.js';
import { NewMeetingPanel } from './NewMeetingPanel.js';
import { mayCreateMeetings } from './permissions.js';

export function MeetingList() {
  const { t } = useTranslation();
  const { user, meetings, lastSyncAt } = useClientState();
  // Soonest first: what a delegate opens the tablet for is usually the next meeting.
  const list = Object.values(meetings).sort(
    (a, b) =>
      Date.parse(a.meeting.startsAt) - Date.parse(b.meeting.startsAt) || a.meeting.title.localeCompare(b.meeting.title),
  );
  return (
    <div className="page" data-testid="meeting-list-page">
      <div className="page__head">
        <h1 className="page__title">{t('meetings.title')}</h1>
        {user && mayCreateMeetings(user) && <NewMeetingPanel />}
      </div>
      {list.length === 0 ? (
        <p className="empty" data-testid="meeting-list-empty">
          {lastSyncAt ? t('meetings.empty') : t('meetings.loading')}
        </p>
      ) : (
        <ul className="meeting-grid" data-testid="meeting-list">
          {list.map((m) => (
            <MeetingCard key={m.meeting.id} state={m} />
          ))}
        </ul>
      )}
    </div>
  );
}
