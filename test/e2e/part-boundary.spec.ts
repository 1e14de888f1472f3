import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import {
  afterDocumentTest,
  documentRow,
  expectPageDrawn,
  meetingIdOf,
  openReader,
  uploadViaApi,
} from './document-helpers.js';

test.afterEach(afterDocumentTest);

/**
 * A tab left open across an update of the server: the new build has new file names, and the
 * reader's code, fetched only when a paper is first opened, is no longer there. The page says
 * so in place of the reader, the meeting stays usable, and Reload brings the reader back.
 */
test('a part of the app the server no longer has is said in place, and Reload brings it back', async ({ browser }) => {
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const title = uniqueTitle('Tờ trình sau cập nhật');
  const meetingId = await meetingIdOf(delegate);
  await uploadViaApi(meetingId, title, await makePdf({ pages: [...VIETNAMESE_PAGES] }));
  // Removed after the test by afterDocumentTest, as every paper uploadViaApi adds.
  await expect(documentRow(delegate, title)).toBeVisible();

  // Every script this page has not fetched yet is gone from the server, as after an update.
  const loaded = new Set<string>();
  delegate.on('requestfinished', (request) => loaded.add(request.url()));
  const gone = (url: URL) => /\/assets\/.+\.(m?js|css)$/.test(url.pathname) && !loaded.has(url.href);
  await delegate.route(gone, (route) => route.fulfill({ status: 404, body: 'Not Found' }));

  await documentRow(delegate, title).getByTestId('document-open').click();
  const failed = delegate.getByTestId('part-failed-reader');
  await expect(failed).toBeVisible();
  await expect(failed).toHaveAttribute('role', 'alert');
  await expect(failed).toContainText('Không tải được phần này của ứng dụng');
  // The rest of the meeting is as it was: the agenda and the list of papers still answer.
  await expect(delegate.getByTestId('agenda-item').first()).toBeVisible();
  await expect(documentRow(delegate, title)).toBeVisible();
  // Its button is a fingertip's size.
  const reload = delegate.getByTestId('part-failed-reader-reload');
  const box = await reload.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

  // The new build is what the server serves now; Reload fetches it.
  await delegate.unroute(gone);
  await reload.click();
  await expect(delegate.getByTestId('meeting-view')).toBeVisible();
  const reader = await openReader(delegate, title);
  await expectPageDrawn(reader, 1);
  await expect(delegate.getByTestId('part-failed-reader')).toHaveCount(0);
});
