import { useTranslation } from 'react-i18next';

export function PresenceTag({ present }: { present: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={`presence presence--${present ? 'present' : 'absent'}`}
      data-testid="presence"
      data-present={present}
    >
      {present ? t('attendance.present') : t('attendance.absent')}
    </span>
  );
}
