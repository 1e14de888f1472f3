import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { useDuration } from './use-duration.js';

/** Number, title, presenter and planned time of one item: the same for readers and editors. */
export function AgendaItemSummary({ item }: { item: NumberedAgendaItem }) {
  const { t } = useTranslation();
  const duration = useDuration();
  return (
    <div className="agenda-summary">
      <span className="agenda-summary__number" data-testid="agenda-item-number">
        {item.number}
      </span>
      <div className="agenda-summary__text">
        <span className="agenda-summary__title" data-testid="agenda-item-title">
          {item.title}
        </span>
        {item.presenter && (
          <span className="agenda-summary__presenter" data-testid="agenda-item-presenter">
            {t('agenda.presenter', { name: item.presenter })}
          </span>
        )}
      </div>
      <span className="agenda-summary__minutes" data-testid="agenda-item-minutes">
        {duration(item.plannedMinutes)}
      </span>
    </div>
  );
}
