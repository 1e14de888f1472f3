import type { Browser, BrowserContextOptions, CDPSession, Locator, Page } from '@playwright/test';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { afterDocumentTest, documentRow, meetingIdOf, uploadViaApi } from './document-helpers.js';
import {
  agendaItemTool,
  closePeople,
  expect,
  headerTool,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';
import { MIN } from './touch-helpers.js';
import { checkInViaUi, createVote, openDialog, runVote, voteRow } from './vote-helpers.js';

/**
 * An iPad or an Android tablet in a browser, no Electron: upright and on its side, a finger for
 * a pointer. The safe areas are set through Chromium's own emulation (a status bar on top, the
 * home indicator below, and in landscape the sides an iPhone's notch would take), and the
 * on-screen keyboard is the viewport growing shorter, as Android does with
 * interactive-widget=resizes-content.
 */
const TABLETS = [
  { name: 'upright', width: 768, height: 1024, insets: { top: 24, bottom: 20, left: 0, right: 0 } },
  { name: 'on its side', width: 1024, height: 768, insets: { top: 24, bottom: 20, left: 44, right: 44 } },
] as const;
type Tablet = (typeof TABLETS)[number];

const signedIn: Page[] = [];

async function person(browser: Browser, username: string, tablet?: Tablet): Promise<Page> {
  const options: BrowserContextOptions | undefined = tablet && {
    viewport: { width: tablet.width, height: tablet.height },
    hasTouch: true,
    isMobile: true,
  };
  const page = await personPage(browser, username, options);
  signedIn.push(page);
  if (tablet) await (await cdp(page)).send('Emulation.setSafeAreaInsetsOverride', { insets: tablet.insets });
  return page;
}

const sessions = new WeakMap<Page, CDPSession>();
async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

test.afterEach(async () => {
  // A person keeps twenty sessions: these pages sign out, or a later spec's API session goes.
  for (const page of signedIn.splice(0)) {
    if (page.isClosed()) continue;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.evaluate(() => (window.location.hash = '#/'));
    await (await headerTool(page, 'logout-button')).tap();
    await expect(page.getByTestId('login-username')).toBeVisible();
  }
  await closePeople();
});
test.afterEach(afterDocumentTest);

async function expectFitsWidth(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

/** Text fields under 16 px: iOS Safari zooms the whole page in when one of them gets focus. */
async function smallFields(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const fields = document.querySelectorAll<HTMLElement>(
      'input:not([type=checkbox], [type=radio], [type=file], [type=range], [type=color], [type=hidden]), textarea, select',
    );
    for (const field of fields) {
      const size = parseFloat(getComputedStyle(field).fontSize);
      if (size < 16) small.push(`${field.dataset.testid ?? field.getAttribute('name') ?? field.tagName} (${size}px)`);
    }
    return small;
  });
}

/** The element lies inside the screen, clear of the safe areas (the status bar, the notch, the home indicator). */
async function expectInSafeArea(element: Locator, tablet: Tablet, where: string): Promise<void> {
  const box = (await element.boundingBox())!;
  const { insets } = tablet;
  const page = element.page().viewportSize()!;
  expect(box.x, `${where}: left`).toBeGreaterThanOrEqual(insets.left);
  expect(box.y, `${where}: top`).toBeGreaterThanOrEqual(insets.top);
  expect(box.x + box.width, `${where}: right`).toBeLessThanOrEqual(page.width - insets.right);
  expect(box.y + box.height, `${where}: bottom`).toBeLessThanOrEqual(page.height - insets.bottom);
}

/**
 * The keyboard comes up under a focused field: the screen loses `keyboard` px at the bottom. The
 * field is put near the bottom first, where a keyboard covers it unless the page moves it.
 */
async function expectFieldAboveKeyboard(field: Locator, keyboard: number): Promise<void> {
  const page = field.page();
  await field.tap();
  await expect(field).toBeFocused();
  await field.evaluate((el) => {
    // The nearest scrolling box (the page, a dialog): the field ends 40 px above the screen's bottom.
    const gap = window.innerHeight - 40 - el.getBoundingClientRect().bottom;
    let box: HTMLElement | null = el.parentElement;
    while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) {
      box = box.parentElement;
    }
    (box ?? document.scrollingElement!).scrollBy(0, -gap);
  });
  const { width, height } = page.viewportSize()!;
  await page.setViewportSize({ width, height: height - keyboard });
  await expect(field).toBeFocused();
  await expect
    .poll(async () => {
      const box = (await field.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= height - keyboard;
    }, 'the focused field is above the keyboard')
    .toBe(true);
  await page.setViewportSize({ width, height });
}

/** A finger on the screen, through Chromium's touch input (the browser's own gestures included). */
async function touch(page: Page, points: { x: number; y: number }[][]): Promise<void> {
  const session = await cdp(page);
  const [first, ...rest] = points;
  const at = (step: { x: number; y: number }[]) => step.map((p, i) => ({ ...p, id: i + 1 }));
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(first!) });
  for (const step of rest) await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(step) });
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

