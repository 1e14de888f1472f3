import { useTranslation } from 'react-i18next';
import type { MeetingSession } from '../../../shared/protocol/index.js';
import { formatClock, useItemClock } from './session-clock.js';

/** The current item's time so far against its plan, marked when over. */
export function ItemClockText({ session, plannedMinutes }: { session: MeetingSession; plannedMinutes: number }) {
  const { t } = useTranslation();
  const clock = useItemClock(session, plannedMinutes);
  if (!clock) return null;
  const elapsed = formatClock(clock.elapsed);
  return (
    <span
      className={clock.over ? 'item-clock item-clock--over' : 'item-clock'}
      data-testid="item-clock"
      data-running={clock.running}
      data-over={clock.over}
      role="timer"
    >
      {clock.planned === null
        ? t('session.clockNoPlan', { elapsed })
        : t('session.clock', { elapsed, planned: formatClock(clock.planned) })}
      {clock.over && <span className="item-clock__over"> · {t('session.overTime')}</span>}
    </span>
  );
}
