import { useTranslation } from 'react-i18next';
import type { MeetingState } from '../../../shared/client/store.js';
import { numberAgenda } from '../../../shared/domain/index.js';
import { formatClock, useItemClock } from '../session/session-clock.js';

/**
 * The item the room is on, with its clock: time so far against the planned time, turned red
 * and marked in words once over (colour alone is lost on a washed-out projector).
 * `large` when it fills the main area, else a block of the side band.
 */
export function DisplayCurrentItem({ state, large = false }: { state: MeetingState; large?: boolean }) {
  const { t } = useTranslation();
  const { session } = state;
  const item = numberAgenda(state.agenda).find((i) => i.id === session.currentItemId);
  const clock = useItemClock(session, item?.plannedMinutes);
  const className = large ? 'display-item display-item--large' : 'display-item';
  if (!item || !clock) {
    return (
      <section className={className} data-testid={large ? 'display-main-item' : 'display-item'}>
        <p className="display-label">{t('session.current')}</p>
        <p className="display-item__none">{t('session.noCurrent')}</p>
      </section>
    );
  }
  const elapsed = formatClock(clock.elapsed);
  return (
    <section
      className={className}
      data-testid={large ? 'display-main-item' : 'display-item'}
      data-item-id={item.id}
      data-over={clock.over}
    >
      <p className="display-label">{t('session.current')}</p>
      <h2 className="display-item__title">
        <span className="display-item__number" data-testid="display-item-number">
          {item.number}.
        </span>{' '}
        <span data-testid="display-item-title">{item.title}</span>
      </h2>
      <div className="display-clock" data-testid="display-item-clock" data-over={clock.over} role="timer">
        <span className="display-label">{t('display.itemTime')}</span>
        <span className="display-clock__value">
          {clock.planned !== null
            ? t('session.clock', { elapsed, planned: formatClock(clock.planned) })
            : t('session.clockNoPlan', { elapsed })}
        </span>
        {clock.over && (
          <span className="display-over" data-testid="display-item-over">
            {t('session.overTime')}
          </span>
        )}
      </div>
    </section>
  );
}
