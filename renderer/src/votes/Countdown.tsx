import { useTranslation } from 'react-i18next';
import { useServerNow } from '../format/use-server-now.js';
import { formatCountdown, secondsLeft } from './countdown.js';

/** Time left before an open vote closes by itself; the server closes it, this only shows it. */
export function Countdown({
  closesAt,
  testId = 'vote-countdown',
  bare = false,
}: {
  closesAt: string;
  testId?: string;
  bare?: boolean;
}) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  const left = secondsLeft(closesAt, now.getTime());
  const time = formatCountdown(left);
  return (
    <span
      className={`countdown${left <= 10 ? ' countdown--ending' : ''}`}
      role="timer"
      data-testid={testId}
      data-seconds={left}
    >
      {bare ? time : left > 0 ? t('vote.timeLeft', { time }) : t('vote.ending')}
    </span>
  );
}
