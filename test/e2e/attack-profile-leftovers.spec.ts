import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { idbRecords, storedSession } from './browser-storage.js';
import { afterDocumentTest, asUser, documentRow } from './document-helpers.js';
import { must, readyRoom } from './room-setup.js';
import { demoAccount, expect, headerTool, test } from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';
import { castBallot } from './vote-helpers.js';

/**
 * ATTACK (issue 15): someone who later holds the delegate's tablet, or the next person on a
 * shared browser, reads the browser's profile on disk. After the delegate signed out, nothing of
 * theirs may be found there: not the meeting's or the paper's title, not their token, not the
 * key of their secret ballot (which, beside the server's data, would say how they voted).
 *
 * A persistent profile, so the test reads the very files Chromium writes (IndexedDB, Cache,
 * Service Worker CacheStorage); the markers are ASCII and looked for as Latin-1 and UTF-16LE,
 * the two ways V8 serialises a string into IndexedDB.
 */
test.afterEach(afterDocumentTest);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file of the profile holding one of the markers, and which. */
async function leftovers(profile: string, markers: Record<string, string | Uint8Array>): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(profile)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    for (const [what, marker] of Object.entries(markers)) {
      const forms =
        typeof marker === 'string'
          ? [Buffer.from(marker, 'latin1'), Buffer.from(marker, 'utf16le')]
          : [Buffer.from(marker)];
      if (forms.some((form) => bytes.includes(form))) found.push(`${what} in ${file.slice(profile.length + 1)}`);
    }
  }
  return found;
}

async function signInAt(page: Page, username: string): Promise<void> {
  const account = demoAccount(username);
  await page.goto('/');
  await page.getByTestId('login-username').fill(account.username);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('meeting-list')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveAttribute('data-state', 'online');
}

test('ATTACK: after the delegate signs out, the browser profile on disk holds nothing of theirs (titles, token, secret-ballot key), and no /api response is cached', async () => {
  test.setTimeout(180_000);
  const marker = uuidv7().replaceAll('-', '');
  const title = `ATTACKMEETING${marker}`;
  const itemTitle = `ATTACKITEM${marker}`;
  const paper = `ATTACKPAPER${marker}`;
  const { meetingId, voteId, pdf } = await readyRoom({
    title,
    itemTitle,
    paper,
    question: `ATTACKVOTE${marker}`,
    kind: 'secret',
  });

  const profile = await mkdtemp(join(tmpdir(), 'attack15-profile-'));
  let context: BrowserContext | null = null;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      baseURL: E2E_BASE_URL,
      viewport: { width: 1024, height: 768 },
      serviceWorkers: 'allow',
      args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run'],
    });
    const delegate = context.pages()[0] ?? (await context.newPage());
    await signInAt(delegate, 'daibieu1');
    await delegate.goto(`/#/meetings/${meetingId}`);
    await expect(documentRow(delegate, paper)).toBeVisible();
    await expect(delegate.getByTestId('documents-progress')).toHaveAttribute('data-cached', '1', { timeout: 30_000 });
    const token = ((await storedSession(delegate)) as { token: string }).token;

    // A secret ballot, cast and delivered; its key is held while the vote is open.
    await asUser('chutoa', (socket) => must(socket, 'vote:open', { meetingId, voteId }));
    await expect(delegate.getByTestId('ballot-panel')).toBeVisible();
    await castBallot(delegate, 'no');
    await expect
      .poll(async () => (await idbRecords(delegate, 'cabinet-client', 'outbox')).length, { timeout: 20_000 })
      .toBe(0);
    const [held] = await idbRecords(delegate, 'cabinet-client', 'ballotKeys');
    const ballotKey = (held?.value as { key: string }).key;
    expect(ballotKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The vote ends: the key is forgotten (IndexedDB's view).
    await asUser('chutoa', (socket) => must(socket, 'vote:close', { meetingId, voteId }));
    await expect.poll(async () => (await idbRecords(delegate, 'cabinet-client', 'ballotKeys')).length).toBe(0);

    // The service worker's caches hold the app, never an answer of the API or the socket.
    const cached = await delegate.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.filter((url) => /\/(api|socket\.io)\//.test(url))).toEqual([]);

    // Sign-out.
    await (await headerTool(delegate, 'logout-button')).click();
    await expect(delegate.getByTestId('login-username')).toBeVisible();
    await expect.poll(() => storedSession(delegate)).toBeNull();
    await expect.poll(async () => (await idbRecords(delegate, 'cabinet-documents', 'copies')).length).toBe(0);
    await expect.poll(async () => (await idbRecords(delegate, 'cabinet-client', 'meetings')).length).toBe(0);
    // The app's scrub of what was deleted has run to its end in both databases (a scrub cut
    // short by a closed browser is finished when the app next opens, which this test does not do).
    for (const database of ['cabinet-client', 'cabinet-documents'])
      await expect
        .poll(async () => (await idbRecords(delegate, database, 'meta')).map(({ key }) => key), { timeout: 30_000 })
        .not.toContain('scrubPending');
    await context.close();
    context = null;

    const found = await leftovers(profile, {
      'meeting title': title,
      'agenda item': itemTitle,
      'paper title': paper,
      token,
      'secret-ballot key': ballotKey,
      // 64 bytes from the middle of the paper: its own bytes, wherever Chromium put them.
      'paper bytes': pdf.slice(Math.floor(pdf.byteLength / 2), Math.floor(pdf.byteLength / 2) + 64),
    });
    // The delivered ballot itself: V8 writes `voteId` then `choices` as tagged one-byte strings.
    const ballot = new RegExp(`${voteId}"[\\s\\S]choicesA[\\s\\S]"[\\s\\S](\\w+)`);
    for (const file of await filesUnder(profile)) {
      const choice = ballot.exec((await readFile(file).catch(() => Buffer.alloc(0))).toString('latin1'))?.[1];
      if (choice) found.push(`the secret ballot's choice (${choice}) in ${file.slice(profile.length + 1)}`);
    }
    console.log(`ATTACK leftovers in the profile after sign-out:\n${found.join('\n')}`);
    expect(found).toEqual([]);
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
  }
});
