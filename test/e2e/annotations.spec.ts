import { readFileSync } from 'node:fs';
import { type Locator, type Page } from '@playwright/test';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { expect, newPersonPage, openDemoMeeting, personPage, signIn, test, uniqueTitle } from './fixtures.js';
import { smallControls } from './touch-helpers.js';
import {
  afterDocumentTest,
  documentRow,
  expectPageDrawn,
  meetingIdOf,
  openReader,
  uploadViaApi,
} from './document-helpers.js';

test.afterEach(afterDocumentTest);

const NOTE = 'Đề nghị làm rõ điều 5 — Biểu quyết';

/** The annotation editors pdf.js shows on a page, by kind. */
function editors(reader: Locator, kind: 'highlightEditor' | 'inkEditor' | 'freeTextEditor'): Locator {
  return reader.locator(`.page[data-page-number="1"] .annotationEditorLayer .${kind}`);
}

async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

async function openPaper(page: Page, title: string): Promise<Locator> {
  if (!(await page.getByTestId('meeting-view').isVisible())) await openDemoMeeting(page);
  await expect(documentRow(page, title)).toBeVisible();
  const reader = await openReader(page, title);
  await expectPageDrawn(reader, 1, 'Nghị quyết');
  return reader;
}

type Box = { x: number; y: number; width: number };
/** A point on a page: a share of its width across, points down from its top edge (still on screen). */
const on = (page: Box, across: number, down: number) => ({ x: page.x + page.width * across, y: page.y + down });

/** A new paper in the demo meeting, opened in the reader of a page already in that meeting. */
async function newPaper(page: Page, prefix: string): Promise<{ title: string; reader: Locator }> {
  const title = uniqueTitle(prefix);
  await uploadViaApi(await meetingIdOf(page), title, await makePdf({ pages: [...VIETNAMESE_PAGES] }));
  return { title, reader: await openPaper(page, title) };
}

/** A drag of the mouse from one point of the page to another, in steps (a hand, not a jump). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** The Note tool, a tap where the note goes, the Vietnamese text typed, Escape to end it, back to reading. */
async function writeNote(page: Page, reader: Locator, down: number): Promise<void> {
  await page.getByTestId('annotation-tool-note').click();
  const page1 = (await reader.locator('.page[data-page-number="1"]').boundingBox())!;
  const { x, y } = on(page1, 0.3, down);
  await page.mouse.click(x, y);
  await expect(reader.locator('.freeTextEditor .internal[contenteditable="true"]')).toBeFocused();
  await page.keyboard.type(NOTE);
  await page.keyboard.press('Escape');
  await page.getByTestId('annotation-tool-read').click();
}

/** Once the server has every annotation shown in the list, none waits to be sent. */
async function expectAllSent(page: Page): Promise<void> {
  if ((await page.getByTestId('notes-panel').count()) === 0) await page.getByTestId('annotation-notes-toggle').click();
  await expect(page.getByTestId('notes-pending')).toHaveCount(0, { timeout: 10_000 });
}

async function expectThree(reader: Locator): Promise<void> {
  await expect(editors(reader, 'highlightEditor')).toHaveCount(1, { timeout: 15_000 });
  await expect(editors(reader, 'inkEditor')).toHaveCount(1);
  await expect(editors(reader, 'freeTextEditor')).toHaveCount(1);
  await expect(editors(reader, 'freeTextEditor')).toContainText(NOTE);
}

