import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import {
  documentRow,
  expectPageDrawn,
  expectPageWithin,
  meetingIdOf,
  openReader,
  uploadViaApi,
  afterDocumentTest,
} from './document-helpers.js';

test.afterEach(afterDocumentTest);

test('the presenter goes to page 5 and the following delegate and the room display are there within a second', async ({
  browser,
}) => {
  // Three people signed in, three readers drawing: more than the default 30 s on two busy cores.
  test.setTimeout(60_000);
  const chair = await personPage(browser, 'chutoa');
  await openDemoMeeting(chair);
  const title = uniqueTitle('Trình chiếu');
  const second = uniqueTitle('Trình chiếu tiếp');
  const meetingId = await meetingIdOf(chair);
  await uploadViaApi(meetingId, title, await makePdf({ pages: [...VIETNAMESE_PAGES, 'Trang sáu'] }));
  const next = await uploadViaApi(meetingId, second, await makePdf({ pages: ['Một', 'Hai', 'Ba: phụ lục'] }));
  await expect(documentRow(chair, title)).toBeVisible();
  const presenting = await openReader(chair, title);
  await chair.getByTestId('presenter-start').click();

  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const room = await personPage(browser, 'phonghop');
  await openDemoMeeting(room);
  await room.getByTestId('room-display-link').click();
  await expect(room.getByTestId('display-presentation')).toHaveAttribute('data-drawn-page', '1', { timeout: 15_000 });

  // Following takes the delegate to where the presenter is.
  await delegate.getByTestId('follow-presenter').click();
  const following = delegate.getByTestId('reader');
  await expect(following).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  await expect(following).toHaveAttribute('data-page', '1');

  await chair.getByTestId('reader-page-input').fill('5');
  await chair.getByTestId('reader-page-input').press('Enter');
  await expect(presenting).toHaveAttribute('data-page', '5');
  await expectPageWithin(following, 5);
  await expectPageDrawn(following, 5, 'Trang năm');
  await expectPageWithin(room.getByTestId('display-presentation'), 5);
  await expect(room.getByTestId('display-presentation')).toHaveAttribute('data-drawn-page', '5');

  // Turning a page by hand stops following: the presenter's next page no longer moves the delegate.
  await delegate.getByTestId('reader-prev').click();
  await expect(following).toHaveAttribute('data-page', '4');
  await expect(following.getByTestId('follow-presenter')).toHaveAttribute('aria-pressed', 'false');
  await chair.getByTestId('reader-next').click();
  await expect(presenting).toHaveAttribute('data-page', '6');
  await expectPageWithin(room.getByTestId('display-presentation'), 6);
  await expect(following).toHaveAttribute('data-page', '4');

  await chair.getByTestId('presenter-stop').click();
  await expect(room.getByTestId('display-presentation')).toHaveCount(0);

  // Following again takes the reader into the paper the presenter shows now, at their page.
  await chair.getByTestId('reader-close').click();
  await openReader(chair, second);
  await chair.getByTestId('reader-page-input').fill('3');
  await chair.getByTestId('reader-page-input').press('Enter');
  await chair.getByTestId('presenter-start').click();
  await following.getByTestId('follow-presenter').click();
  await expect(following).toHaveAttribute('data-document-id', next.id);
  await expectPageWithin(following, 3, 5_000);
  await expectPageDrawn(following, 3, 'Ba: phụ lục');
  await chair.getByTestId('presenter-stop').click();
});
