import { useTranslation } from 'react-i18next';
import { plannedMinutes } from '../../../shared/domain/index.js';
import type { AgendaItem } from '../../../shared/protocol/index.js';
import { useDuration } from './use-duration.js';

export function AgendaTotal({ agenda }: { agenda: readonly AgendaItem[] }) {
  const { t } = useTranslation();
  const duration = useDuration();
  return (
    <span className="agenda-total" data-testid="agenda-total">
      {t('agenda.total', { duration: duration(plannedMinutes(agenda)) })}
    </span>
  );
}
