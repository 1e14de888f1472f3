import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { AgendaItemSummary } from './AgendaItemSummary.js';
import { AgendaTotal } from './AgendaTotal.js';

/** The agenda as delegates and observers read it. */
export function AgendaList({ agenda }: { agenda: readonly AgendaItem[] }) {
  const { t } = useTranslation();
  const items = useMemo(() => numberAgenda(agenda), [agenda]);
  return (
    <section className="card panel" aria-labelledby="agenda-heading" data-testid="agenda">
      <div className="panel__head">
        <h2 id="agenda-heading" className="panel__title">
          {t('agenda.title')}
        </h2>
        <AgendaTotal agenda={agenda} />
      </div>
      {items.length === 0 ? (
        <p className="empty" data-testid="agenda-empty">
          {t('agenda.empty')}
        </p>
      ) : (
        <ol className="agenda" data-testid="agenda-list">
          {items.map((item) => (
            <li
              key={item.id}
              className={`agenda-item agenda-item--depth-${item.depth}`}
              data-testid="agenda-item"
              data-item-id={item.id}
              data-depth={item.depth}
            >
              <AgendaItemSummary item={item} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
