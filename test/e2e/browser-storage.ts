import type { Page } from '@playwright/test';

/**
 * What the browser keeps on the device for the app, read from inside the page as someone
 * holding the tablet would read it (the same IndexedDB the app writes; no app code involved).
 */
export async function idbRecords(
  page: Page,
  database: string,
  store: string,
): Promise<Array<{ key: unknown; value: unknown }>> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<Array<{ key: unknown; value: unknown }>>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onerror = () => reject(new Error(String(request.error)));
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(storeName)) {
            db.close();
            resolve([]);
            return;
          }
          const tx = db.transaction(storeName, 'readonly');
          const keys = tx.objectStore(storeName).getAllKeys();
          const values = tx.objectStore(storeName).getAll();
          tx.oncomplete = () => {
            db.close();
            resolve(keys.result.map((key, i) => ({ key, value: values.result[i] })));
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    [database, store] as const,
  );
}

/** The device id the browser names itself by to the server. */
export async function storedDeviceId(page: Page): Promise<string | null> {
  const [record] = await idbRecords(page, 'cabinet-client', 'device');
  return typeof record?.value === 'string' ? record.value : null;
}

/** The signed-in session the browser keeps (null once signed out or wiped). */
export async function storedSession(page: Page): Promise<unknown> {
  const [record] = await idbRecords(page, 'cabinet-client', 'session');
  return record?.value ?? null;
}
