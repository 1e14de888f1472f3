import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '../../../../shared/domain/search-fold.js';
import type { DeviceInfo, ProtocolError } from '../../../../shared/protocol/index.js';
import { useClient } from '../../client/ClientContext.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Panel } from '../../components/Panel.js';
import { TextField } from '../../components/TextField.js';
import { useNow } from '../../format/use-now.js';
import { DeviceCard } from './DeviceCard.js';

/**
 * Every person's devices, found by the person's name; an admin revokes one after a question
 * that names the device and the person. The server ends its sessions and cuts its sockets;
 * the device erases what it holds at its next connection.
 */
export function DevicesScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const now = useNow(30_000);
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [query, setQuery] = useState('');
  const [confirming, setConfirming] = useState<DeviceInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    const answer = await client.request('device:list', {});
    if (answer.ok) {
      setDevices(answer.data.devices);
      setError(null);
    } else setError(answer.error);
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => {
    const wanted = foldForSearch(query.trim());
    if (!devices || wanted === '') return devices ?? [];
    return devices.filter((d) => foldForSearch(`${d.displayName} ${d.username}`).includes(wanted));
  }, [devices, query]);

  const revoke = async (device: DeviceInfo) => {
    setBusy(true);
    const answer = await client.request('device:revoke', { deviceId: device.id, userId: device.userId });
    setBusy(false);
    setConfirming(null);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setDone(t('devices.revoked', { device: device.name, person: device.displayName }));
    await load();
  };

  return (
    <Panel title={t('devices.title')} headingId="admin-devices-title" testId="admin-devices">
      <p className="devices__intro">{t('devices.intro')}</p>
      <TextField
        label={t('devices.search')}
        type="search"
        value={query}
        onChange={setQuery}
        testId="devices-search"
        autoComplete="off"
      />
      <ErrorMessage error={error} testId="devices-error" />
      {done && (
        <p className="devices__done" role="status" data-testid="devices-done">
          {done}
        </p>
      )}
      {devices === null && !error && <p role="status">{t('devices.loading')}</p>}
      {devices !== null && shown.length === 0 && (
        <p data-testid="devices-empty">{query.trim() ? t('devices.noMatch') : t('devices.none')}</p>
      )}
      <ul className="devices__list" data-testid="devices-list">
        {shown.map((d) => (
          <DeviceCard
            key={`${d.id}/${d.userId}`}
            device={d}
            now={now}
            onRevoke={() => {
              setDone(null);
              setConfirming(d);
            }}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title={t('devices.confirmTitle', { device: confirming?.name ?? '', person: confirming?.displayName ?? '' })}
        body={t('devices.confirmBody', { device: confirming?.name ?? '', person: confirming?.displayName ?? '' })}
        confirmLabel={t('devices.revoke')}
        danger
        confirmDisabled={busy}
        onConfirm={() => confirming && void revoke(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </Panel>
  );
}
