import { closePeople, expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import { castBallot, checkInViaUi, openDialog, runVote, snapshot, voteCard, voteRow } from './vote-helpers.js';

test.afterEach(closePeople);

test('a draft starts from the meeting’s defaults and is edited before it opens', async ({ browser }) => {
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu2');
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);

  await chair.getByTestId('new-vote-button').click();
  const form = chair.getByTestId('new-vote-form');
  // The demo council's defaults: more than half of all members, no separate quorum.
  await expect(form.getByTestId('vote-form-rule')).toHaveValue('absolute');
  await expect(form.getByTestId('vote-form-base')).toHaveValue('members');
  await expect(form.getByTestId('vote-form-quorum')).toHaveValue('none');
  const draft = uniqueTitle('Dự thảo biểu quyết');
  await form.getByTestId('vote-form-question').fill(draft);
  await form.getByTestId('vote-form-submit').click();
  await expect(form).toHaveCount(0);

  const question = uniqueTitle('Thông qua Nghị quyết về biên chế');
  const row = voteRow(chair, draft);
  await expect(row).toHaveAttribute('data-status', 'draft');
  const voteId = await row.getAttribute('data-vote-id');
  await row.getByTestId('vote-edit-button').click();
  const edit = chair.getByTestId('edit-vote-form');
  await expect(edit.getByTestId('vote-form-question')).toHaveValue(draft);
  await expect(edit.getByTestId('vote-form-rule')).toHaveValue('absolute');
  await edit.getByTestId('vote-form-question').fill(question);
  await edit.getByTestId('vote-form-quorum').selectOption('half');
  await edit.getByTestId('vote-form-kind-secret').check();
  await snapshot(chair, 'vote-edit-draft', edit);
  await edit.getByTestId('vote-form-submit').click();
  await expect(edit).toHaveCount(0);

  // The same vote, changed as a whole.
  const edited = chair.locator(`[data-testid="vote-row"][data-vote-id="${voteId}"]`);
  await expect(edited.getByTestId('vote-question')).toHaveText(question);
  await expect(edited.getByTestId('vote-rules')).toContainText('Bỏ phiếu kín');
  await expect(edited.getByTestId('vote-rules')).toContainText('ít nhất một nửa số thành viên');
  // A draft is the console's alone: delegates see neither it nor its edit.
  await expect(voteCard(delegate, question)).toHaveCount(0);

  // Dropping a draft nobody saw needs no reason.
  await edited.getByTestId('vote-cancel-button').click();
  const dialog = openDialog(chair);
  await expect(dialog.getByTestId('vote-cancel-reason')).toHaveCount(0);
  await dialog.getByTestId('confirm-dialog-confirm').click();
  await expect(edited).toHaveAttribute('data-status', 'cancelled');
  await expect(voteCard(delegate, question)).toHaveCount(0);
});

test('a closed vote is cancelled only with a reason; every participant then sees it cancelled, with why and when', async ({
  browser,
}) => {
  // Four people signed in, a vote run to its close and cancelled: more than the default 30 s on two cores.
  test.setTimeout(90_000);
  const chair = await personPage(browser, 'chutoa');
  const voter = await personPage(browser, 'daibieu1');
  const other = await personPage(browser, 'daibieu2');
  const room = await personPage(browser, 'phonghop');
  for (const page of [chair, voter, other, room]) await openDemoMeeting(page);
  await checkInViaUi(voter);
  const meetingId = await chair.getByTestId('meeting-view').getAttribute('data-meeting-id');
  await room.goto(`/#/display/${meetingId}`);

  const question = uniqueTitle('Biểu quyết sẽ bị hủy');
  const reason = 'Nội dung tờ trình có sai sót, sẽ biểu quyết lại sau khi chỉnh sửa';
  await chair.getByTestId('new-vote-button').click();
  await chair.getByTestId('vote-form-question').fill(question);
  await chair.getByTestId('vote-form-submit').click();
  const row = voteRow(chair, question);
  try {
    await runVote(chair, question, 'open');
    await castBallot(voter, 'yes');
    await expect(voter.getByTestId('ballot-recorded')).toBeVisible();
    await voter.getByTestId('ballot-close').click();
    await runVote(chair, question, 'close');
    await expect(row.getByTestId('vote-private-result')).toBeVisible();

    await row.getByTestId('vote-cancel-button').click();
    const dialog = openDialog(chair);
    const field = dialog.getByTestId('vote-cancel-reason');
    const confirm = dialog.getByTestId('confirm-dialog-confirm');
    await expect(field).toBeFocused();
    await expect(confirm).toBeDisabled();
    await field.fill('   ');
    await expect(confirm).toBeDisabled();
    await field.fill(reason);
    await expect(confirm).toBeEnabled();
    await snapshot(chair, 'vote-cancel-reason');
    // Going back keeps the vote as it was, and the next try asks for the reason afresh.
    await dialog.getByTestId('confirm-dialog-cancel').click();
    await expect(row).toHaveAttribute('data-status', 'closed');
    await row.getByTestId('vote-cancel-button').click();
    await expect(openDialog(chair).getByTestId('vote-cancel-reason')).toHaveValue('');
    await expect(openDialog(chair).getByTestId('confirm-dialog-confirm')).toBeDisabled();
    await openDialog(chair).getByTestId('vote-cancel-reason').fill(reason);
    await openDialog(chair).getByTestId('confirm-dialog-confirm').click();
    await expect(row).toHaveAttribute('data-status', 'cancelled');
  } finally {
    if ((await row.getAttribute('data-status')) !== 'cancelled') {
      if ((await openDialog(chair).count()) > 0) await chair.keyboard.press('Escape');
      await runVote(chair, question, 'cancel');
    }
  }

  // The one who voted and one who did not: the vote stays listed, cancelled, with the reason.
  for (const page of [voter, other]) {
    const card = voteCard(page, question);
    await expect(card).toHaveAttribute('data-status', 'cancelled');
    await expect(card.getByTestId('vote-status')).toHaveText('Đã hủy');
    await expect(card.getByTestId('vote-cancel-reason')).toHaveText(`Lý do: ${reason}`);
    await expect(card.getByTestId('vote-cancelled-at')).toContainText('Đã hủy lúc');
    // Cancelled after its close: what was counted is shown to all, marked void, never buried.
    await expect(card.getByTestId('vote-cancelled-result')).toContainText('không có hiệu lực');
    await expect(card.getByTestId('vote-cancelled-result').getByTestId('vote-result')).toHaveCount(1);
  }
  await snapshot(other, 'vote-cancelled-card', voteCard(other, question));
  // The console keeps it too, with the reason; the room shows it cancelled, never as a result.
  await expect(row.getByTestId('vote-cancel-reason')).toHaveText(`Lý do: ${reason}`);
  await expect(row.getByTestId('vote-private-result')).toHaveCount(0);
  await expect(room.getByTestId('display-quiet-question')).toHaveText(question);
  await expect(room.getByTestId('display-note')).toHaveText('Biểu quyết này đã bị hủy.');
  await expect(room.getByTestId('display-cancel-reason')).toHaveText(`Lý do: ${reason}`);
  await expect(room.getByTestId('display-result')).toHaveCount(0);

  await other.getByTestId('lang-en').click();
  await expect(voteCard(other, question).getByTestId('vote-cancel-reason')).toHaveText(`Reason: ${reason}`);
  await expect(voteCard(other, question).getByTestId('vote-cancelled-at')).toContainText('Cancelled at');
  await other.getByTestId('lang-vi').click();
});
