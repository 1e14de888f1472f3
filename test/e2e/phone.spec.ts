import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { loginOf } from './document-helpers.js';
import {
  addAgendaItem,
  agendaItem,
  agendaItemTool,
  closePeople,
  demoAccount,
  expect,
  fillDateTime,
  headerTool,
  personPage,
  test,
} from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';
import { createVote, openDialog } from './vote-helpers.js';

/**
 * A person keeps at most twenty sessions, the oldest idle one ending past that: the pages of
 * this spec sign out when done, or a later spec's API session (kept per worker) would be it.
 */
const signedIn: Page[] = [];

async function person(browser: Browser, username: string, options?: BrowserContextOptions): Promise<Page> {
  const page = await personPage(browser, username, options);
  signedIn.push(page);
  return page;
}

test.afterEach(async () => {
  for (const page of signedIn.splice(0)) {
    if (page.isClosed()) continue;
    // The room display has no header: back to the list first.
    await page.evaluate(() => (window.location.hash = '#/'));
    await (await headerTool(page, 'logout-button')).click();
    await expect(page.getByTestId('login-username')).toBeVisible();
  }
  await closePeople();
});

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TABLET = { viewport: { width: 820, height: 1180 }, hasTouch: true };

/** Words that run on without a space: the worst case for a narrow screen. */
function longText(prefix: string, length: number): string {
  const run = `${prefix}-${'Nghịquyết'.repeat(40)}`;
  return run.slice(0, length);
}

interface LongMeeting {
  id: string;
  title: string;
  item: string;
  personName: string;
  question: string;
}

/** One meeting for the whole spec, made once per worker: every text in it as long as allowed. */
let made: Promise<LongMeeting> | undefined;

function longMeeting(browser: Browser): Promise<LongMeeting> {
  made ??= makeLongMeeting(browser);
  return made;
}

async function makeLongMeeting(browser: Browser): Promise<LongMeeting> {
  const suffix = Date.now().toString(36);
  const title = longText(`Kỳ họp ${suffix}`, 300);
  const item = longText(`Mục ${suffix}`, 300);
  const question = longText(`Biểu quyết ${suffix}`, 300);
  // A person whose name is as long as a name may be (200), without a space in it.
  const personName = longText(`Người ${suffix}`, 200);
  const res = await fetch(`${E2E_BASE_URL}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${(await loginOf('admin')).token}` },
    body: JSON.stringify({ username: `long-${suffix}`, displayName: personName, password: 'a long password 123' }),
  });
  expect(res.status, await res.clone().text()).toBe(201);

  const secretary = await person(browser, 'thuky');
  await secretary.getByTestId('new-meeting-button').click();
  const form = secretary.getByTestId('new-meeting-form');
  await form.getByTestId('meeting-form-title').fill(title);
  await expect(form.getByTestId('meeting-form-title-counter')).toHaveText('300/300');
  await fillDateTime(form, 'meeting-form-starts-at', '2027-03-02T08:00');
  await form.getByTestId('meeting-form-place').fill(longText('Hội trường', 300));
  await form.getByTestId('meeting-form-organisation').fill(longText('Ủy ban', 300));
  await form.getByTestId('meeting-form-secretary-runs-votes').check();
  await form.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-heading')).toHaveText(title);
  const id = (await secretary.getByTestId('meeting-view').getAttribute('data-meeting-id'))!;

  await addAgendaItem(secretary, item, longText('Trình bày', 200));
  const addPerson = secretary.getByTestId('participant-add-form');
  const delegate = demoAccount('daibieu3');
  for (const [label, name] of [
    [`${personName} (long-${suffix})`, personName],
    [`${delegate.displayName} (${delegate.username})`, delegate.displayName],
  ]) {
    await addPerson.getByTestId('participant-add-user').selectOption({ label });
    await addPerson.getByTestId('participant-add-role').selectOption('delegate');
    await addPerson.getByTestId('participant-add-submit').click();
    await expect(secretary.getByTestId('participant-row').filter({ hasText: name })).toHaveCount(1);
  }
  // Votes are run only in a published meeting.
  await secretary.getByTestId('publish-button').click();
  await openDialog(secretary).getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-status')).toHaveAttribute('data-status', 'published');
  await createVote(secretary, { question, agendaItem: item.slice(0, 40) });
  return { id, title, item, personName, question };
}

/** No page is wider than its screen: nothing to scroll sideways. */
async function expectFitsWidth(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
}

async function expectHeaderRow(page: Page, where: string): Promise<void> {
  const box = await page.locator('.app-header').boundingBox();
  expect(box, where).not.toBeNull();
  expect(box!.height, `${where}: the header is ${box!.height} px high`).toBeLessThanOrEqual(56);
}

async function open(page: Page, hash: string, testId: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByTestId(testId)).toBeVisible();
}

/** The dialog's two buttons lie on the screen. */
async function expectDialogButtonsOnScreen(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const testId of ['confirm-dialog-cancel', 'confirm-dialog-confirm']) {
    const box = await openDialog(page).getByTestId(testId).boundingBox();
    expect(box, testId).not.toBeNull();
    expect(box!.y + box!.height, testId).toBeLessThanOrEqual(viewport.height);
    expect(box!.x + box!.width, testId).toBeLessThanOrEqual(viewport.width);
    expect(box!.height, testId).toBeGreaterThanOrEqual(44);
  }
}

