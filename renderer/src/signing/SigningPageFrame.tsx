import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.js';

/** A signing page: the way back to the meetings, its title, its panels. */
export function SigningPageFrame({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid={testId}>
      <a className="back-link" href="#/">
        <Icon name="arrowLeft" /> {t('meeting.back')}
      </a>
      <h1 className="page__title">{title}</h1>
      {children}
    </div>
  );
}
