import { type Page } from '@playwright/test';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import { documentRow, meetingIdOf, openReader, pdfFile, uploadViaApi, afterDocumentTest } from './document-helpers.js';
import { smallControls } from './touch-helpers.js';

test.afterEach(afterDocumentTest);

/** A paper in its second version, so the reader offers its version list too. */
async function twoVersionPaper(page: Page): Promise<string> {
  const title = uniqueTitle('Cỡ nút tài liệu');
  const meetingId = await meetingIdOf(page);
  const bytes = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  const first = await uploadViaApi(meetingId, title, bytes);
  await uploadViaApi(meetingId, title, bytes, first.id);
  await expect(documentRow(page, title).getByTestId('document-version')).toHaveText('v2');
  return title;
}

/** Nothing in the reader's toolbar is pushed off the screen: it wraps instead. */
async function expectToolbarFits(page: Page): Promise<void> {
  const overflow = await page
    .getByTestId('reader')
    .locator('.reader__toolbar')
    .evaluate((bar) => bar.scrollWidth - bar.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the documents panel, upload form, edit form and reader controls are at least 44×44 px on a tablet', async ({
  browser,
}) => {
  const secretary = await personPage(browser, 'thuky', { viewport: { width: 1024, height: 768 }, hasTouch: true });
  await openDemoMeeting(secretary);
  const title = await twoVersionPaper(secretary);
  await expect(documentRow(secretary, title).getByTestId('document-updated')).toBeVisible();

  await secretary
    .getByTestId('upload-file')
    .setInputFiles(pdfFile('cỡ nút.pdf', await makePdf({ pages: ['Một trang'] })));
  await secretary.getByTestId('upload-visible-restrict').check();
  await expect(secretary.getByTestId('upload-visible-role-chair')).toBeChecked();
  await documentRow(secretary, title).getByTestId('document-edit').click();
  await expect(secretary.getByTestId('document-edit-form')).toBeVisible();
  expect(await smallControls(secretary)).toEqual([]);
  await secretary.getByTestId('upload-cancel').click();
  await secretary.getByTestId('document-edit-cancel').click();

  await openReader(secretary, title);
  await expect(secretary.getByTestId('reader-version-select')).toBeVisible();
  await expect(secretary.getByTestId('reader-thumbnail').first()).toHaveAttribute('data-drawn', 'true');
  await secretary.getByTestId('reader-find-toggle').click();
  await expect(secretary.getByTestId('reader-find-input')).toBeFocused();
  expect(await smallControls(secretary)).toEqual([]);
  await expectToolbarFits(secretary);
  // Opened, the paper is no longer "updated" on this device.
  await secretary.getByTestId('reader-close').click();
  await expect(documentRow(secretary, title).getByTestId('document-updated')).toHaveCount(0);
});

test('on a phone the reader’s tools keep to one row, the rest behind “⋯”, and swipes turn pages', async ({
  browser,
}) => {
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const delegate = await personPage(browser, 'daibieu2', phone);
  await openDemoMeeting(delegate);
  const title = uniqueTitle('Đọc trên điện thoại');
  await uploadViaApi(await meetingIdOf(delegate), title, await makePdf({ pages: [...VIETNAMESE_PAGES] }));
  await expect(documentRow(delegate, title)).toBeVisible();
  expect(await smallControls(delegate)).toEqual([]);

  const reader = await openReader(delegate, title);
  // Thumbnails start hidden on a narrow screen: the page gets the width.
  await expect(delegate.getByTestId('reader-thumbnails')).toHaveCount(0);
  expect(await smallControls(delegate)).toEqual([]);
  await expectToolbarFits(delegate);
  // One row of tools (close, page, find, the annotation switch, "⋯"): the page keeps the screen.
  expect((await reader.locator('.reader__toolbar').boundingBox())!.height).toBeLessThanOrEqual(60);
  await expect(delegate.getByTestId('annotation-toolbar')).toHaveCount(0);
  await delegate.getByTestId('reader-more-button').click();
  // The row has no room for the paper's name: the menu says which paper is open.
  await expect(delegate.getByTestId('reader-more-title')).toHaveText(title);
  await expect(delegate.getByTestId('reader-thumbs-toggle')).toBeVisible();
  await expect(delegate.getByTestId('annotation-export-open')).toBeVisible();
  expect(await smallControls(delegate)).toEqual([]);
  await delegate.getByTestId('reader-more-button').click();
  await expect(delegate.getByTestId('reader-thumbs-toggle')).toBeHidden();
  await delegate.getByTestId('reader-annotate-toggle').click();
  await expect(delegate.getByTestId('annotation-toolbar')).toBeVisible();
  expect(await smallControls(delegate)).toEqual([]);
  await delegate.getByTestId('reader-annotate-toggle').click();
  await expect(delegate.getByTestId('annotation-toolbar')).toHaveCount(0);

  // A swipe to the left is the next page, to the right the previous one.
  const swipe = async (from: number, to: number) => {
    const viewport = delegate.getByTestId('reader-viewport');
    await viewport.dispatchEvent('touchstart', { touches: [{ identifier: 1, clientX: from, clientY: 400 }] });
    await viewport.dispatchEvent('touchend', {
      changedTouches: [{ identifier: 1, clientX: to, clientY: 405 }],
      touches: [],
    });
  };
  await swipe(300, 100);
  await expect(reader).toHaveAttribute('data-page', '2');
  await swipe(100, 300);
  await expect(reader).toHaveAttribute('data-page', '1');
  await delegate.getByTestId('reader-viewport').press('End');
  await expect(reader).toHaveAttribute('data-page', String(VIETNAMESE_PAGES.length));
});
