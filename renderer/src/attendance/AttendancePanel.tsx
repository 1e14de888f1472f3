import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { hasAttendance, hasVote } from '../../../shared/domain/index.js';
import { Panel } from '../components/Panel.js';
import { AttendanceButton } from './AttendanceButton.js';
import { PresenceTag } from './PresenceTag.js';

/** The signed-in participant's own check-in, at the top of the meeting page (not for observers: they have none). */
export function AttendancePanel({ state, userId }: { state: MeetingState; userId: string }) {
  const { t } = useTranslation();
  const me = state.participants.find((p) => p.userId === userId);
  if (!me || !hasAttendance(me.role)) return null;
  const published = state.meeting.status === 'published';
  return (
    <Panel
      title={t('attendance.title')}
      headingId="attendance-heading"
      testId="my-attendance"
      className="attendance-panel"
      data-present={me.present}
      aside={published && <PresenceTag present={me.present} />}
    >
      {published ? (
        <>
          <p className="attendance-panel__state" data-testid="my-attendance-state">
            {me.present ? t('attendance.youArePresent') : t('attendance.youAreAbsent')}
          </p>
          <AttendanceButton meetingId={state.meeting.id} userId={userId} present={me.present} />
          {!hasVote(me.role) && (
            <p className="panel__hint" data-testid="my-attendance-not-counted">
              {t('attendance.notCounted')}
            </p>
          )}
        </>
      ) : (
        <p className="panel__hint">{t('attendance.draftHint')}</p>
      )}
    </Panel>
  );
}
