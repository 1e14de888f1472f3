import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  closePeople,
  expect,
  markWindow,
  newPersonPage,
  openDemoMeeting,
  personPage,
  signIn,
  test,
  uniqueTitle,
} from './fixtures.js';
import { createVote, runVote, voteRow } from './vote-helpers.js';

/**
 * The web UI as an installable, offline-first app (renderer/src/pwa/, the VitePWA settings in
 * renderer/vite.config.ts), through the real server and its Content-Security-Policy.
 */

test.use({ serviceWorkers: 'allow' });
test.afterEach(closePeople);

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are no PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The state of the page's active service worker, once it has one (the build is precached then). */
async function activeWorker(page: Page): Promise<string> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none');
}

/** Installing precaches the whole build (pdf.js's data too): on a busy machine, some seconds. */
const INSTALL_MS = 30_000;

/** Loads the page, waits for its worker, and reloads: the worker controls the page from then on. */
async function controlledPage(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('login-username')).toBeVisible();
  await expect.poll(() => activeWorker(page), { timeout: INSTALL_MS }).toBe('activated');
  await page.reload();
  await expect(page.getByTestId('login-username')).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('the manifest names the app, opens it standalone from its own folder, and its icons are PNGs of their stated size', async ({
  page,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url());
  const reply = await page.request.get(manifestUrl.href);
  expect(reply.status()).toBe(200);
  expect(reply.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = (await reply.json()) as Record<string, unknown>;
  expect(manifest.name).toContain('Phòng họp không giấy');
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.lang).toBe('vi');
  expect(manifest.display).toBe('standalone');
  expect(new URL(manifest.start_url as string, manifestUrl).href).toBe(new URL('/', page.url()).href);
  expect(new URL(manifest.scope as string, manifestUrl).href).toBe(new URL('/', page.url()).href);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons = manifest.icons as ManifestIcon[];
  const sizes = new Set<string>();
  for (const icon of icons) {
    const file = await page.request.get(new URL(icon.src, manifestUrl).href);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type'], icon.src).toBe('image/png');
    const [width, height] = icon.sizes.split('x').map(Number);
    expect(pngSize(await file.body()), icon.src).toEqual({ width, height });
    sizes.add(icon.sizes);
  }
  expect([...sizes].sort()).toEqual(['192x192', '512x512']);
  expect(icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
});

test('the service worker registers under the server’s CSP and controls the page after one reload', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|service ?worker/i.test(m.text()) && m.type() !== 'log') refused.push(m.text());
  });
  const first = await page.goto('/');
  expect(first?.headers()['content-security-policy']).toContain("worker-src 'self'");
  expect(first?.headers()['cache-control']).toBe('no-cache');
  const worker = await page.request.get('/sw.js');
  expect(worker.headers()['content-type']).toMatch(/javascript/);
  expect(worker.headers()['cache-control']).toBe('no-cache');

  await controlledPage(page);
  const registration = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    return { scope: r?.scope, script: r?.active?.scriptURL };
  });
  expect(registration.scope).toBe(new URL('/', page.url()).href);
  expect(registration.script).toBe(new URL('/sw.js', page.url()).href);
  expect(refused).toEqual([]);
});

test('offline, a reload still opens the app, and pdf.js’s worker, a character map and a standard font come from the cache — never the API', async ({
  page,
  context,
}) => {
  await controlledPage(page);
  const pdfWorker = await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        if (/\/assets\/pdf\.worker[^/]*\.mjs$/.test(request.url)) return request.url;
      }
    }
    return null;
  });
  expect(pdfWorker).toBeTruthy();

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByTestId('login-username')).toBeVisible();
    const served = await page.evaluate(
      async (urls) => {
        const answers: Record<string, number | string> = {};
        for (const url of urls) {
          try {
            const reply = await fetch(url);
            answers[url] = reply.ok ? (await reply.arrayBuffer()).byteLength : `status ${reply.status}`;
          } catch (error) {
            answers[url] = `failed: ${(error as Error).name}`;
          }
        }
        return answers;
      },
      [pdfWorker!, './pdfjs/cmaps/UniGB-UCS2-H.bcmap', './pdfjs/standard_fonts/FoxitSerif.pfb', './api/health'],
    );
    expect(served[pdfWorker!]).toBeGreaterThan(100_000);
    expect(served['./pdfjs/cmaps/UniGB-UCS2-H.bcmap']).toBeGreaterThan(0);
    expect(served['./pdfjs/standard_fonts/FoxitSerif.pfb']).toBeGreaterThan(0);
    // The API never goes through the worker's cache: offline it fails as without one.
    expect(served['./api/health']).toBe('failed: TypeError');
  } finally {
    await context.setOffline(false);
  }
});

