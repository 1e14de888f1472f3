import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import { Icon, type IconName } from '../components/Icon.js';
import type { AgendaMove, ItemMoves } from './agenda-moves.js';

interface Props {
  item: NumberedAgendaItem;
  moves: ItemMoves;
  disabled: boolean;
  onMove(move: AgendaMove, key: keyof ItemMoves): void;
}

const BUTTONS = [
  { key: 'up', icon: 'arrowUp', testId: 'agenda-item-move-up' },
  { key: 'down', icon: 'arrowDown', testId: 'agenda-item-move-down' },
  { key: 'indent', icon: 'indent', testId: 'agenda-item-indent' },
  { key: 'outdent', icon: 'outdent', testId: 'agenda-item-outdent' },
] as const satisfies readonly { key: string; icon: IconName; testId: string }[];

/** The keyboard and touch way to reorder: every drag has a button that does the same. */
export function AgendaMoveButtons({ item, moves, disabled, onMove }: Props) {
  const { t } = useTranslation();
  return (
    <div className="button-row" role="group" aria-label={t('agenda.moveGroup', { number: item.number })}>
      {BUTTONS.map(({ key, icon, testId }) => {
        const move = moves[key];
        return (
          <button
            key={key}
            type="button"
            className="button button--small"
            // Busy is only aria-disabled: a truly disabled button would drop the keyboard focus.
            disabled={!move}
            aria-disabled={disabled || undefined}
            data-move={key}
            aria-label={t(`agenda.move.${key}.aria`, { number: item.number, title: item.title })}
            data-testid={testId}
            onClick={() => move && !disabled && onMove(move, key)}
          >
            <Icon name={icon} />
            {t(`agenda.move.${key}.label`)}
          </button>
        );
      })}
    </div>
  );
}
