import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NumberedAgendaItem } from '../../../shared/domain/index.js';
import type { DropProjection } from './agenda-moves.js';

/** What a screen reader says while an item is dragged, in the UI language. */
export function useDragAnnouncements(
  items: readonly NumberedAgendaItem[],
  projection: DropProjection | null,
): { announcements: Announcements; screenReaderInstructions: ScreenReaderInstructions } {
  const { t } = useTranslation();
  return useMemo(() => {
    const title = (id: unknown) => items.find((i) => i.id === String(id))?.title ?? '';
    const where = () =>
      projection
        ? t('agenda.drag.position', {
            position: projection.index + 1,
            level: projection.depth + 1,
          })
        : '';
    return {
      screenReaderInstructions: { draggable: t('agenda.drag.instructions') },
      announcements: {
        onDragStart: ({ active }) => t('agenda.drag.start', { title: title(active.id) }),
        onDragOver: ({ active }) => `${t('agenda.drag.over', { title: title(active.id) })} ${where()}`,
        onDragEnd: ({ active }) => t('agenda.drag.end', { title: title(active.id) }),
        onDragCancel: ({ active }) => t('agenda.drag.cancel', { title: title(active.id) }),
      },
    };
  }, [items, projection, t]);
}
