import type { ClientApi } from '../../../shared/client/api.js';

/**
 * Asks the browser, once a person is signed in, to keep this site's storage under pressure
 * (`navigator.storage.persist()`): without it a browser may evict the offline store and the
 * papers when the disk fills, queued commands included. Browsers decide by their own rules
 * (an installed app, engagement); asking again later is harmless, so it is asked at each
 * sign-in of the page until granted.
 */
export function requestPersistentStorage(
  client: Pick<ClientApi, 'getState' | 'subscribe'>,
  navigator: Navigator,
): void {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return;
  let asked = false;
  const ask = (signedIn: boolean) => {
    if (!signedIn) {
      asked = false;
      return;
    }
    if (asked) return;
    asked = true;
    void storage
      .persisted()
      .then((already) => (already ? true : storage.persist()))
      .catch(() => false);
  };
  ask(client.getState().user !== null);
  client.subscribe((state) => ask(state.user !== null));
}

export interface StorageUse {
  usedBytes: number;
  quotaBytes: number;
  persisted: boolean;
}

/** How much this site keeps on the device, of what the browser allows it; null where unknown. */
export async function storageUse(navigator: Navigator): Promise<StorageUse | null> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.estimate) return null;
  try {
    const [estimate, persisted] = await Promise.all([storage.estimate(), storage.persisted?.() ?? false]);
    return { usedBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
  } catch {
    return null;
  }
}
