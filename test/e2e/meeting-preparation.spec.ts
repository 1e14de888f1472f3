import {
  agendaItem,
  closePeople,
  demoAccount,
  expect,
  expectSameWindow,
  markWindow,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';
import { createVote, openDialog, snapshot } from './vote-helpers.js';

test.afterEach(closePeople);

test('the secretary prepares a new meeting and publishes it to a delegate’s tablet', async ({ browser }) => {
  const secretary = await personPage(browser, 'thuky');
  const delegate = await personPage(browser, 'daibieu3');
  await markWindow(delegate);
  const title = uniqueTitle('Phiên họp thường kỳ');

  await secretary.getByTestId('new-meeting-button').click();
  const form = secretary.getByTestId('new-meeting-form');
  // The form checks itself, in the UI's language, next to each field.
  await form.getByTestId('meeting-form-starts-at-day').fill('31');
  await form.getByTestId('meeting-form-starts-at-month').fill('2');
  await form.getByTestId('meeting-form-submit').click();
  await expect(form.getByTestId('meeting-form-title')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('meeting-form-title')).toBeFocused();
  await expect(form.getByTestId('meeting-form-starts-at-error')).toHaveText(
    'Ngày không hợp lệ: ngày/tháng/năm, ví dụ 03/12/2026.',
  );
  await form.getByTestId('meeting-form-title').fill(title);
  await form.getByTestId('meeting-form-starts-at-day').fill('15');
  await form.getByTestId('meeting-form-starts-at-month').fill('1');
  await form.getByTestId('meeting-form-starts-at-year').fill('2027');
  await form.getByTestId('meeting-form-starts-at-hour').fill('14');
  await form.getByTestId('meeting-form-starts-at-minute').fill('30');
  await form.getByTestId('meeting-form-place').fill('Phòng họp số 2');
  await form.getByTestId('meeting-form-organisation').fill('Văn phòng Ủy ban');
  await form.getByTestId('meeting-form-submit').click();

  // The new meeting opens as a draft in the secretary's console.
  await expect(secretary.getByTestId('meeting-heading')).toHaveText(title);
  await expect(secretary.getByTestId('meeting-status')).toHaveAttribute('data-status', 'draft');
  await expect(secretary.getByTestId('meeting-time')).toHaveText('14:30, thứ Sáu, 15/01/2027');
  await expect(secretary.getByTestId('meeting-view')).toHaveAttribute('data-mode', 'console');

  await secretary.getByTestId('edit-meeting-button').click();
  await secretary.getByTestId('meeting-form-place').fill('Hội trường A');
  await secretary.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-place')).toHaveText('Hội trường A');

  const addForm = secretary.getByTestId('agenda-add-form');
  await addForm.getByTestId('agenda-form-title').fill('Khai mạc');
  await addForm.getByTestId('agenda-form-minutes').fill('5');
  await addForm.getByTestId('agenda-form-submit').click();
  await expect(agendaItem(secretary, 'Khai mạc').getByTestId('agenda-item-number')).toHaveText('1');
  await agendaItem(secretary, 'Khai mạc').getByTestId('agenda-item-add-sub').click();
  const subForm = secretary.getByTestId('agenda-add-sub-form');
  await subForm.getByTestId('agenda-form-title').fill('Giới thiệu đại biểu');
  await subForm.getByTestId('agenda-form-minutes').fill('5');
  await subForm.getByTestId('agenda-form-submit').click();
  await expect(agendaItem(secretary, 'Giới thiệu đại biểu').getByTestId('agenda-item-number')).toHaveText('1.1');
  await expect(secretary.getByTestId('agenda-total')).toContainText('10 phút');

  const invited = demoAccount('daibieu3');
  const addPerson = secretary.getByTestId('participant-add-form');
  await addPerson
    .getByTestId('participant-add-user')
    .selectOption({ label: `${invited.displayName} (${invited.username})` });
  await addPerson.getByTestId('participant-add-role').selectOption('delegate');
  await addPerson.getByTestId('participant-add-submit').click();
  const row = secretary.getByTestId('participant-row').filter({ hasText: invited.displayName });
  await expect(row.getByTestId('participant-role-select')).toHaveValue('delegate');

  // A draft stays hidden from delegates.
  await expect(delegate.getByTestId('meeting-card').filter({ hasText: title })).toHaveCount(0);

  await secretary.getByTestId('publish-button').click();
  await expect(secretary.getByTestId('confirm-dialog')).toBeVisible();
  await secretary.getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-status')).toHaveAttribute('data-status', 'published');
  await expect(secretary.getByTestId('publish-button')).toHaveCount(0);

  const card = delegate.getByTestId('meeting-card').filter({ hasText: title });
  await expect(card).toBeVisible({ timeout: 2000 });
  await card.click();
  await expect(agendaItem(delegate, 'Giới thiệu đại biểu').getByTestId('agenda-item-number')).toHaveText('1.1');
  await expect(delegate.getByTestId('meeting-place')).toHaveText('Hội trường A');
  await expectSameWindow(delegate);
});

test('a meeting may let its secretary run the votes, with its own vote defaults; without the setting only the chair does', async ({
  browser,
}) => {
  const secretary = await personPage(browser, 'thuky');
  const title = uniqueTitle('Phiên họp thư ký điều hành biểu quyết');

  await secretary.getByTestId('new-meeting-button').click();
  const form = secretary.getByTestId('new-meeting-form');
  await expect(form.getByTestId('meeting-form-secretary-runs-votes')).not.toBeChecked();
  await form.getByTestId('meeting-form-title').fill(title);
  await form.getByTestId('meeting-form-place').fill('Phòng họp số 3');
  await form.getByTestId('meeting-form-organisation').fill('Văn phòng Ủy ban');
  // A new meeting starts from the council's rule; this one wants two thirds of those present.
  await expect(form.getByTestId('meeting-form-vote-rule')).toHaveValue('absolute');
  await expect(form.getByTestId('meeting-form-vote-base')).toHaveValue('members');
  await expect(form.getByTestId('meeting-form-vote-quorum')).toHaveValue('none');
  await form.getByTestId('meeting-form-vote-rule').selectOption('two-thirds');
  await form.getByTestId('meeting-form-vote-base').selectOption('present');
  await form.getByTestId('meeting-form-vote-quorum').selectOption('majority');
  await form.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-heading')).toHaveText(title);
  await expect(secretary.getByTestId('meeting-vote-managers')).toHaveAttribute('data-value', 'chair');
  await expect(secretary.getByTestId('meeting-vote-defaults')).toHaveAttribute(
    'data-value',
    'two-thirds present majority',
  );
  await expect(secretary.getByTestId('meeting-vote-defaults')).toHaveText(
    'Hai phần ba trên số thành viên có mặt · Túc số: quá nửa số thành viên',
  );

  // Votes are run only in a published meeting: publish first, so that only the setting differs.
  await secretary.getByTestId('publish-button').click();
  await openDialog(secretary).getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-status')).toHaveAttribute('data-status', 'published');
  await expect(secretary.getByTestId('votes-section')).toBeVisible();
  await expect(secretary.getByTestId('vote-console')).toHaveCount(0);

  await secretary.getByTestId('edit-meeting-button').click();
  const edit = secretary.getByTestId('meeting-edit-form');
  await edit.getByTestId('meeting-form-secretary-runs-votes').check();
  await snapshot(secretary, 'meeting-form-secretary-runs-votes');
  await edit.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-vote-managers')).toHaveAttribute('data-value', 'chair secretary');
  await expect(secretary.getByTestId('meeting-vote-managers')).toHaveText('Chủ tọa và thư ký');
  await expect(secretary.getByTestId('vote-console')).toBeVisible();
  await expect(secretary.getByTestId('votes-section')).toHaveCount(0);
  // A new vote starts from the meeting's defaults.
  await secretary.getByTestId('new-vote-button').click();
  const voteForm = secretary.getByTestId('new-vote-form');
  await expect(voteForm.getByTestId('vote-form-rule')).toHaveValue('two-thirds');
  await expect(voteForm.getByTestId('vote-form-base')).toHaveValue('present');
  await expect(voteForm.getByTestId('vote-form-quorum')).toHaveValue('majority');
  await voteForm.getByTestId('vote-form-cancel').click();
  // The server agrees: the secretary's vote is made.
  await createVote(secretary, { question: uniqueTitle('Biểu quyết do thư ký tạo') });

  // Turned off again, the console goes with it.
  await secretary.getByTestId('edit-meeting-button').click();
  await expect(edit.getByTestId('meeting-form-secretary-runs-votes')).toBeChecked();
  await edit.getByTestId('meeting-form-secretary-runs-votes').uncheck();
  await edit.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-vote-managers')).toHaveAttribute('data-value', 'chair');
  await expect(secretary.getByTestId('vote-console')).toHaveCount(0);
  await expect(secretary.getByTestId('votes-section')).toBeVisible();
});
