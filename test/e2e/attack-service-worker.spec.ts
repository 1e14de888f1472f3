import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/**
 * ATTACK (issue 15): the installed app's service worker, offline. A navigation to the API or to
 * the socket must never be answered with the app's page from the cache (a download link, an
 * export, a bookmark of an API address would then "work" with the wrong body), and nothing
 * but the build is in its caches.
 */
test.use({ serviceWorkers: 'allow' });

async function withServiceWorker(page: Page): Promise<void> {
  await page.goto('/');
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), {
      timeout: 30_000,
    })
    .toBe('activated');
}

test('ATTACK: offline, the worker answers no navigation to /api or /socket.io with the app page, and caches only the build', async ({
  page,
}) => {
  await withServiceWorker(page);
  await page.reload(); // controlled from now on
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.context().setOffline(true);

  for (const path of [
    '/api/auth/me',
    '/api/pki/ca.crt',
    '/api/pki/ca.mobileconfig',
    '/api/meetings/x/documents?q=1',
    '/socket.io/?EIO=4&transport=polling',
  ]) {
    const answer = await page.goto(path).catch((error: unknown) => error);
    // A network error, as with no worker: never a 200 with index.html.
    expect(answer instanceof Error, path).toBe(true);
  }

  // The app itself still opens offline, from the cache.
  const app = await page.context().newPage();
  await page.close();
  await app.goto('/');
  await expect(app.getByTestId('login-username')).toBeVisible();
  const cached = await app.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached.length).toBeGreaterThan(0);
  expect(cached.filter((path) => /^\/(api|socket\.io)(\/|$)/.test(path))).toEqual([]);
});
