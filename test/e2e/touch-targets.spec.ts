import { type Page } from '@playwright/test';
import { closePeople, expect, newPersonPage, openDemoMeeting, signIn, test, uniqueTitle } from './fixtures.js';
import { smallControls } from './touch-helpers.js';
import { createVote, openDialog, runVote, snapshot, voteRow } from './vote-helpers.js';

test.afterEach(closePeople);

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test('every control on the login page, the list and the secretary console is at least 44×44 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('login-form')).toBeVisible();
  expect(await smallControls(page)).toEqual([]);

  await signIn(page, 'thuky');
  expect(await smallControls(page)).toEqual([]);

  await openDemoMeeting(page);
  await expect(page.getByTestId('agenda-editor')).toBeVisible();
  await expect(page.getByTestId('participant-add-user')).toBeVisible();
  expect(await smallControls(page)).toEqual([]);

  await page.getByTestId('agenda-item-edit').first().click();
  await page.getByTestId('agenda-item-add-sub').first().click();
  expect(await smallControls(page)).toEqual([]);

  await page.getByTestId('edit-meeting-button').click();
  await expect(page.getByTestId('meeting-form-secretary-runs-votes')).toBeAttached();
  expect(await smallControls(page)).toEqual([]);
});

test('the attendance, vote console, ballot and room display controls are at least 44×44 px', async ({ browser }) => {
  // Three people signed in one after the other: more than the default 30 s on a busy two-core machine.
  test.setTimeout(60_000);
  const options = { viewport: { width: 1024, height: 768 }, hasTouch: true };
  const chair = await newPersonPage(browser, options);
  await signIn(chair, 'chutoa');
  await openDemoMeeting(chair);
  await expect(chair.getByTestId('my-attendance-button')).toBeVisible();
  await expect(chair.getByTestId('attendance-toggle').first()).toBeVisible();
  await chair.getByTestId('new-vote-button').click();
  const form = chair.getByTestId('new-vote-form');
  await form.getByTestId('vote-form-options-candidates').check();
  await expect(form.getByTestId('vote-form-candidate-remove').first()).toBeVisible();
  expect(await smallControls(chair)).toEqual([]);

  const question = uniqueTitle('Kiểm tra cỡ nút');
  await form.getByTestId('vote-form-options-yes-no-abstain').check();
  await form.getByTestId('vote-form-question').fill(question);
  await form.getByTestId('vote-form-submit').click();
  await runVote(chair, question, 'open');
  try {
    expect(await smallControls(chair)).toEqual([]);
    const delegate = await newPersonPage(browser, options);
    await signIn(delegate, 'daibieu2');
    await expect(delegate.getByTestId('ballot-panel')).toBeVisible();
    expect(await smallControls(delegate)).toEqual([]);
    await delegate.getByTestId('ballot-later').click();
    await expect(delegate.getByTestId('ballot-banner')).toBeVisible();
    expect(await smallControls(delegate)).toEqual([]);

    const room = await newPersonPage(browser, options);
    await signIn(room, 'phonghop');
    await openDemoMeeting(room);
    await room.getByTestId('room-display-link').click();
    await expect(room.getByTestId('display-question')).toHaveText(question);
    expect(await smallControls(room)).toEqual([]);
  } finally {
    await runVote(chair, question, 'cancel');
  }
});

/** The open dialog lies inside the viewport, so nothing in it is out of a thumb's reach. */
async function expectDialogFits(page: Page): Promise<void> {
  const box = await page.locator('dialog[open]').boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport).toBeTruthy();
  if (!box || !viewport) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

test('on a phone, the vote console’s new forms and dialogs fit the screen with 44×44 px controls', async ({
  browser,
}) => {
  // A whole vote's run (create, edit, open, close, two dialogs, cancel): more than the default 30 s on two busy cores.
  test.setTimeout(60_000);
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const chair = await newPersonPage(browser, phone);
  await signIn(chair, 'chutoa');
  await openDemoMeeting(chair);
  const draft = uniqueTitle('Kiểm tra trên điện thoại');
  await createVote(chair, { question: draft });
  const row = voteRow(chair, draft);
  await row.getByTestId('vote-edit-button').click();
  await expect(chair.getByTestId('edit-vote-form')).toBeVisible();
  expect(await smallControls(chair)).toEqual([]);
  await chair.getByTestId('edit-vote-form').getByTestId('vote-form-submit').click();

  await runVote(chair, draft, 'open');
  try {
    await runVote(chair, draft, 'close');
    await expect(row.getByTestId('vote-private-result').getByTestId('vote-result')).toBeVisible();
    expect(await smallControls(chair)).toEqual([]);

    await row.getByTestId('vote-publish-button').click();
    await expect(openDialog(chair).getByTestId('result-summary')).toBeVisible();
    await expectDialogFits(chair);
    expect(await smallControls(chair)).toEqual([]);
    await snapshot(chair, 'phone-publish-confirm');
    await openDialog(chair).getByTestId('confirm-dialog-cancel').click();

    await row.getByTestId('vote-cancel-button').click();
    await expect(openDialog(chair).getByTestId('vote-cancel-reason')).toBeVisible();
    await expectDialogFits(chair);
    expect(await smallControls(chair)).toEqual([]);
    await snapshot(chair, 'phone-cancel-reason');
    await openDialog(chair).getByTestId('confirm-dialog-cancel').click();
  } finally {
    await runVote(chair, draft, 'cancel');
  }
});
