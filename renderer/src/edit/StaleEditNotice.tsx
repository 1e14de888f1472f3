import { useTranslation } from 'react-i18next';
import { Notice } from '../components/Notice.js';

/** Under a stale-edit refusal: the typed text is kept; one touch puts it back in the fields. */
export function StaleEditNotice({ restored, onRestore }: { restored: boolean; onRestore(): void }) {
  const { t } = useTranslation();
  return (
    <Notice
      block="stale-notice"
      testId="stale-notice"
      data-restored={restored}
      action={restored ? null : { label: t('stale.restore'), testId: 'stale-restore', onClick: onRestore }}
    >
      {restored ? t('stale.restored') : t('stale.kept')}
    </Notice>
  );
}
