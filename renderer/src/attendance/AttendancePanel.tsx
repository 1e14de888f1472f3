import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { hasVote } from '../../../shared/domain/index.js';
import { Panel } from '../components/Panel.js';
import { AttendanceButton } from './AttendanceButton.js';
import { PresenceTag } from './PresenceTag.js';

/**
 * The signed-in member's own check-in, at the top of the meeting page: for those the quorum
 * counts (the chair and the delegates). Not for observers, who have no attendance, nor for
 * the secretary, who is not counted: asking her to check herself in read as if she had to;
 * her presence for the record is her switch in the participants' list, which she keeps.
 */
export function AttendancePanel({ state, userId }: { state: MeetingState; userId: string }) {
  const { t } = useTranslation();
  const me = state.participants.find((p) => p.userId === userId);
  if (!me || !hasVote(me.role)) return null;
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
        </>
      ) : (
        <p className="panel__hint">{t('attendance.draftHint')}</p>
      )}
    </Panel>
  );
}
