import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { Panel } from '../components/Panel.js';
import { AgendaItemSummary } from './AgendaItemSummary.js';
import { AgendaTotal } from './AgendaTotal.js';
import { useCurrentItemScroll, type CurrentItemView } from '../session/use-current-item-scroll.js';
import { Icon } from '../components/Icon.js';

interface Props {
  agenda: readonly AgendaItem[];
  /** The item the room is on, marked and scrolled to. */
  current?: CurrentItemView;
  /** The chair moves the room to an item from here. */
  onSetCurrent?: (itemId: string) => void;
}

/** The agenda as delegates, observers and the chair read it. */
export function AgendaList({ agenda, current, onSetCurrent }: Props) {
  const { t } = useTranslation();
  const items = useMemo(() => numberAgenda(agenda), [agenda]);
  const list = useRef<HTMLOListElement>(null);
  useCurrentItemScroll(list, current);
  return (
    <Panel title={t('agenda.title')} headingId="agenda-heading" testId="agenda" aside={<AgendaTotal agenda={agenda} />}>
      {items.length === 0 ? (
        <p className="empty" data-testid="agenda-empty">
          {t('agenda.empty')}
        </p>
      ) : (
        <ol className="agenda" data-testid="agenda-list" ref={list}>
          {items.map((item) => {
            const isCurrent = item.id === current?.currentItemId;
            return (
              <li
                key={item.id}
                className={`agenda-item agenda-item--depth-${item.depth}${isCurrent ? ' agenda-item--current' : ''}`}
                data-testid="agenda-item"
                data-item-id={item.id}
                data-depth={item.depth}
                data-current={isCurrent}
                aria-current={isCurrent ? 'step' : undefined}
              >
                {isCurrent && (
                  <span className="agenda-item__current-tag">
                    <Icon name="play" /> {t('session.currentTag')}
                  </span>
                )}
                <AgendaItemSummary item={item} />
                {onSetCurrent && !isCurrent && (
                  <button
                    type="button"
                    className="button button--small agenda-item__move"
                    onClick={() => onSetCurrent(item.id)}
                    data-testid="agenda-set-current"
                  >
                    {t('session.setCurrent')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
