import { useTranslation } from 'react-i18next';
import type { Participant } from '../../../shared/protocol/index.js';
import { useCommand } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

/** The secretary's or chair's switch for one participant's presence. */
export function AttendanceToggle({ participant }: { participant: Participant }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const { meetingId, userId, present, displayName } = participant;
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={present}
        aria-label={t('attendance.toggleAria', { name: displayName })}
        className={`presence-switch${present ? ' presence-switch--on' : ''}`}
        disabled={busy}
        data-testid="attendance-toggle"
        data-present={present}
        onClick={() => void run(present ? 'attendance:check-out' : 'attendance:check-in', { meetingId, userId })}
      >
        <span className="presence-switch__knob" aria-hidden="true" />
        <span className="presence-switch__label">{present ? t('attendance.present') : t('attendance.absent')}</span>
      </button>
      <ErrorMessage error={error} testId="attendance-toggle-error" />
    </>
  );
}
