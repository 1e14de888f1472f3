import type { Page } from '@playwright/test';
import { makePdf } from '../support/pdf-fixtures.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import { afterDocumentTest, documentRow, expectPageDrawn, meetingIdOf, uploadViaApi } from './document-helpers.js';
import { smallControls } from './touch-helpers.js';

test.afterEach(afterDocumentTest);

/** A paper whose answer is on its second page only: the question's words are nowhere on page 1. */
const PAGES = [
  'Tờ trình về việc trang bị thiết bị cho phòng họp không giấy',
  // Two lines: one would run past the page's edge, and what lies off the page is not its text.
  'Kinh phí mua máy tính bảng cho đại biểu\nlà 850 triệu đồng từ ngân sách thành phố',
];
const QUESTION = 'kinh phí máy tính bảng';

async function uploadPaper(page: Page): Promise<{ id: string; title: string }> {
  const title = uniqueTitle('Tờ trình trợ lý');
  const doc = await uploadViaApi(await meetingIdOf(page), title, await makePdf({ pages: PAGES }));
  await expect(documentRow(page, title)).toBeVisible();
  return { id: doc.id, title };
}

async function ask(page: Page, scope: string, question: string): Promise<void> {
  const box = page.getByTestId(scope);
  await box.getByTestId('assistant-input').fill(question);
  await box.getByTestId('assistant-ask').click();
}

/** The passage of this paper that answers, among what else the demo meeting holds. */
function hitOf(page: Page, scope: string, documentId: string) {
  return page.getByTestId(scope).locator(`[data-testid="assistant-hit"][data-document-id="${documentId}"]`);
}

test('a delegate asks the assistant and opens the cited page 2 in the reader, from the meeting page and from the reader', async ({
  browser,
}) => {
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const paper = await uploadPaper(delegate);

  await ask(delegate, 'assistant', QUESTION);
  const hit = hitOf(delegate, 'assistant', paper.id).first();
  await expect(hit).toHaveAttribute('data-page', '2', { timeout: 15_000 });
  await expect(hit).toContainText(paper.title);
  await expect(hit).toContainText('trang 2');
  await expect(hit.getByTestId('assistant-hit-passage')).toContainText('850 triệu đồng');
  // The words asked about are marked in the passage; the answers say they are extracts.
  expect((await hit.locator('mark').allTextContents()).join(' ').toLowerCase()).toContain('kinh');
  await expect(delegate.getByTestId('assistant-extracts-note')).toContainText(
    'Trích từ tài liệu — không phải câu trả lời tự soạn',
  );

  await hit.click();
  const reader = delegate.getByTestId('reader');
  await expect(reader).toHaveAttribute('data-document-id', paper.id);
  await expect(reader).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(reader).toHaveAttribute('data-page', '2');
  await expectPageDrawn(reader, 2, '850 triệu');

  // In the reader: back to page 1, then the assistant's bar brings the page of the answer back.
  await delegate.getByTestId('reader-prev').click();
  await expect(reader).toHaveAttribute('data-page', '1');
  await delegate.getByTestId('reader-assistant-toggle').click();
  await expect(delegate.getByTestId('reader-assistant').getByTestId('assistant-input')).toBeFocused();
  await ask(delegate, 'reader-assistant', QUESTION);
  await hitOf(delegate, 'reader-assistant', paper.id).first().click();
  await expect(reader).toHaveAttribute('data-page', '2');

  // Nothing answers a question about what no paper speaks of.
  await ask(delegate, 'reader-assistant', 'zzqxw');
  await expect(delegate.getByTestId('reader-assistant').getByTestId('assistant-none')).toBeVisible();
  await delegate.getByTestId('assistant-close').click();
  await expect(delegate.getByTestId('reader-assistant')).toHaveCount(0);
  await delegate.getByTestId('reader-close').click();

  // Without the room's server there is no answer, and the box says why.
  await delegate.context().setOffline(true);
  await ask(delegate, 'assistant', QUESTION);
  await expect(delegate.getByTestId('assistant').getByTestId('assistant-offline')).toHaveText(
    'Trợ lý cần kết nối tới máy chủ phòng họp. Hãy hỏi lại khi thiết bị đã kết nối.',
  );
  await delegate.context().setOffline(false);
});

test('on a phone (390×844) the question box and its answers fit the screen, and the reader keeps one row of tools', async ({
  browser,
}) => {
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const delegate = await personPage(browser, 'daibieu2', phone);
  await openDemoMeeting(delegate);
  const paper = await uploadPaper(delegate);

  const box = delegate.getByTestId('assistant');
  await box.scrollIntoViewIfNeeded();
  await ask(delegate, 'assistant', QUESTION);
  const hit = hitOf(delegate, 'assistant', paper.id).first();
  await expect(hit).toHaveAttribute('data-page', '2', { timeout: 15_000 });
  const fits = async () => {
    const bounds = await box.boundingBox();
    expect(bounds!.x).toBeGreaterThanOrEqual(0);
    expect(bounds!.x + bounds!.width).toBeLessThanOrEqual(390);
    for (const control of ['assistant-input', 'assistant-ask']) {
      const b = (await box.getByTestId(control).boundingBox())!;
      expect(b.x + b.width, control).toBeLessThanOrEqual(390);
      expect(b.height, control).toBeGreaterThanOrEqual(44);
    }
    expect(await delegate.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  };
  await fits();
  expect(await smallControls(delegate)).toEqual([]);

  await hit.click();
  const reader = delegate.getByTestId('reader');
  await expect(reader).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(reader).toHaveAttribute('data-page', '2');
  // The assistant's switch is in the "⋯" menu: the row of tools stays one row.
  expect((await reader.locator('.reader__toolbar').boundingBox())!.height).toBeLessThanOrEqual(60);
  await delegate.getByTestId('reader-prev').click();
  await expect(reader).toHaveAttribute('data-page', '1');
  await delegate.getByTestId('reader-more-button').click();
  await delegate.getByTestId('reader-assistant-toggle').click();
  const bar = delegate.getByTestId('reader-assistant');
  await ask(delegate, 'reader-assistant', QUESTION);
  await expect(hitOf(delegate, 'reader-assistant', paper.id).first()).toBeVisible({ timeout: 15_000 });
  const barBox = (await bar.boundingBox())!;
  expect(barBox.x + barBox.width).toBeLessThanOrEqual(390);
  expect(await smallControls(delegate)).toEqual([]);
  await hitOf(delegate, 'reader-assistant', paper.id).first().click();
  await expect(reader).toHaveAttribute('data-page', '2');
  // On a phone the bar gives the page back once a passage is chosen.
  await expect(bar).toHaveCount(0);
});
