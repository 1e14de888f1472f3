import type { Page } from '@playwright/test';
import { makePaperPdf, paperById } from '../fixtures/assistant/eval-set.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import { afterDocumentTest, documentRow, expectPageDrawn, meetingIdOf, uploadViaApi } from './document-helpers.js';
import { smallControls } from './touch-helpers.js';

test.afterEach(afterDocumentTest);

/**
 * The evaluation's budget report on a top-level item of the demo agenda, and its plan on a
 * sub-item: the brief sums up each with its own sentences, and a sentence opens the reader
 * at its page.
 */
async function uploadPapers(page: Page): Promise<{ budget: string; plan: string; item: string; sub: string }> {
  const meetingId = await meetingIdOf(page);
  const items = page.getByTestId('agenda-item');
  await expect(items.first()).toBeVisible();
  const item = (await items.locator('xpath=self::*[@data-depth="0"]').nth(1).getAttribute('data-item-id'))!;
  const sub = (await items.locator('xpath=self::*[@data-depth="1"]').first().getAttribute('data-item-id'))!;
  const budgetPaper = paperById('bao-cao-ngan-sach-2026');
  const planPaper = paperById('ke-hoach-ky-hop-cuoi-nam-2026');
  const budgetTitle = uniqueTitle('Báo cáo ngân sách');
  const planTitle = uniqueTitle('Kế hoạch kỳ họp');
  const budget = await uploadViaApi(meetingId, budgetTitle, await makePaperPdf(budgetPaper), undefined, item);
  const plan = await uploadViaApi(meetingId, planTitle, await makePaperPdf(planPaper), undefined, sub);
  await expect(documentRow(page, budgetTitle)).toBeVisible();
  await expect(documentRow(page, planTitle)).toBeVisible();
  return { budget: budget.id, plan: plan.id, item, sub };
}

const paperIn = (page: Page, documentId: string) =>
  page.getByTestId('brief').locator(`[data-testid="brief-paper"][data-document-id="${documentId}"]`);

test('the brief sums up each agenda item with its papers, and a sentence opens the reader at its page', async ({
  browser,
}) => {
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const ids = await uploadPapers(delegate);

  await delegate.getByTestId('brief-open').click();
  const brief = delegate.getByTestId('brief');
  await expect(brief.getByTestId('brief-label')).toContainText('Trích tự động từ tài liệu');
  await expect(brief.getByTestId('brief-label')).toContainText('không do ai viết');
  const budget = paperIn(delegate, ids.budget);
  await expect(budget).toBeVisible({ timeout: 20_000 });
  await expect(brief).toHaveAttribute('data-status', 'done');
  await expect(brief.getByTestId('brief-time')).toContainText('Tóm tắt lúc');

  // Each paper on its own item, the sub-item's indented under its parent.
  const itemSection = brief.locator(`[data-testid="brief-section"][data-item-id="${ids.item}"]`);
  const subSection = brief.locator(`[data-testid="brief-section"][data-item-id="${ids.sub}"]`);
  await expect(itemSection.locator(`[data-document-id="${ids.budget}"]`).first()).toBeVisible();
  await expect(subSection.locator(`[data-document-id="${ids.plan}"]`).first()).toBeVisible();
  await expect(subSection).toHaveAttribute('data-depth', '1');
  const left = async (section: typeof itemSection) => (await section.boundingBox())!.x;
  expect(await left(subSection)).toBeGreaterThan(await left(itemSection));

  // Real sentences, amounts and dates of the budget report.
  const sentences = budget.getByTestId('brief-sentence');
  expect(await sentences.count()).toBeGreaterThanOrEqual(3);
  const paperText = paperById('bao-cao-ngan-sach-2026').pages.flat().join(' ').replace(/\s+/gu, ' ');
  for (const text of await budget.getByTestId('brief-sentence-text').allTextContents())
    expect(paperText).toContain(text.slice(0, 40));
  await expect(budget.getByTestId('brief-figures')).toContainText('45.312,8 tỷ đồng');
  await expect(budget.locator('[data-testid="brief-figure"][data-deadline="true"]').first()).toContainText('Hạn chót');
  await expect(budget.getByTestId('brief-never-opened')).toHaveText('Bạn chưa mở tài liệu này.');
  await expect(paperIn(delegate, ids.plan).getByTestId('brief-sentence').first()).toBeVisible();

  // A sentence past the first page opens the reader there, over the brief.
  const later = budget.locator('[data-testid="brief-sentence"]:not([data-page="1"])').first();
  const pageNumber = Number(await later.getAttribute('data-page'));
  const words = (await later.getByTestId('brief-sentence-text').textContent())!.split(' ').slice(0, 3).join(' ');
  await later.click();
  const reader = delegate.getByTestId('reader');
  await expect(reader).toHaveAttribute('data-document-id', ids.budget);
  await expect(reader).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(reader).toHaveAttribute('data-page', String(pageNumber));
  await expectPageDrawn(reader, pageNumber, words);
  await delegate.getByTestId('reader-close').click();

  // Opened now: the brief, asked again, says so.
  await brief.getByTestId('brief-refresh').click();
  await expect(budget.getByTestId('brief-opened-current')).toBeVisible({ timeout: 15_000 });

  // Offline: the kept brief still shows, with its time.
  await delegate.context().setOffline(true);
  await brief.getByTestId('brief-refresh').click();
  await expect(brief.getByTestId('brief-offline')).toContainText('Ngoại tuyến: đang xem bản tóm tắt lưu trên máy lúc');
  await expect(budget.getByTestId('brief-sentence').first()).toBeVisible();
  await delegate.context().setOffline(false);
  await brief.getByTestId('brief-close').click();
  await expect(brief).toHaveCount(0);
});

test('on a phone (390×844) the brief reads without sideways scrolling, with big enough controls', async ({
  browser,
}) => {
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const delegate = await personPage(browser, 'daibieu2', phone);
  await openDemoMeeting(delegate);
  const ids = await uploadPapers(delegate);

  await delegate.getByTestId('meeting-jump-documents').click();
  await delegate.getByTestId('brief-open').click();
  const budget = paperIn(delegate, ids.budget);
  await expect(budget.getByTestId('brief-sentence').first()).toBeVisible({ timeout: 20_000 });
  await budget.scrollIntoViewIfNeeded();
  for (const el of [delegate.getByTestId('brief'), budget, budget.getByTestId('brief-sentence').first()]) {
    const b = (await el.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(390);
  }
  const overflow = await delegate
    .getByTestId('brief')
    .locator('.brief__body')
    .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await delegate.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await smallControls(delegate)).toEqual([]);
  await delegate.getByTestId('brief-close').click();
});
