import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { Panel } from '../components/Panel.js';
import { AgendaItemSummary } from './AgendaItemSummary.js';
import { AgendaTotal } from './AgendaTotal.js';

/** The agenda as delegates and observers read it. */
export function AgendaList({ agenda }: { agenda: readonly AgendaItem[] }) {
  const { t } = useTranslation();
  const items = useMemo(() => numberAgenda(agenda), [agenda]);
  return (
    <Panel title={t('agenda.title')} headingId="agenda-heading" testId="agenda" aside={<AgendaTotal agenda={agenda} />}>
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
    </Panel>
  );
}