test('the signed-in meeting page fits a tablet held either way: header shown, no sideways scrolling', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await signIn(page, 'daibieu2');
  await openDemoMeeting(page);
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 768, height: 1024 },
  ]) {
    await page.setViewportSize(viewport);
    await expect(page.getByTestId('home-link')).toBeInViewport();
    await expect(page.getByTestId('meeting-view')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
  }
});

/** The build the e2e server serves (global-setup.ts), files looked up per request. */
const builtWorker = fileURLToPath(new URL('../../.build/renderer/sw.js', import.meta.url));

/**
 * A next build, as the browser's update check finds it: the same sw.js with one more line.
 * Playwright's routes do not see a service worker's script fetch, so the served file itself
 * changes, for this test only (one worker runs the specs one at a time) and is put back after.
 */
async function withNextBuild(act: () => Promise<void>): Promise<void> {
  const current = readFileSync(builtWorker, 'utf8');
  writeFileSync(builtWorker, `${current}\n// next build\n`);
  try {
    await act();
  } finally {
    writeFileSync(builtWorker, current);
  }
}

async function findUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

test('a new version waits while a vote is open, is offered once it ends, and Reload loads it', async ({ browser }) => {
  test.setTimeout(90_000);
  const chair = await personPage(browser, 'chutoa');
  await openDemoMeeting(chair);
  const question = uniqueTitle('PWA update held');
  await createVote(chair, { question });

  const delegate = await newPersonPage(browser);
  await controlledPage(delegate);
  await signIn(delegate, 'daibieu3');
  await openDemoMeeting(delegate);
  // The next build stays served to the end: put back earlier, the browser's own update check
  // would find the old one as yet another version.
  await withNextBuild(async () => {
    await runVote(chair, question, 'open');
    try {
      await expect(delegate.getByTestId('ballot-panel')).toBeVisible();
      await findUpdate(delegate);
      await expect
        .poll(() => delegate.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state), {
          timeout: INSTALL_MS,
        })
        .toBe('installed');
      // Held: nothing offered while the delegate can vote.
      await expect(delegate.getByTestId('update-prompt')).toHaveCount(0);
    } finally {
      await runVote(chair, question, 'cancel');
    }

    const prompt = delegate.getByTestId('update-prompt');
    await expect(prompt).toBeVisible();
    await expect(prompt).toHaveAttribute('role', 'status');
    for (const button of [prompt.getByTestId('update-prompt-reload'), prompt.getByTestId('update-prompt-dismiss')]) {
      const box = await button.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    await markWindow(delegate);
    // The new worker takes over and the page loads again, from it.
    const reloaded = delegate.waitForEvent('load');
    await prompt.getByTestId('update-prompt-reload').click();
    await reloaded;
    expect(await delegate.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBeUndefined();
    await expect(delegate.getByTestId('meeting-list').or(delegate.getByTestId('meeting-view'))).toBeVisible();
    expect(
      await delegate.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return { waiting: registration?.waiting ?? null, controlled: navigator.serviceWorker.controller !== null };
      }),
    ).toEqual({ waiting: null, controlled: true });
    await expect(voteRow(chair, question)).toHaveAttribute('data-status', 'cancelled');
  });
});
