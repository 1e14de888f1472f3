import { type Page } from '@playwright/test';
import { closePeople, expect, openDemoMeeting, personPage, test } from './fixtures.js';

test.afterEach(closePeople);

const EDITING_CONTROLS = [
  'agenda-editor',
  'agenda-add-form',
  'agenda-item-drag',
  'agenda-item-move-up',
  'agenda-item-edit',
  'agenda-item-delete',
  'edit-meeting-button',
  'participants-editor',
  'participant-role-select',
];

async function countControls(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const id of EDITING_CONTROLS) counts[id] = await page.getByTestId(id).count();
  return counts;
}

test('a delegate sees the agenda but none of the secretary’s editing controls', async ({ browser }) => {
  // The secretary first, so that the test ids checked below are known to exist.
  const secretary = await personPage(browser, 'thuky');
  await expect(secretary.getByTestId('new-meeting-button')).toBeVisible();
  await openDemoMeeting(secretary);
  await expect(secretary.getByTestId('meeting-view')).toHaveAttribute('data-mode', 'console');
  for (const [id, n] of Object.entries(await countControls(secretary))) {
    expect(n, `secretary sees ${id}`).toBeGreaterThan(0);
  }

  const delegate = await personPage(browser, 'daibieu1');
  await expect(delegate.getByTestId('new-meeting-button')).toHaveCount(0);
  await openDemoMeeting(delegate);
  await expect(delegate.getByTestId('meeting-view')).toHaveAttribute('data-mode', 'reader');
  await expect(delegate.getByTestId('agenda')).toBeVisible();
  await expect(delegate.getByTestId('participant-list')).toBeVisible();
  await expect(delegate.getByTestId('meeting-my-role')).toContainText('Đại biểu');
  expect(await countControls(delegate)).toEqual(Object.fromEntries(EDITING_CONTROLS.map((id) => [id, 0])));
  await expect(delegate.getByTestId('publish-button')).toHaveCount(0);
  await expect(delegate.getByRole('button', { name: /Sửa|Xóa|Thêm/ })).toHaveCount(0);
});