test('a delegate highlights, draws and writes a note; they come back after a reload and on their other device, not for another delegate', async ({
  browser,
}) => {
  // Three people's browsers, each signing in and opening the paper.
  test.setTimeout(120_000);
  const delegate = await newPersonPage(browser);
  const violations = await watchCsp(delegate);
  await signIn(delegate, 'daibieu1');
  await openDemoMeeting(delegate);
  const { title, reader } = await newPaper(delegate, 'Tờ trình ghi chú');

  // Highlight: the tool on, the words selected with the mouse.
  await delegate.getByTestId('annotation-tool-highlight').click();
  const words = reader.locator('.page[data-page-number="1"] .textLayer span').filter({ hasText: 'Nghị quyết' }).first();
  const box = (await words.boundingBox())!;
  await drag(
    delegate,
    { x: box.x + 2, y: box.y + box.height / 2 },
    { x: box.x + box.width * 0.6, y: box.y + box.height / 2 },
  );
  await expect(editors(reader, 'highlightEditor')).toHaveCount(1);

  // Ink: a stroke with the mouse in the empty part of the page under the title (on screen: the page is taller).
  await delegate.getByTestId('annotation-tool-ink').click();
  await expect(reader.getByTestId('reader-viewport')).toHaveAttribute('data-tool', 'ink');
  const page1 = (await reader.locator('.page[data-page-number="1"]').boundingBox())!;
  await drag(delegate, on(page1, 0.3, 250), on(page1, 0.6, 300));

  // A note: a tap where it goes, then the Vietnamese text; Escape ends the typing.
  await writeNote(delegate, reader, 400);
  await expectThree(reader);
  await expect(reader).toBeVisible();

  // The list says all three, and once the server has them, none waits to be sent.
  await delegate.getByTestId('annotation-notes-toggle').click();
  const items = delegate.getByTestId('notes-item');
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: NOTE })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Nghị quyết' })).toHaveCount(1);
  await expect(delegate.getByTestId('notes-pending')).toHaveCount(0, { timeout: 10_000 });

  // A reload empties the tab's memory: they come back from the server.
  await delegate.reload();
  await expect(delegate.getByTestId('meeting-list').or(delegate.getByTestId('meeting-view'))).toBeVisible();
  await expectThree(await openPaper(delegate, title));

  // The same delegate on a second device.
  const tablet = await personPage(browser, 'daibieu1');
  await expectThree(await openPaper(tablet, title));

  // Another delegate sees the paper, not the notes.
  const other = await personPage(browser, 'daibieu2');
  const theirs = await openPaper(other, title);
  await expect(theirs.locator('.annotationEditorLayer .freeTextEditor, .annotationEditorLayer .inkEditor')).toHaveCount(
    0,
  );
  await expect(theirs.locator('.annotationEditorLayer .highlightEditor')).toHaveCount(0);
  await expect(theirs.getByTestId('shared-marks')).toHaveCount(0);
  await other.getByTestId('annotation-notes-toggle').click();
  await expect(other.getByTestId('notes-item')).toHaveCount(0);

  expect(await violations()).toEqual([]);
});

