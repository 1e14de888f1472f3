import { useTranslation } from 'react-i18next';
import type { SpeakerRequest } from '../../../shared/protocol/index.js';
import { formatClock, useSpeakingLeft } from './session-clock.js';

/** The speaker's countdown: time left, or plainly how far over. */
export function SpeakerTime({
  speech,
  className = 'speaker-time',
  testId = 'speaker-time',
}: {
  speech: SpeakerRequest;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const left = useSpeakingLeft(speech);
  if (left === null) return null;
  const over = left < 0;
  return (
    <span
      className={over ? `${className} ${className}--over` : className}
      role="timer"
      data-testid={testId}
      data-over={over}
    >
      {over ? t('session.timeOver', { time: formatClock(-left) }) : t('session.timeLeft', { time: formatClock(left) })}
    </span>
  );
}
