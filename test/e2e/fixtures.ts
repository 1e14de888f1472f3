import {
  expect,
  test as base,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import { DEMO_MEETING } from '../../server/demo/demo-meeting.js';
import { AxeWatch } from './axe-watch.js';
import { DEMO_ACCOUNTS_ENV, WORKER_SLOT, type DemoAccount } from './server-env.js';

const AXE_TIME_MS = 15_000;

/** The one watch of the running test (one worker runs one test at a time). */
let axeWatch: AxeWatch | undefined;

/**
 * Every spec imports `test` from here: each page a test opens (its own `page`, and those of
 * `newPersonPage`) is checked by axe-core after every navigation and at the end, and a
 * serious or critical accessibility finding fails the test with a report.
 */
export const test = base.extend<{ axe: AxeWatch }>({
  axe: [
    async ({ context }, use, testInfo) => {
      // The checks take their own time (a second or more a view on a busy machine).
      testInfo.setTimeout(testInfo.timeout + AXE_TIME_MS);
      const watch = new AxeWatch();
      watch.watchContext(context);
      axeWatch = watch;
      try {
        await use(watch);
        await watch.finish();
      } finally {
        axeWatch = undefined;
      }
      const report = watch.report();
      if (report) throw new Error(`axe-core found serious or critical accessibility problems:\n\n${report}`);
    },
    { auto: true },
  ],
});
export { expect };

export function demoAccount(username: string): DemoAccount {
  const raw = process.env[DEMO_ACCOUNTS_ENV];
  if (!raw)
    throw new Error(
      `${DEMO_ACCOUNTS_ENV} is not set: run through playwright.config.ts (its global setup starts the server)`,
    );
  const perServer = JSON.parse(raw) as DemoAccount[][];
  const accounts = perServer[WORKER_SLOT];
  if (!accounts) throw new Error(`no end-to-end server for worker slot ${WORKER_SLOT} (${perServer.length} started)`);
  const account = accounts.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account "${username}"`);
  return account;
}

/**
 * The server lets one name sign in ten times a minute, and the specs together sign the demo
 * accounts in more often than that when the machine is quick. A refused sign-in is what a
 * person would see ("too many attempts, wait"): the test waits as they would, with its time
 * extended by the wait, and tries again.
 */
export const SIGN_IN_RETRY_MS = 10_000;
const SIGN_IN_ATTEMPTS = 8;

export function extendTestBy(ms: number): void {
  test.info().setTimeout(test.info().timeout + ms);
}

export async function signIn(page: Page, username: string): Promise<void> {
  const account = demoAccount(username);
  await page.goto('/');
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('login-username').fill(account.username);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();
    const throttled = page.locator('[data-testid="login-error"][data-code="RATE_LIMITED"]');
    await expect(page.getByTestId('meeting-list').or(throttled)).toBeVisible();
    if (!(await throttled.isVisible()) || attempt === SIGN_IN_ATTEMPTS) break;
    extendTestBy(SIGN_IN_RETRY_MS + 5_000);
    await page.waitForTimeout(SIGN_IN_RETRY_MS);
  }
  await expect(page.getByTestId('meeting-list')).toBeVisible();
  await expect(page.getByTestId('connection-badge')).toHaveAttribute('data-state', 'online');
}

/** The contexts the tests open themselves: Playwright closes only its own, at the end of the worker. */
const opened: BrowserContext[] = [];

/** A fresh page in its own browser context (its own storage, its own socket), closed by `closePeople`. */
export async function newPersonPage(browser: Browser, options?: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  opened.push(context);
  axeWatch?.watchContext(context);
  return context.newPage();
}

/** A fresh browser context signed in as one person. */
export async function personPage(browser: Browser, username: string, options?: BrowserContextOptions): Promise<Page> {
  const page = await newPersonPage(browser, options);
  await signIn(page, username);
  return page;
}

/**
 * For `test.afterEach`: every page left open keeps its socket, its clocks and its renders
 * running, and a worker runs all the tests; left open, they slow each later test down.
 */
export async function closePeople(): Promise<void> {
  // The end-of-test accessibility check of these pages, before they go.
  await axeWatch?.finish();
  await Promise.all(opened.splice(0).map((context) => context.close()));
}

/** The seeded council session: the one published meeting every demo account takes part in. */
/**
 * Opens the seeded demo meeting, found by its title: other specs publish meetings of their
 * own, and which card comes first then depends on their dates and the time of the run.
 */
export async function openDemoMeeting(page: Page): Promise<void> {
  const card = page
    .getByTestId('meeting-card')
    .filter({ has: page.locator('[data-status="published"]') })
    .filter({ hasText: DEMO_MEETING.title })
    .first();
  await card.click();
  await expect(page.getByTestId('meeting-view')).toBeVisible();
  await expect(page.getByTestId('agenda-item').first()).toBeVisible();
}

export function agendaItem(page: Page, title: string): Locator {
  return page
    .getByTestId('agenda-item')
    .filter({ has: page.getByTestId('agenda-item-title').getByText(title, { exact: true }) });
}

/** Fills the UI's own date and time picker (DateTimeField) from `YYYY-MM-DDTHH:mm`. */
export async function fillDateTime(scope: Locator, testId: string, local: string): Promise<void> {
  const [, year, month, day, hour, minute] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local) ?? [];
  if (!minute) throw new Error(`not a local date and time: ${local}`);
  const parts = { day, month, year, hour, minute };
  for (const [part, value] of Object.entries(parts)) await scope.getByTestId(`${testId}-${part}`).fill(value!);
}

export function uniqueTitle(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Adds a top-level item from the secretary's console and waits until the server has it. */
export async function addAgendaItem(page: Page, title: string, presenter = 'E2E', minutes = 7): Promise<void> {
  const form = page.getByTestId('agenda-add-form');
  await form.getByTestId('agenda-form-title').fill(title);
  await form.getByTestId('agenda-form-presenter').fill(presenter);
  await form.getByTestId('agenda-form-minutes').fill(String(minutes));
  await form.getByTestId('agenda-form-submit').click();
  // The form clears itself only once the server has acknowledged the command.
  await expect(form.getByTestId('agenda-form-title')).toHaveValue('');
  await expect(agendaItem(page, title)).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveCount(0);
}

/**
 * A tool of the header (sign-out, language, signature, administration, the user's name). On a
 * narrow screen they sit behind the header's menu button: it is opened first when so.
 */
export async function headerTool(page: Page, testId: string): Promise<Locator> {
  const menu = page.getByTestId('header-menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const tool = page.getByTestId(testId);
  await expect(tool).toBeVisible();
  return tool;
}

/**
 * One of an agenda item's actions: on a phone they sit behind the item's "⋯" button, which
 * this opens first (as headerTool does for the header's menu).
 */
export async function agendaItemTool(item: Locator, testId: string): Promise<Locator> {
  const menu = item.getByTestId('agenda-item-menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const tool = item.getByTestId(testId);
  await expect(tool).toBeVisible();
  return tool;
}

/** Marks the window so that a later check can prove the page was never reloaded. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __e2eMarker?: string }).__e2eMarker = 'same-page';
  });
}

export async function expectSameWindow(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe('same-page');
}
