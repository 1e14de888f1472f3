import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentVersion } from '../../../shared/protocol/index.js';
import { useClient } from '../client/ClientContext.js';
import { formatWhen } from '../format/datetime.js';
import { useLanguage } from '../i18n/use-language.js';

interface Props {
  meetingId: string;
  documentId: string;
  current: number;
  /** The version on screen: the current one, or an earlier one the person chose. */
  shown: number;
  onPick(version: number): void;
}

/** The document's versions, newest first; an earlier one opens read-only beside the history. */
export function VersionPicker({ meetingId, documentId, current, shown, onPick }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const client = useClient();
  const [versions, setVersions] = useState<readonly DocumentVersion[] | null>(null);

  useEffect(() => {
    if (current < 2) return;
    let cancelled = false;
    void client.request('document:versions', { meetingId, documentId }).then((ack) => {
      if (!cancelled && ack.ok) setVersions([...ack.data.versions].sort((a, b) => b.version - a.version));
    });
    return () => {
      cancelled = true;
    };
  }, [client, meetingId, documentId, current]);

  if (current < 2) return <span className="reader__version">{t('documents.version', { version: current })}</span>;
  const list = versions ?? [{ version: current } as DocumentVersion];
  return (
    <label className="reader__versions">
      <span className="visually-hidden">{t('reader.versions')}</span>
      <select
        className="input"
        value={shown}
        onChange={(e) => onPick(Number(e.target.value))}
        data-testid="reader-version-select"
      >
        {list.map((v) => (
          <option key={v.version} value={v.version}>
            {v.version === current
              ? t('reader.versionCurrent', { version: v.version })
              : t('reader.versionOld', {
                  version: v.version,
                  when: v.uploadedAt ? formatWhen(v.uploadedAt, lang) : '',
                  who: v.uploadedBy?.displayName ?? '',
                })}
          </option>
        ))}
      </select>
    </label>
  );
}
