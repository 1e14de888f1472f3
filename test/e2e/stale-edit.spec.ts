import { type Page } from '@playwright/test';
import { ERROR_CATALOGUE } from '../../shared/protocol/errors.js';
import {
  addAgendaItem,
  agendaItem,
  closePeople,
  expect,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';
import { snapshot } from './vote-helpers.js';

test.afterEach(closePeople);

/** The secretary on two tablets: two browser contexts signed in as the same person. */
async function twoSecretaries(browser: Parameters<typeof personPage>[0]): Promise<[Page, Page]> {
  const first = await personPage(browser, 'thuky');
  const second = await personPage(browser, 'thuky');
  await openDemoMeeting(first);
  await openDemoMeeting(second);
  return [first, second];
}

test('a stale agenda edit is refused: the form shows the current text, keeps the typed one, and saves next on the new version', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const [mine, theirs] = await twoSecretaries(browser);
  const original = uniqueTitle('Mục sửa đồng thời');
  await addAgendaItem(mine, original, 'Văn phòng', 15);
  const itemId = await agendaItem(mine, original).getAttribute('data-item-id');
  const item = (page: Page) => page.locator(`[data-testid="agenda-item"][data-item-id="${itemId}"]`);
  await expect(item(theirs)).toBeVisible();

  // Both open the same item; the other tablet saves first.
  await item(mine).getByTestId('agenda-item-edit').click();
  await item(theirs).getByTestId('agenda-item-edit').click();
  const theirTitle = `${original} (bản của thư ký kia)`;
  await item(theirs).getByTestId('agenda-form-title').fill(theirTitle);
  await item(theirs).getByTestId('agenda-form-submit').click();
  await expect(item(theirs).getByTestId('agenda-item-title')).toHaveText(theirTitle);

  // This form was opened on the older version: its save is refused, not applied over theirs.
  const form = item(mine).getByTestId('agenda-edit-form');
  const myTitle = `${original} (bản của tôi)`;
  await form.getByTestId('agenda-form-title').fill(myTitle);
  await form.getByTestId('agenda-form-minutes').fill('20');
  await form.getByTestId('agenda-form-submit').click();
  const error = form.getByTestId('agenda-form-error');
  await expect(error).toHaveAttribute('data-code', 'STALE_EDIT');
  await expect(error).toHaveText(ERROR_CATALOGUE.STALE_EDIT.vi);
  await expect(error).toContainText('Mục này vừa được người khác thay đổi');
  // The current text in the fields, what was typed kept beside them.
  await expect(form.getByTestId('agenda-form-title')).toHaveValue(theirTitle);
  await expect(form.getByTestId('agenda-form-minutes')).toHaveValue('15');
  await expect(form).toContainText(`Bạn đã nhập: “${myTitle}”`);
  await expect(form).toContainText('Bạn đã nhập: “20”');
  await snapshot(mine, 'agenda-stale-edit', item(mine));

  // One touch puts the typed text back; the save now names the newer version and goes through.
  await form.getByTestId('stale-restore').click();
  await expect(form.getByTestId('agenda-form-title')).toHaveValue(myTitle);
  await expect(form.getByTestId('agenda-form-minutes')).toHaveValue('20');
  await form.getByTestId('agenda-form-submit').click();
  await expect(form).toHaveCount(0);
  await expect(item(mine).getByTestId('agenda-item-title')).toHaveText(myTitle);
  await expect(item(theirs).getByTestId('agenda-item-title')).toHaveText(myTitle);
  await expect(item(theirs).getByTestId('agenda-item-minutes')).toHaveText('20 phút');
});

test('a stale edit of the meeting’s details is refused the same way, in English too', async ({ browser }) => {
  test.setTimeout(60_000);
  const [mine, theirs] = await twoSecretaries(browser);
  const place = await mine.getByTestId('meeting-place').innerText();
  await mine.getByTestId('lang-en').click();

  await mine.getByTestId('edit-meeting-button').click();
  await theirs.getByTestId('edit-meeting-button').click();
  const theirPlace = uniqueTitle('Phòng họp số 5');
  await theirs.getByTestId('meeting-form-place').fill(theirPlace);
  await theirs.getByTestId('meeting-form-submit').click();
  await expect(theirs.getByTestId('meeting-place')).toHaveText(theirPlace);

  const form = mine.getByTestId('meeting-edit-form');
  const myPlace = uniqueTitle('Hội trường B');
  await form.getByTestId('meeting-form-place').fill(myPlace);
  await form.getByTestId('meeting-form-submit').click();
  await expect(form.getByTestId('meeting-form-error')).toHaveAttribute('data-code', 'STALE_EDIT');
  await expect(form.getByTestId('meeting-form-error')).toHaveText(ERROR_CATALOGUE.STALE_EDIT.en);
  await expect(form.getByTestId('meeting-form-place')).toHaveValue(theirPlace);
  await expect(form).toContainText(`Your text: “${myPlace}”`);
  await expect(form.getByTestId('stale-notice')).toContainText('What you typed is kept under each field.');

  // Saving what is shown now changes nothing; the other place stands.
  await form.getByTestId('meeting-form-submit').click();
  await expect(form).toHaveCount(0);
  await expect(mine.getByTestId('meeting-place')).toHaveText(theirPlace);

  // Put back as it was, for the other tests.
  await theirs.getByTestId('edit-meeting-button').click();
  await theirs.getByTestId('meeting-form-place').fill(place);
  await theirs.getByTestId('meeting-form-submit').click();
  await expect(mine.getByTestId('meeting-place')).toHaveText(place);
  await mine.getByTestId('lang-vi').click();
});
