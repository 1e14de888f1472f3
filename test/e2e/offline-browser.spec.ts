import type { Page } from '@playwright/test';
import { idbRecords } from './browser-storage.js';
import {
  afterDocumentTest,
  asSecretary,
  asUser,
  documentRow,
  expectPageDrawn,
  loginOf,
  openReader,
} from './document-helpers.js';
import { must, readyRoom } from './room-setup.js';
import { expect, newPersonPage, signIn, test, uniqueTitle } from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';
import { castBallot } from './vote-helpers.js';

/**
 * A tablet's browser as a first-class delegate device (issue 15): the meeting and its papers
 * kept in IndexedDB, the app shell in the service worker's cache, so a reload with no network
 * still shows the agenda and the paper, and a note and a ballot made offline survive a reload
 * and arrive once when the network is back.
 */
test.use({ serviceWorkers: 'allow' });
test.afterEach(afterDocumentTest);

const NOTE = 'Ghi chú ngoại tuyến — đề nghị làm rõ điều 2';

/** Loads the app and waits until its service worker is active: the shell is precached then. */
async function withServiceWorker(page: Page): Promise<void> {
  await page.goto('/');
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? 'none'), {
      timeout: 30_000,
    })
    .toBe('activated');
}

/** A note on page 1 of the open reader: the Note tool, a tap, the text, Escape, back to reading. */
async function writeNote(page: Page, reader: ReturnType<Page['locator']>): Promise<void> {
  await page.getByTestId('annotation-tool-note').click();
  const page1 = (await reader.locator('.page[data-page-number="1"]').boundingBox())!;
  await page.mouse.click(page1.x + page1.width * 0.3, page1.y + 300);
  await expect(reader.locator('.freeTextEditor .internal[contenteditable="true"]')).toBeFocused();
  await page.keyboard.type(NOTE);
  await page.keyboard.press('Escape');
  await page.getByTestId('annotation-tool-read').click();
}

