import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** "45 phút", "1 giờ", "1 giờ 30 phút" / "45 min", "1 h", "1 h 30 min". */
export function useDuration(): (minutes: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (minutes: number) =>
      minutes < 60
        ? t('agenda.minutes', { n: minutes })
        : minutes % 60 === 0
          ? t('agenda.hours', { h: minutes / 60 })
          : t('agenda.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 }),
    [t],
  );
}
