import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { countAttendance } from '../attendance/quorum.js';

/** The stage as the room reads it: a closed meeting has ended, whatever its session says. */
export function displayStage(state: MeetingState): 'ended' | 'running' | 'paused' | 'not-started' {
  return state.meeting.status === 'closed' ? 'ended' : state.session.stage;
}

const STAGE_KEY = {
  ended: 'session.stageEnded',
  running: 'session.stageRunning',
  paused: 'session.stagePaused',
  'not-started': 'session.stageNotStarted',
} as const;

/** The band across the top: the meeting's title, its stage, and the members present. */
export function DisplayHeader({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const stage = displayStage(state);
  const { present, members } = countAttendance(state.participants);
  return (
    <header className="room-display__head">
      <h1 className="room-display__title" data-testid="display-meeting-title">
        {state.meeting.title}
      </h1>
      <p className="room-display__facts">
        <span className="display-stage" data-testid="display-stage" data-stage={stage}>
          {t(STAGE_KEY[stage])}
        </span>
        <span className="room-display__attendance display-label" data-testid="display-attendance">
          {t('display.attendance', { present, members })}
        </span>
      </p>
    </header>
  );
}