/** One finger from one point to another through the browser's own touch input (not synthetic DOM events). */
async function fingerStroke(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  // Quick, as a swipe is: a few moves well within the time a page-turning swipe may take.
  for (let i = 1; i <= 4; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(i / 4) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('on a tablet a finger draws with the pen: the page neither turns nor scrolls, and the tools are finger-sized', async ({
  browser,
}) => {
  const tablet = await personPage(browser, 'daibieu3', { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await openDemoMeeting(tablet);
  const { reader } = await newPaper(tablet, 'Bút trên máy tính bảng');

  await tablet.getByTestId('annotation-tool-ink').tap();
  await tablet.getByTestId('annotation-color-blue').tap();
  await expect(tablet.getByTestId('annotation-color-blue')).toHaveAttribute('aria-pressed', 'true');
  expect(await smallControls(tablet)).toEqual([]);

  const viewport = reader.getByTestId('reader-viewport');
  const scrolled = () => viewport.evaluate((v) => v.scrollTop);
  const before = await scrolled();
  const page1 = (await reader.locator('.page[data-page-number="1"]').boundingBox())!;
  // A quick sideways stroke is what turns a page when reading.
  await fingerStroke(tablet, on(page1, 0.7, 260), on(page1, 0.2, 320));
  await tablet.getByTestId('annotation-tool-read').tap();
  await expect(editors(reader, 'inkEditor')).toHaveCount(1);
  await expect(reader).toHaveAttribute('data-page', '1');
  expect(await scrolled()).toBe(before);
});

test('a shared note appears for another delegate with its author’s name, out of their reach, and goes when withdrawn', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const author = await personPage(browser, 'daibieu1');
  await openDemoMeeting(author);
  const { title, reader } = await newPaper(author, 'Ghi chú chia sẻ');
  await writeNote(author, reader, 300);
  await expectAllSent(author);

  const other = await personPage(browser, 'daibieu2');
  const theirs = await openPaper(other, title);
  await expect(theirs.getByTestId('shared-marks')).toHaveCount(0);

  await author.getByTestId('notes-share').click();
  await expect(author.getByTestId('notes-share')).toHaveAttribute('aria-pressed', 'true');
  // Drawn by us over their page, with the author's name; not one of their pdf.js editors.
  const shared = theirs.locator('.page[data-page-number="1"]').getByTestId('shared-marks');
  await expect(shared).toContainText(NOTE, { timeout: 10_000 });
  await expect(shared).toContainText('Lê Hoàng Nam');
  await expect(theirs.locator('.annotationEditorLayer .freeTextEditor')).toHaveCount(0);
  await other.getByTestId('annotation-notes-toggle').click();
  await expect(other.getByTestId('notes-item')).toContainText('Lê Hoàng Nam');
  await expect(other.getByTestId('notes-share')).toHaveCount(0);

  await author.getByTestId('notes-share').click();
  await expect(shared).toHaveCount(0, { timeout: 10_000 });
  await expect(other.getByTestId('notes-item')).toHaveCount(0);
});

test('a note is found by search without its marks, and deleted from the list on every device of its author', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const first = await personPage(browser, 'daibieu1');
  await openDemoMeeting(first);
  const { title, reader } = await newPaper(first, 'Ghi chú xóa');
  await writeNote(first, reader, 300);
  await expectAllSent(first);
  const second = await personPage(browser, 'daibieu1');
  const there = await openPaper(second, title);
  await expect(there.locator('.annotationEditorLayer .freeTextEditor')).toHaveCount(1, { timeout: 15_000 });

  // The meeting's search finds the note typed without marks, as the user's own.
  const searcher = await personPage(browser, 'daibieu1');
  await openDemoMeeting(searcher);
  await searcher.getByTestId('documents-search-input').fill('de nghi lam ro dieu 5');
  await searcher.getByTestId('documents-search-submit').click();
  await expect(searcher.getByTestId('documents-search-note')).toContainText('Lê Hoàng Nam');

  await first.getByTestId('notes-delete').click();
  await first.getByTestId('notes-panel').getByTestId('confirm-dialog-confirm').click();
  await expect(first.getByTestId('notes-item')).toHaveCount(0);
  await expect(reader.locator('.annotationEditorLayer .freeTextEditor')).toHaveCount(0);
  await expect(there.locator('.annotationEditorLayer .freeTextEditor')).toHaveCount(0, { timeout: 10_000 });
});

test('notes stay with their version: a new version says where they are, carries one over, and exports the paper with them', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const meetingId = await meetingIdOf(delegate);
  const title = uniqueTitle('Dự thảo có ghi chú');
  const bytes = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  const first = await uploadViaApi(meetingId, title, bytes);
  let reader = await openPaper(delegate, title);
  await writeNote(delegate, reader, 300);
  await expectAllSent(delegate);
  await delegate.getByTestId('reader-close').click();

  await uploadViaApi(meetingId, title, bytes, first.id);
  await expect(documentRow(delegate, title).getByTestId('document-version')).toHaveText('v2');
  reader = await openPaper(delegate, title);
  await expect(reader).toHaveAttribute('data-version', '2');
  await expect(editors(reader, 'freeTextEditor')).toHaveCount(0);
  await expect(delegate.getByTestId('annotation-elsewhere')).toContainText('1 ghi chú thuộc phiên bản 1');

  // The older version, with the note on it.
  await delegate.getByTestId('annotation-elsewhere-open').click();
  await expect(reader).toHaveAttribute('data-version', '1');
  await expect(editors(reader, 'freeTextEditor')).toContainText(NOTE, { timeout: 15_000 });

  // Side by side: version 1 and version 2, each with its notes drawn over it.
  await delegate.getByTestId('annotation-compare').click();
  const panes = delegate.getByTestId('compare-pane');
  await expect(panes).toHaveCount(2);
  await expect(panes.nth(0)).toHaveAttribute('data-version', '1');
  await expect(panes.nth(1)).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(panes.nth(0).getByTestId('shared-marks')).toContainText(NOTE, { timeout: 15_000 });
  await expect(panes.nth(1).getByTestId('shared-marks')).toHaveCount(0);
  await delegate.getByTestId('compare-close').click();

  // Back on the current version, carried over from the list: it is drawn there too.
  await delegate.getByTestId('reader-version-select').selectOption('2');
  await expect(reader).toHaveAttribute('data-version', '2');
  await expectAllSent(delegate);
  await delegate.getByTestId('notes-carry').click();
  await expect(editors(reader, 'freeTextEditor')).toContainText(NOTE, { timeout: 15_000 });
  await expect(delegate.getByTestId('notes-item')).toHaveCount(1);
  await expect(delegate.getByTestId('notes-carry')).toHaveCount(0);
  await expect(delegate.getByTestId('annotation-elsewhere')).toHaveCount(0);
  await expectAllSent(delegate);

  await delegate.getByTestId('annotation-export-open').click();
  await delegate.getByTestId('annotation-export-shared').check();
  const [download] = await Promise.all([
    delegate.waitForEvent('download'),
    reader.getByTestId('confirm-dialog-confirm').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // A paper nobody signed stays as it was, with the notes appended: nothing to warn about.
  await expect(delegate.getByTestId('annotation-unsigned-copy')).toHaveCount(0);
});

test('offline, a new note says it is not sent yet, and stops saying so once the tablet is back online', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const { reader } = await newPaper(delegate, 'Ghi chú ngoại tuyến');

  await delegate.context().setOffline(true);
  await expect(delegate.getByTestId('connection-badge')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await writeNote(delegate, reader, 300);
  await delegate.getByTestId('annotation-notes-toggle').click();
  const item = delegate.getByTestId('notes-item');
  await expect(item).toContainText(NOTE, { timeout: 5_000 });
  await expect(item.getByTestId('notes-pending')).toHaveText('chưa gửi');

  await delegate.context().setOffline(false);
  await expect(delegate.getByTestId('connection-badge')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  await expect(item.getByTestId('notes-pending')).toHaveCount(0, { timeout: 10_000 });
});
