import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { countAttendance } from '../attendance/quorum.js';
import { useClientState } from '../client/ClientContext.js';
import { STAGE_LABEL, stageOf } from '../session/session-stage.js';

/** The stage as the room reads it: a closed meeting has ended, whatever its session says. */
export const displayStage = stageOf;

/** A reconnect that takes this long is said on screen: a projector must not show stale numbers as live. */
const OFFLINE_AFTER_MS = 5000;

function useLongOffline(): boolean {
  const { connection } = useClientState();
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (connection === 'online') {
      setLong(false);
      return;
    }
    const timer = window.setTimeout(() => setLong(true), OFFLINE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [connection]);
  return long;
}

/**
 * The band across the top: the meeting's title, its stage, and the members present. No
 * connection badge while all is well; only a link lost for a while is said, because what
 * the room then reads may be out of date.
 */
export function DisplayHeader({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const stage = displayStage(state);
  const offline = useLongOffline();
  const { present, members } = countAttendance(state.participants);
  return (
    <header className="room-display__head">
      <h1 className="room-display__title" data-testid="display-meeting-title">
        {state.meeting.title}
      </h1>
      <p className="room-display__facts">
        {offline && (
          <span className="display-offline" role="status" data-testid="display-offline">
            {t('display.offline')}
          </span>
        )}
        <span className="display-stage" data-testid="display-stage" data-stage={stage}>
          {t(STAGE_LABEL[stage])}
        </span>
        <span className="room-display__attendance display-label" data-testid="display-attendance">
          {t('display.attendance', { present, members })}
        </span>
      </p>
    </header>
  );
}