/** The delegate's own annotations the server holds for the meeting (HTTP, their own token). */
async function serverNotes(meetingId: string): Promise<Array<{ text: string }>> {
  const { token, user } = await loginOf('daibieu1');
  const reply = await fetch(`${E2E_BASE_URL}/api/meetings/${meetingId}/annotations`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(reply.status).toBe(200);
  const body = (await reply.json()) as { annotations: Array<{ text: string; author: { id: string } }> };
  return body.annotations.filter((a) => a.author.id === user.id);
}

test('offline in the browser: a reload shows the agenda and the cached paper; a note and a ballot made offline survive a reload and arrive once; a recall empties the browser’s copies', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const title = uniqueTitle('Phiên họp trên máy tính bảng');
  const itemTitle = uniqueTitle('Thông qua dự toán ngân sách');
  const paper = uniqueTitle('Tờ trình dự toán');
  const { meetingId, voteId, delegateId } = await readyRoom({
    title,
    itemTitle,
    paper,
    question: uniqueTitle('Thông qua dự toán?'),
    kind: 'named',
  });

  // A tablet at 1024×768: the app installs its worker, the delegate signs in, the meeting and
  // its papers reach the browser's storage (100%).
  const delegate = await newPersonPage(browser, { viewport: { width: 1024, height: 768 }, hasTouch: true });
  // Counts the app's requests for persistent storage (the browser's answer is its own affair).
  await delegate.addInitScript(() => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    const seen = window as unknown as { __persistAsked: number };
    seen.__persistAsked = 0;
    storage.persist = () => {
      seen.__persistAsked += 1;
      return persist();
    };
  });
  await withServiceWorker(delegate);
  await signIn(delegate, 'daibieu1');
  await delegate.goto(`/#/meetings/${meetingId}`);
  await expect(documentRow(delegate, paper)).toBeVisible();
  const progress = delegate.getByTestId('documents-progress');
  await expect(progress).toHaveAttribute('data-total', '1');
  await expect(progress).toHaveAttribute('data-cached', '1', { timeout: 30_000 });
  await expect(delegate.getByTestId('device-storage')).toBeVisible();
  const copies = await idbRecords(delegate, 'cabinet-documents', 'copies');
  expect(copies).toHaveLength(1);
  const sha = copies[0]!.key as string;
  // The browser was asked to keep it (headless Chromium answers no; a person's browser decides),
  // and the panel says which.
  expect(await delegate.evaluate(() => (window as unknown as { __persistAsked: number }).__persistAsked)).toBe(1);
  await expect(delegate.getByTestId('device-storage')).toHaveAttribute(
    'data-persisted',
    String(await delegate.evaluate(() => navigator.storage.persisted())),
  );

  await asUser('chutoa', (socket) => must(socket, 'vote:open', { meetingId, voteId }));
  await expect(delegate.getByTestId('ballot-panel')).toBeVisible();

  // No network, then a reload: the shell from the worker, the agenda and the paper from IndexedDB.
  await delegate.context().setOffline(true);
  await delegate.reload();
  await expect(delegate.getByTestId('meeting-view')).toBeVisible();
  await expect(delegate.getByTestId('connection-badge')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(delegate.getByTestId('agenda-item-title').filter({ hasText: itemTitle })).toBeVisible();
  // Without the network, the app fits the tablet held either way.
  for (const viewport of [
    { width: 768, height: 1024 },
    { width: 1024, height: 768 },
  ]) {
    await delegate.setViewportSize(viewport);
    await expect(delegate.getByTestId('meeting-view')).toBeVisible();
    const overflow = await delegate.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(0);
  }
  // The vote opened before the network went: its ballot is offered again, from the store,
  // and cast offline.
  await expect(delegate.getByTestId('ballot-panel')).toBeVisible();
  await castBallot(delegate, 'yes');
  await expect(delegate.getByTestId('ballot-queued')).toBeVisible();
  await delegate.getByTestId('ballot-close').click();
  await expect(delegate.getByTestId('ballot-panel')).toHaveCount(0);

  // The paper opens from the browser's copy, and takes a note.
  const reader = await openReader(delegate, paper);
  await expectPageDrawn(reader, 1, 'Nghị quyết');
  await writeNote(delegate, reader);
  await delegate.getByTestId('annotation-notes-toggle').click();
  const item = delegate.getByTestId('notes-item');
  await expect(item).toContainText(NOTE);
  await expect(item.getByTestId('notes-pending')).toBeVisible();

  // Still offline, the tab is reloaded (the battery, a mistaken swipe): both are still waiting.
  await delegate.goto(`/#/meetings/${meetingId}`);
  await delegate.reload();
  await expect(delegate.getByTestId('meeting-view')).toBeVisible();
  const waiting = await idbRecords(delegate, 'cabinet-client', 'outbox');
  // The ballot, the note, and the reader's bookkeeping that the paper was opened.
  expect(waiting.map((r) => (r.value as { entry: { name: string } }).entry.name).sort()).toEqual([
    'annotation:save',
    'document:opened',
    'vote:cast',
  ]);
  expect(await serverNotes(meetingId)).toEqual([]);

  // Back online: each arrives, once.
  await delegate.context().setOffline(false);
  await expect(delegate.getByTestId('connection-badge')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect
    .poll(async () => (await idbRecords(delegate, 'cabinet-client', 'outbox')).length, { timeout: 20_000 })
    .toBe(0);
  const notes = await serverNotes(meetingId);
  expect(notes.map((n) => n.text)).toEqual([NOTE]);
  let result: { ballots: number; named: Array<{ userId: string; choices: string[] }> | null } | null = null;
  await asUser('chutoa', async (socket) => {
    await must(socket, 'vote:close', { meetingId, voteId });
    await must(socket, 'vote:publish', { meetingId, voteId });
    const answer = (await socket.timeout(5_000).emitWithAck('vote:result', { meetingId, voteId })) as {
      ok: boolean;
      data?: { result: typeof result };
    };
    result = answer.data?.result ?? null;
  });
  expect(result).toMatchObject({ ballots: 1, named: [{ userId: delegateId, choices: ['yes'] }] });

  // The close and the recall: the browser keeps nothing of the paper.
  await asUser('chutoa', (socket) => must(socket, 'meeting:close', { meetingId }));
  await asSecretary((socket) => must(socket, 'documents:recall', { meetingId }));
  await expect(delegate.getByTestId('document-notice')).toHaveAttribute('data-reason', 'recalled', { timeout: 15_000 });
  await expect
    .poll(async () => (await idbRecords(delegate, 'cabinet-documents', 'blocks')).length, { timeout: 10_000 })
    .toBe(0);
  expect(await idbRecords(delegate, 'cabinet-documents', 'copies')).toEqual([]);
  expect(await idbRecords(delegate, 'cabinet-documents', 'chunks')).toEqual([]);
  // The list is written in its own turn, next to the copies' deletion: looked at until it lands.
  await expect
    .poll(async () => JSON.stringify(await idbRecords(delegate, 'cabinet-client', 'documentLists')), {
      timeout: 10_000,
    })
    .not.toContain(paper);
  // Nor does the service worker's cache, nor any other cache of the page, hold it.
  const cached = await delegate.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
    return urls;
  });
  expect(cached.filter((u) => u.includes('/api/'))).toEqual([]);
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
});