for (const [size, options] of [
  ['a phone (390×844)', PHONE],
  ['a tablet (820×1180)', TABLET],
] as const) {
  test(`on ${size} the header is one row and no page is wider than the screen, with every text as long as allowed`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const meeting = await longMeeting(browser);
    const secretary = await person(browser, 'thuky', options);
    const delegate = await person(browser, 'daibieu3', options);

    for (const page of [secretary, delegate]) {
      await expect(page.getByTestId('meeting-card').filter({ hasText: meeting.title.slice(0, 40) })).toBeVisible();
      await expectHeaderRow(page, 'meeting list');
      await expectFitsWidth(page, 'meeting list');
      await open(page, `#/meetings/${meeting.id}`, 'meeting-view');
      await expect(agendaItem(page, meeting.item)).toBeVisible();
      if (options === PHONE) {
        // The item's actions are behind its "⋯": the title has a line of its own, not a 40 px column.
        const title = await agendaItem(page, meeting.item).getByTestId('agenda-item-title').first().boundingBox();
        expect(title!.width, 'agenda title width').toBeGreaterThan(240);
      }
      await expect(page.getByTestId('participant-row').filter({ hasText: meeting.personName })).toHaveCount(1);
      // One column of many screens: the jump row reaches the participants in one tap.
      const jump = page.getByTestId('meeting-jump-participants');
      expect((await jump.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await jump.click();
      await expect(page.getByTestId('participant-row').first()).toBeInViewport();
      await expectHeaderRow(page, 'meeting page');
      await expectFitsWidth(page, 'meeting page');
      await open(page, `#/display/${meeting.id}`, 'room-display');
      await expectFitsWidth(page, 'room display');
    }

    // The secretary's console: the item's forms open, the votes, the minutes.
    await open(secretary, `#/meetings/${meeting.id}`, 'meeting-view');
    await (await agendaItemTool(agendaItem(secretary, meeting.item), 'agenda-item-edit')).click();
    await expectFitsWidth(secretary, 'agenda item edited');
    await open(secretary, `#/meetings/${meeting.id}/minutes`, 'minutes-page');
    await expectFitsWidth(secretary, 'minutes');

    // The header's tools behind the menu, reachable and touch-sized.
    await open(secretary, '#/', 'meeting-list');
    const signOut = await headerTool(secretary, 'logout-button');
    expect((await signOut.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expect(await headerTool(secretary, 'current-user')).toBeVisible();
    await expectFitsWidth(secretary, 'header menu open');

    const admin = await person(browser, 'admin', options);
    await admin.evaluate(() => (window.location.hash = '#/admin'));
    // Its sections come with the areas that add them (people, devices, audit).
    await expect(admin.getByTestId('admin-page').or(admin.getByTestId('admin-forbidden'))).toBeVisible();
    await expectHeaderRow(admin, 'administration');
    await expectFitsWidth(admin, 'administration');
  });
}

test('on a phone a dialog over a 300-character item keeps its buttons on screen, names what it keeps, and warns of the votes the item has', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const meeting = await longMeeting(browser);
  const secretary = await person(browser, 'thuky', PHONE);
  await open(secretary, `#/meetings/${meeting.id}`, 'meeting-view');
  await (await agendaItemTool(agendaItem(secretary, meeting.item), 'agenda-item-delete')).click();
  const dialog = openDialog(secretary);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('confirm-dialog-body')).toHaveText(/1 biểu quyết/);
  await expect(dialog.getByTestId('confirm-dialog-cancel')).toHaveText('Không xóa');
  await expectDialogButtonsOnScreen(secretary);
  // The heading is clamped: three lines at most.
  const heading = dialog.locator('h2');
  const lines = await heading.evaluate(
    (h) => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight),
  );
  expect(lines).toBeLessThanOrEqual(3.05);
  await dialog.getByTestId('confirm-dialog-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(agendaItem(secretary, meeting.item)).toBeVisible();
});

test('a delegate removed from a meeting they have open is told so, in both languages, not that it was not found', async ({
  browser,
}) => {
  const meeting = await longMeeting(browser);
  const delegate = await person(browser, 'daibieu3', PHONE);
  await open(delegate, `#/meetings/${meeting.id}`, 'meeting-view');
  const secretary = await person(browser, 'thuky');
  await open(secretary, `#/meetings/${meeting.id}`, 'meeting-view');
  const name = demoAccount('daibieu3').displayName;
  await secretary.getByTestId('participant-row').filter({ hasText: name }).getByTestId('participant-remove').click();
  await expect(openDialog(secretary).getByTestId('confirm-dialog-cancel')).toHaveText('Giữ lại');
  await openDialog(secretary).getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('participant-row').filter({ hasText: name })).toHaveCount(0);

  const notice = delegate.getByTestId('meeting-removed');
  await expect(notice).toContainText('Bạn không còn là người tham dự cuộc họp này');
  await expect(delegate.getByTestId('meeting-missing')).toHaveCount(0);
  await (await headerTool(delegate, 'lang-en')).click();
  await expect(notice).toContainText('You are no longer a participant of this meeting');
  await (await headerTool(delegate, 'lang-vi')).click();
});

test('the tab shows our own SVG icon, served by the meeting server itself', async ({ page }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toMatch(/\.svg$/);
  const res = await page.request.get(new URL(href!, page.url()).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('image/svg+xml');
});
