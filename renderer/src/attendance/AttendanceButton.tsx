import { useTranslation } from 'react-i18next';
import { useCommand, type CommandOutcome } from '../client/use-command.js';
import { ErrorMessage } from '../components/ErrorMessage.js';

interface Props {
  meetingId: string;
  userId: string;
  present: boolean;
  /** "check-in" offers only checking in (under a ballot); "toggle" both ways. */
  mode?: 'toggle' | 'check-in';
  testId?: string;
  /** Sent (done), or queued while offline. */
  onDone?(outcome: Exclude<CommandOutcome, 'failed'>): void;
}

/** The participant's own check-in / check-out: one big button. */
export function AttendanceButton({
  meetingId,
  userId,
  present,
  mode = 'toggle',
  testId = 'my-attendance-button',
  onDone,
}: Props) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  if (mode === 'check-in' && present) return null;
  const label = present
    ? t('attendance.checkOut')
    : mode === 'check-in'
      ? t('attendance.checkInNow')
      : t('attendance.checkIn');
  return (
    <div className="attendance-button">
      <button
        type="button"
        className={present ? 'button button--big' : 'button button--big button--primary'}
        disabled={busy}
        data-testid={testId}
        data-action={present ? 'check-out' : 'check-in'}
        onClick={() =>
          void run(present ? 'attendance:check-out' : 'attendance:check-in', { meetingId, userId }).then((outcome) => {
            if (outcome !== 'failed') onDone?.(outcome);
          })
        }
      >
        {busy ? t('common.saving') : label}
      </button>
      <ErrorMessage error={error} testId={`${testId}-error`} />
    </div>
  );
}