for (const tablet of TABLETS) {
  test(`a tablet ${tablet.name}: the meeting page, the agenda's form and the reader fit, clear of the safe areas and the keyboard`, async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const secretary = await person(browser, 'thuky', tablet);
    await openDemoMeeting(secretary);
    await expectFitsWidth(secretary, 'meeting page');
    expect(await smallFields(secretary)).toEqual([]);
    await expectInSafeArea(secretary.locator('.app-header__brand'), tablet, 'the header');
    // The page may open scrolled to the current item: its top, under the header.
    await secretary.evaluate(() => window.scrollTo(0, 0));
    await expectInSafeArea(secretary.getByTestId('meeting-heading'), tablet, 'the meeting’s title');

    // The agenda's edit form, its title field typed in with the keyboard up.
    const item = secretary.getByTestId('agenda-item').first();
    await (await agendaItemTool(item, 'agenda-item-edit')).tap();
    const form = secretary.getByTestId('agenda-edit-form');
    await expect(form).toBeVisible();
    await expectFitsWidth(secretary, 'agenda item edited');
    expect(await smallFields(secretary)).toEqual([]);
    await expectFieldAboveKeyboard(form.getByTestId('agenda-form-title'), 420);
    await form.getByTestId('agenda-form-cancel').tap();
    await expect(form).toHaveCount(0);

    // A message to the desk, typed with the keyboard up.
    const delegate = await person(browser, 'daibieu2', tablet);
    await openDemoMeeting(delegate);
    await expectFitsWidth(delegate, 'a delegate’s meeting page');
    expect(await smallFields(delegate)).toEqual([]);
    await expectFieldAboveKeyboard(delegate.getByTestId('request-text'), 420);

    // The reader: pinch zooms the paper, not the page; a swipe turns the page.
    const title = uniqueTitle('Đọc trên máy tính bảng');
    await uploadViaApi(await meetingIdOf(delegate), title, await makePdf({ pages: [...VIETNAMESE_PAGES] }));
    await expect(documentRow(delegate, title)).toBeVisible();
    await documentRow(delegate, title).getByTestId('document-open').tap();
    const reader = delegate.getByTestId('reader');
    await expect(reader).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
    await expectInSafeArea(delegate.getByTestId('reader-close'), tablet, 'the reader’s close button');
    await expectInSafeArea(delegate.getByTestId('reader-viewport'), tablet, 'the paper');
    await expectFitsWidth(delegate, 'the reader');

    const viewport = (await delegate.getByTestId('reader-viewport').boundingBox())!;
    const mid = { x: viewport.x + viewport.width / 2, y: viewport.y + viewport.height / 2 };
    // A swipe to the left is the next page, to the right the previous one.
    await touch(delegate, [[mid], [{ x: mid.x - 80, y: mid.y + 4 }], [{ x: mid.x - 160, y: mid.y + 5 }]]);
    await expect(reader).toHaveAttribute('data-page', '2');
    await touch(delegate, [[mid], [{ x: mid.x + 80, y: mid.y }], [{ x: mid.x + 160, y: mid.y }]]);
    await expect(reader).toHaveAttribute('data-page', '1');

    const scale = delegate.getByTestId('reader-scale');
    const before = await scale.innerText();
    const spread = (d: number) => [
      { x: mid.x - d, y: mid.y },
      { x: mid.x + d, y: mid.y },
    ];
    await touch(delegate, [spread(60), spread(90), spread(120), spread(150)]);
    await expect(scale).not.toHaveText(before);
    expect(await delegate.evaluate(() => window.visualViewport!.scale), 'the whole page zoomed').toBe(1);
    await expectFitsWidth(delegate, 'the reader zoomed in');

    // The find field at the top of the reader stays in sight with the keyboard up.
    await delegate.getByTestId('reader-find-toggle').tap();
    await expectFieldAboveKeyboard(delegate.getByTestId('reader-find-input'), 420);
  });
}

test('a ballot on a tablet upright: its buttons are fingertip-sized, on screen, and the chair’s reason stays above the keyboard', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [upright, onSide] = TABLETS;
  const chair = await person(browser, 'chutoa', onSide);
  const delegate = await person(browser, 'daibieu1', upright);
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);
  await checkInViaUi(delegate);

  const question = uniqueTitle('Biểu quyết trên máy tính bảng');
  await createVote(chair, { question, minutes: 10 });
  try {
    await runVote(chair, question, 'open');
    const panel = delegate.getByTestId('ballot-panel');
    await expect(panel).toBeVisible();
    const options = panel.getByTestId('ballot-option');
    await expect(options).toHaveCount(3);
    for (const option of await options.all()) {
      const box = (await option.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(MIN);
      expect(box.height).toBeGreaterThanOrEqual(MIN);
      await expectInSafeArea(option, upright, 'a ballot button');
    }
    await expectFitsWidth(delegate, 'the ballot');
    await panel.locator('[data-testid="ballot-option"][data-option="yes"]').tap();
    const confirm = openDialog(delegate);
    await expectInSafeArea(confirm.getByTestId('confirm-dialog-confirm'), upright, 'the ballot’s confirmation');
    await confirm.getByTestId('confirm-dialog-confirm').tap();
    await expect(delegate.getByTestId('ballot-recorded')).toBeVisible();
    await delegate.getByTestId('ballot-close').tap();
    await expect(panel).toHaveCount(0);

    // Cancelling an opened vote asks the chair why, in a dialog, with the keyboard up.
    await voteRow(chair, question).getByTestId('vote-cancel-button').tap();
    const dialog = openDialog(chair);
    const reason = dialog.getByTestId('vote-cancel-reason');
    await expect(reason).toBeVisible();
    await expectFieldAboveKeyboard(reason, 400);
    await reason.fill('Thử bàn phím trên máy tính bảng');
    await dialog.getByTestId('confirm-dialog-confirm').tap();
    await expect(voteRow(chair, question)).toHaveAttribute('data-status', 'cancelled');
  } finally {
    const status = await voteRow(chair, question).getAttribute('data-status');
    if (status === 'draft' || status === 'open' || status === 'closed') {
      if ((await openDialog(chair).count()) > 0) await chair.keyboard.press('Escape');
      await runVote(chair, question, 'cancel');
    }
  }
});
