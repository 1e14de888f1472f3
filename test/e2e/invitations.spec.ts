import { AxeBuilder } from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { closePeople, demoAccount, expect, fillDateTime, personPage, test, uniqueTitle } from './fixtures.js';

test.afterEach(closePeople);

/** A phone: the secretary and the delegate both work on one here. */
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** What this feature adds to a page passes axe-core: labels, names, contrast, headings. */
async function accessible(page: Page, ...selectors: string[]): Promise<void> {
  let axe = new AxeBuilder({ page });
  for (const s of selectors) axe = axe.include(s);
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function fitsTheScreen(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

test('the secretary sends out a meeting, a delegate answers absent with a reason, the secretary sees it; a postponement reaches the delegate; the list finds it without diacritics', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const secretary = await personPage(browser, 'thuky', PHONE);
  const delegate = await personPage(browser, 'daibieu3', PHONE);
  const title = uniqueTitle('Kỳ họp chuyên đề về Đô thị');
  const place = `Hội trường Ủy ban ${title.slice(-6)}`;

  // The secretary prepares the meeting and sends out its invitations.
  await secretary.getByTestId('new-meeting-button').click();
  const form = secretary.getByTestId('new-meeting-form');
  await form.getByTestId('meeting-form-title').fill(title);
  await fillDateTime(form, 'meeting-form-starts-at', '2027-03-10T08:00');
  await form.getByTestId('meeting-form-place').fill(place);
  await form.getByTestId('meeting-form-organisation').fill('Hội đồng nhân dân phường');
  await form.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-heading')).toHaveText(title);
  const invited = demoAccount('daibieu3');
  const addPerson = secretary.getByTestId('participant-add-form');
  await addPerson
    .getByTestId('participant-add-user')
    .selectOption({ label: `${invited.displayName} (${invited.username})` });
  await addPerson.getByTestId('participant-add-role').selectOption('delegate');
  await addPerson.getByTestId('participant-add-submit').click();
  await expect(secretary.getByTestId('participant-row').filter({ hasText: invited.displayName })).toBeVisible();
  await expect(secretary.getByTestId('publish-button')).toHaveText('Gửi giấy mời');
  await secretary.getByTestId('publish-button').click();
  await expect(secretary.getByTestId('confirm-dialog').filter({ hasText: 'Gửi giấy mời cuộc họp này?' })).toBeVisible();
  await secretary.getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-status')).toHaveText('Đã gửi giấy mời');
  const replies = secretary.getByTestId('invitation-replies');
  // Only the delegate is asked: not the secretary who sends it out.
  await expect(replies.getByTestId('invitation-summary')).toHaveAttribute('data-pending', '1');
  await expect(replies.getByTestId('invitation-row')).toHaveCount(1);
  await expect(secretary.getByTestId('my-invitation')).toHaveCount(0);
  await fitsTheScreen(secretary);

  // The delegate finds it by words typed without marks, and answers: absent, with a reason.
  await delegate.getByTestId('meeting-search').fill('ky hop chuyen de do thi');
  const card = delegate.getByTestId('meeting-card').filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(delegate.getByTestId('meeting-card')).toHaveCount(1);
  await fitsTheScreen(delegate);
  await card.click();
  const mine = delegate.getByTestId('my-invitation');
  await expect(mine).toHaveAttribute('data-reply', 'pending');
  // Nothing is chosen for the delegate, and nothing can be sent before a choice.
  await expect(mine.getByTestId('invitation-reply-attend')).not.toBeChecked();
  await expect(mine.getByTestId('invitation-reply-absent')).not.toBeChecked();
  await expect(mine.getByTestId('invitation-send')).toBeDisabled();
  await mine.getByTestId('invitation-reply-absent').check();
  await mine.getByTestId('invitation-send').click();
  await expect(mine.getByTestId('invitation-reason')).toHaveAttribute('aria-invalid', 'true');
  const reason = 'Đi công tác tại tỉnh theo Quyết định số 45/QĐ-UBND';
  await mine.getByTestId('invitation-reason').fill(reason);
  await mine.getByTestId('invitation-send').click();
  await expect(mine).toHaveAttribute('data-reply', 'absent');
  await expect(mine.getByTestId('my-invitation-reply')).toContainText(reason);
  await fitsTheScreen(delegate);
  await accessible(delegate, '[data-testid="invitation-panel"]', '[data-testid="meeting-header"]');

  // The secretary sees the reply and its reason, live.
  const row = replies.getByTestId('invitation-row').filter({ hasText: invited.displayName });
  await expect(row).toHaveAttribute('data-reply', 'absent');
  await expect(row.getByTestId('invitation-reason-text')).toHaveText(reason);
  await expect(replies.getByTestId('invitation-summary')).toHaveAttribute('data-absent', '1');
  await accessible(secretary, '[data-testid="invitation-panel"]', '[data-testid="lifecycle-actions"]');

  // The secretary puts the meeting off to a date still to be announced; the delegate's page says so.
  await secretary.getByTestId('meeting-postpone-button').click();
  const dialog = secretary.getByTestId('confirm-dialog').filter({ hasText: 'Hoãn cuộc họp này?' });
  await expect(dialog.getByTestId('confirm-dialog-confirm')).toBeDisabled();
  await dialog.getByTestId('lifecycle-reason').fill('Chờ ý kiến của Thường trực');
  // The new time is typed in the app's own day/month/year 24-hour picker, not the browser's.
  await expect(dialog.locator('input[type="datetime-local"]')).toHaveCount(0);
  await fillDateTime(dialog, 'lifecycle-starts-at', '2027-03-12T14:30');
  await expect(dialog.getByTestId('lifecycle-starts-at-hour')).toHaveValue('14');
  await dialog.getByTestId('lifecycle-tba').check();
  await accessible(secretary, 'dialog[open]');
  await dialog.getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-postponed-banner')).toContainText('Chờ ý kiến của Thường trực');
  const banner = delegate.getByTestId('meeting-postponed-banner');
  await expect(banner).toContainText('thông báo sau');
  await expect(banner).toContainText('Chờ ý kiến của Thường trực');
  await fitsTheScreen(delegate);

  // Back in the list: the card carries the notice; the filters place the meeting.
  await delegate.getByTestId('back-to-list').click();
  await delegate.getByTestId('meeting-search').fill('KY HOP CHUYEN DE');
  await expect(card.getByTestId('meeting-postponed-banner')).toBeVisible();
  await accessible(delegate, '[data-testid="meeting-filters"]', '[data-testid="meeting-list"]');
  await delegate.getByTestId('meeting-filter-past').check();
  await expect(card).toHaveCount(0);
  await delegate.getByTestId('meeting-filter-upcoming').check();
  await expect(card).toBeVisible();
  await delegate.getByTestId('meeting-filter-archived').check();
  await expect(delegate.getByTestId('meeting-list-no-match')).toBeVisible();
  const filter = delegate.getByTestId('meeting-filter-upcoming').locator('..');
  expect((await filter.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  await fitsTheScreen(delegate);
  // Nothing matches: one tap shows every meeting again.
  await delegate.getByTestId('meeting-list-clear').click();
  await expect(delegate.getByTestId('meeting-search')).toHaveValue('');
  await expect(card).toBeVisible();
});
