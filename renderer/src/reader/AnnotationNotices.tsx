import { useTranslation } from 'react-i18next';
import type { HeldAnnotation } from '../../../shared/client/api.js';
import { Notice } from '../components/Notice.js';

interface Props {
  /** The user's own annotations of the document's other versions. */
  elsewhere: readonly HeldAnnotation[];
  onVersion(version: number): void;
  /** The last export was a rewritten copy, without the original's signatures. */
  unsignedCopy: boolean;
  onUnderstood(): void;
}

/** Lines above the page about the annotations: some are on another version; an export lost its signatures. */
export function AnnotationNotices({ elsewhere, onVersion, unsignedCopy, onUnderstood }: Props) {
  const { t } = useTranslation();
  const counts = new Map<number, number>();
  for (const mark of elsewhere) counts.set(mark.version, (counts.get(mark.version) ?? 0) + 1);
  // The newest version that holds some: the one a delegate most likely wrote on last.
  const version = Math.max(...counts.keys());
  return (
    <>
      {counts.size > 0 && (
        <Notice
          block="reader-notice"
          testId="annotation-elsewhere"
          action={{
            label: t('annotations.openVersion', { version }),
            testId: 'annotation-elsewhere-open',
            onClick: () => onVersion(version),
          }}
        >
          {t('annotations.elsewhere', { count: counts.get(version), version })}
        </Notice>
      )}
      {unsignedCopy && (
        <Notice
          block="notice"
          role="alert"
          testId="annotation-unsigned-copy"
          action={{ label: t('annotations.understood'), testId: 'annotation-unsigned-dismiss', onClick: onUnderstood }}
        >
          {t('annotations.unsignedCopy')}
        </Notice>
      )}
    </>
  );
}
