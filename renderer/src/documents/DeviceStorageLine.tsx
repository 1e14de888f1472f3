import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onStorageProblem, storageProblem, type StorageProblem } from '../client/browser-storage.js';
import { useClientState, useClientWiring } from '../client/ClientContext.js';
import { storageUse, type StorageUse } from '../client/persistent-storage.js';
import { useLanguage } from '../i18n/use-language.js';
import { formatBytes } from './format-document.js';

/**
 * In a browser that keeps the meeting offline: how much this site holds on the device, of
 * what the browser allows, and whether the browser promised to keep it (persistent storage).
 * Re-measured as papers arrive. A storage problem (IndexedDB refused, a write failed) is said
 * plainly: work made offline may then be lost with the page.
 */
export function DeviceStorageLine({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { offlineBrowser, desktop } = useClientWiring();
  const cached = useClientState().documentProgress[meetingId]?.cached ?? 0;
  const [use, setUse] = useState<StorageUse | null>(null);
  const [problem, setProblem] = useState<StorageProblem | null>(storageProblem);

  useEffect(() => onStorageProblem(setProblem), []);
  useEffect(() => {
    if (desktop) return;
    let live = true;
    void storageUse(window.navigator).then((next) => live && setUse(next));
    return () => {
      live = false;
    };
  }, [desktop, cached]);

  if (desktop) return null;
  if (problem || !offlineBrowser)
    return (
      <p className="notice" role="status" data-testid="device-storage-problem">
        {t(problem === 'write-failed' ? 'deviceStorage.writeFailed' : 'deviceStorage.unavailable')}
      </p>
    );
  if (!use) return null;
  return (
    <p className="device-storage" data-testid="device-storage" data-persisted={use.persisted}>
      {t('deviceStorage.used', {
        used: formatBytes(use.usedBytes, lang),
        quota: formatBytes(use.quotaBytes, lang),
      })}
      {' · '}
      {t(use.persisted ? 'deviceStorage.persisted' : 'deviceStorage.notPersisted')}
    </p>
  );
}
