import { type Locator, type Page } from '@playwright/test';
import { closePeople, expect, expectSameWindow, markWindow, openDemoMeeting, personPage, test } from './fixtures.js';

test.afterEach(closePeople);

/** Top-level agenda item `number` ("1", "2") on a page. */
function topItem(page: Page, number: string): Locator {
  return page
    .getByTestId('agenda-item')
    .filter({ has: page.getByTestId('agenda-item-number').getByText(number, { exact: true }) });
}

/**
 * The chair's session running, whatever earlier tests left: the demo meeting is shared by
 * every spec, and a session starts once.
 */
async function sessionRunning(chair: Page): Promise<void> {
  const bar = chair.getByTestId('session-bar');
  await expect(bar).toBeVisible();
  if ((await bar.getAttribute('data-stage')) === 'not-started') await chair.getByTestId('session-start').click();
  if ((await bar.getAttribute('data-stage')) === 'paused') await chair.getByTestId('session-resume').click();
  await expect(bar).toHaveAttribute('data-stage', 'running');
}

test('the chair moves the room to item 2: the delegate’s tablet and the room display show it within a second', async ({
  browser,
}) => {
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu3');
  const room = await personPage(browser, 'phonghop', { viewport: { width: 1280, height: 720 } });
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);
  await openDemoMeeting(room);
  await room.getByTestId('room-display-link').click();
  await expect(room.getByTestId('room-display')).toBeVisible();
  await sessionRunning(chair);
  // From item 1, so that the move to item 2 is a change whatever the room was on.
  if ((await topItem(chair, '1').getAttribute('data-current')) !== 'true')
    await topItem(chair, '1').getByTestId('agenda-set-current').click();
  await expect(topItem(delegate, '1')).toHaveAttribute('data-current', 'true');
  await expect(room.getByTestId('display-item-number')).toHaveText('1.');
  await markWindow(delegate);
  const title = await topItem(chair, '2').getByTestId('agenda-item-title').innerText();

  await topItem(chair, '2').getByTestId('agenda-set-current').click();

  // Both within a second of the chair's tap, each checked from the same moment.
  await Promise.all([
    expect(topItem(delegate, '2')).toHaveAttribute('data-current', 'true', { timeout: 1000 }),
    expect(delegate.getByTestId('session-current-title')).toContainText(title, { timeout: 1000 }),
    expect(room.getByTestId('display-item-number')).toHaveText('2.', { timeout: 1000 }),
    expect(room.getByTestId('display-item-title')).toHaveText(title, { timeout: 1000 }),
  ]);
  await expect(topItem(delegate, '1')).toHaveAttribute('data-current', 'false');
  await expect(delegate.getByTestId('item-clock')).toHaveAttribute('data-running', 'true');
  await expectSameWindow(delegate);
});

test('a delegate’s request to speak appears on the chair’s console; the chair gives the floor and ends it', async ({
  browser,
}) => {
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu2');
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);
  await sessionRunning(chair);
  const mine = delegate.getByTestId('my-floor');
  if ((await mine.getAttribute('data-state')) === 'waiting') await delegate.getByTestId('speaker-withdraw').click();
  await expect(mine).toHaveAttribute('data-state', 'none');
  const row = chair.getByTestId('speaker-row').filter({ hasText: 'Phạm Thị Lan' });

  await delegate.getByTestId('speaker-request').click();

  await expect(row).toBeVisible({ timeout: 1000 });
  await expect(mine).toHaveAttribute('data-state', 'waiting');
  await expect(delegate.getByTestId('my-floor-state')).toBeVisible();
  await chair.getByTestId('speaking-time').selectOption('120');
  await row.getByTestId('speaker-give-floor').click();
  await expect(delegate.getByTestId('my-floor')).toHaveAttribute('data-state', 'speaking');
  await expect(delegate.getByTestId('speaker-now-name')).toHaveText('Phạm Thị Lan');
  await expect(chair.getByTestId('speaker-time')).toHaveAttribute('data-over', 'false');
  // The delegate is told wherever the page is scrolled: a banner pinned to the screen, with the time left.
  await delegate.evaluate(() => window.scrollTo(0, 0));
  const banner = delegate.getByTestId('floor-banner');
  await expect(banner.getByRole('status')).toHaveText('Mời đại biểu phát biểu');
  await expect(banner.getByTestId('floor-banner-time')).toHaveText(/Còn 0[12]:\d\d/);
  await expect(banner).toBeInViewport();
  await chair.getByTestId('speaker-end').click();
  await expect(delegate.getByTestId('my-floor')).toHaveAttribute('data-state', 'none');
  await expect(banner.getByRole('status')).toHaveText('');
  await expect(chair.getByTestId('speaker-now')).toHaveCount(0);
});
