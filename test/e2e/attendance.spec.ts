import { type Locator, type Page } from '@playwright/test';
import { closePeople, demoAccount, expect, openDemoMeeting, personPage, test } from './fixtures.js';
import { snapshot } from './vote-helpers.js';

test.afterEach(closePeople);

const ROOM = demoAccount('phonghop').displayName;
const MEMBERS = ['chutoa', 'daibieu1', 'daibieu2', 'daibieu3'].map((u) => demoAccount(u).displayName);

function personRow(page: Page, name: string): Locator {
  return page.getByTestId('participant-row').filter({ hasText: name });
}

/** The count in the heading matches the member rows marked present: the secretary and observers never count. */
async function expectMembersCount(page: Page): Promise<void> {
  const count = page.getByTestId('participants-present-count');
  await expect(count).toHaveAttribute('data-members', '4');
  let present = 0;
  for (const name of MEMBERS) if ((await personRow(page, name).getAttribute('data-present')) === 'true') present += 1;
  await expect(count).toHaveAttribute('data-present', String(present));
  await expect(count).toHaveText(`Thành viên có mặt ${present}/4`);
}

test('the room display account has no attendance switch, and “present x/y” counts the members only', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const secretary = await personPage(browser, 'thuky');
  const chair = await personPage(browser, 'chutoa');
  const room = await personPage(browser, 'phonghop');
  for (const page of [secretary, chair, room]) await openDemoMeeting(page);

  // The keepers of the attendance: the secretary's editor and the chair's list.
  for (const page of [secretary, chair]) {
    const display = personRow(page, ROOM);
    await expect(display).toBeVisible();
    await expect(display.getByTestId('attendance-toggle')).toHaveCount(0);
    await expect(display.getByTestId('presence-none')).toHaveText('Không điểm danh');
    for (const name of MEMBERS) await expect(personRow(page, name).getByTestId('attendance-toggle')).toHaveCount(1);
    await expectMembersCount(page);
  }
  await snapshot(secretary, 'attendance-secretary', secretary.getByTestId('participants-editor'));

  // The secretary is not counted: no "check yourself in" panel asks her to. She marks herself
  // for the record in the list she keeps, and the members' count does not move.
  await expect(secretary.getByTestId('my-attendance')).toHaveCount(0);
  const mine = personRow(secretary, demoAccount('thuky').displayName).getByTestId('attendance-toggle');
  const before = await secretary.getByTestId('participants-present-count').getAttribute('data-present');
  const wasPresent = (await mine.getAttribute('data-present')) === 'true';
  await mine.click();
  await expect(mine).toHaveAttribute('data-present', String(!wasPresent));
  await expect(chair.getByTestId('participants-present-count')).toHaveAttribute('data-present', before ?? '');
  await expect(chair.getByTestId('quorum-present')).toHaveText(before ?? '');
  await expectMembersCount(secretary);

  // The room display's own page offers no check-in at all.
  await expect(room.getByTestId('meeting-view')).toBeVisible();
  await expect(room.getByTestId('my-attendance')).toHaveCount(0);
  await expect(room.getByTestId('my-attendance-button')).toHaveCount(0);
});
