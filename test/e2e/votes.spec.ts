import { type Page } from '@playwright/test';
import { ERROR_CATALOGUE } from '../../shared/protocol/errors.js';
import {
  closePeople,
  demoAccount,
  expect,
  expectSameWindow,
  markWindow,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';
import {
  castBallot,
  checkInViaUi,
  checkOutViaUi,
  createVote,
  openDialog,
  resultCount,
  resultShare,
  runVote,
  snapshot,
  TEST_CANCEL_REASON,
  voteCard,
  voteRow,
} from './vote-helpers.js';

test.afterEach(closePeople);

const DELEGATES = ['daibieu1', 'daibieu2', 'daibieu3'] as const;

/** Leaves no open vote behind for the next test, whatever happened in this one. */
async function cancelUnlessFinished(chair: Page, question: string): Promise<void> {
  const row = voteRow(chair, question);
  if ((await row.count()) === 0) return;
  const status = await row.getAttribute('data-status');
  if (status === 'draft' || status === 'open' || status === 'closed') {
    // A test that failed with a dialog open: close it, or it holds every other touch.
    if ((await openDialog(chair).count()) > 0) await chair.keyboard.press('Escape');
    await runVote(chair, question, 'cancel');
  }
}

test('the chair runs a named vote; three delegates vote; the chair sees the result alone, publishes it, and everyone and the room display see it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const chair = await personPage(browser, 'chutoa');
  const delegates = [] as Page[];
  for (const name of DELEGATES) delegates.push(await personPage(browser, name));
  const room = await personPage(browser, 'phonghop');

  await openDemoMeeting(chair);
  await expect(chair.getByTestId('vote-console')).toBeVisible();
  for (const page of delegates) {
    await openDemoMeeting(page);
    await checkInViaUi(page);
    await markWindow(page);
  }
  // The chair's quorum panel follows the check-ins: three delegates of four members is a majority.
  await expect(chair.getByTestId('quorum-members')).toHaveText('4');
  await expect(chair.getByTestId('quorum-present')).toHaveText(/^[34]$/);
  await expect(chair.getByTestId('quorum-panel')).toHaveAttribute('data-reached', 'true');

  await openDemoMeeting(room);
  await room.getByTestId('room-display-link').click();
  await expect(room.getByTestId('room-display')).toBeVisible();
  await expect(room.getByTestId('display-meeting-title')).toHaveText(
    await chair.getByTestId('meeting-heading').innerText(),
  );

  const question = uniqueTitle('Thông qua Nghị quyết về dự toán ngân sách năm 2027');
  try {
    await createVote(chair, { question, agendaItem: 'Biểu quyết thông qua Nghị quyết', minutes: 10 });
    // A draft is the chair's alone: no delegate is asked to vote on it yet.
    await expect(voteRow(chair, question).getByTestId('vote-agenda-item')).toContainText(
      'Biểu quyết thông qua Nghị quyết',
    );
    await expect(delegates[0]!.getByTestId('ballot-panel')).toHaveCount(0);

    await runVote(chair, question, 'open');
    const row = voteRow(chair, question);
    await expect(row.getByTestId('vote-progress')).toHaveAttribute('data-voted', '0');
    await expect(room.getByTestId('display-question')).toHaveText(question);
    await expect(room.getByTestId('display-voted')).toHaveText('0');
    // The open vote alone: an earlier result beside it would be read as this vote's.
    await expect(room.getByTestId('display-result')).toHaveCount(0);
    // Ten minutes to vote: the chair, the room and each ballot count them down.
    for (const countdown of [row.getByTestId('vote-countdown'), room.getByTestId('display-countdown')]) {
      await expect(countdown).toHaveText(/^(Còn )?(10:00|9:[0-5]\d)$/);
    }

    // Each delegate's ballot appears by itself, on the page they are on.
    for (const page of delegates) {
      const panel = page.getByTestId('ballot-panel');
      await expect(panel).toBeVisible();
      await expect(panel.getByTestId('ballot-question')).toHaveText(question);
      await expect(panel.getByTestId('ballot-kind')).toHaveAttribute('data-kind', 'named');
      await expect(panel.getByTestId('ballot-option')).toHaveCount(3);
      await expect(panel.getByTestId('ballot-countdown')).toHaveText(/^Còn (10:00|9:[0-5]\d)$/);
    }
    await snapshot(delegates[0]!, 'ballot-panel');

    const choices = ['yes', 'yes', 'no'] as const;
    const titles = { yes: 'Xác nhận biểu quyết: Tán thành?', no: 'Xác nhận biểu quyết: Không tán thành?' };
    for (const [i, page] of delegates.entries()) {
      const choice = choices[i]!;
      await castBallot(page, choice, titles[choice]);
      await expect(page.getByTestId('ballot-recorded')).toHaveText(/Phiếu của bạn đã được ghi nhận/);
      // The chair watches the count rise, live.
      await expect(row.getByTestId('vote-progress')).toHaveAttribute('data-voted', String(i + 1));
      await page.getByTestId('ballot-close').click();
      await expect(page.getByTestId('ballot-panel')).toHaveCount(0);
      await expect(voteCard(page, question).getByTestId('my-ballot')).toHaveAttribute('data-voted', 'true');
    }
    await expect(row.getByTestId('vote-progress')).toContainText('3/');
    const voters = row.getByTestId('vote-voter');
    await expect(voters).toHaveCount(3);
    for (const name of DELEGATES)
      await expect(voters.filter({ hasText: demoAccount(name).displayName })).toHaveCount(1);
    await expect(room.getByTestId('display-voted')).toHaveText('3');
    await snapshot(chair, 'chair-console-open-vote', chair.getByTestId('vote-console'));
    await snapshot(room, 'room-display-open-vote');

    await runVote(chair, question, 'close');
    // Closed is not published: the chair sees the result, marked as theirs alone…
    const preview = row.getByTestId('vote-private-result');
    await expect(preview.getByTestId('vote-private-label')).toHaveText('Chỉ bạn thấy kết quả này cho tới khi công bố.');
    await expect(resultCount(preview, 'yes')).toHaveText('2');
    await expect(resultCount(preview, 'no')).toHaveText('1');
    await expect(preview.getByTestId('result-outcome')).toHaveAttribute('data-outcome', 'rejected');
    await snapshot(chair, 'chair-private-result', row);
    // …and nobody else: not the delegates, not the room, which says the result is coming.
    for (const page of delegates) {
      await expect(voteCard(page, question)).toHaveAttribute('data-status', 'closed');
      await expect(voteCard(page, question).getByTestId('vote-result')).toHaveCount(0);
      await expect(voteCard(page, question).getByTestId('vote-private-result')).toHaveCount(0);
    }
    await expect(room.getByTestId('display-quiet-question')).toHaveText(question);
    await expect(room.getByTestId('display-note')).toHaveText('Biểu quyết đã kết thúc. Kết quả chưa được công bố.');
    await expect(room.getByTestId('display-result')).toHaveCount(0);

    // Publishing asks first, with the outcome; going back publishes nothing.
    await row.getByTestId('vote-publish-button').click();
    let dialog = openDialog(chair);
    await expect(dialog.getByTestId('result-summary')).toHaveAttribute('data-outcome', 'rejected');
    await expect(dialog.getByTestId('result-summary')).toContainText('Không thông qua');
    await snapshot(chair, 'chair-publish-confirm');
    await dialog.getByTestId('confirm-dialog-cancel').click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveAttribute('data-status', 'closed');
    await expect(voteCard(delegates[0]!, question).getByTestId('vote-result')).toHaveCount(0);
    await row.getByTestId('vote-publish-button').click();
    dialog = openDialog(chair);
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await expect(row).toHaveAttribute('data-status', 'published');

    const results = [
      ...delegates.map((page) => voteCard(page, question).getByTestId('vote-result')),
      row.getByTestId('vote-result'),
      room.getByTestId('display-result').getByTestId('vote-result'),
    ];
    await expect(room.getByTestId('display-result-question')).toHaveText(question);
    await expect(room.getByTestId('display-open-vote')).toHaveCount(0);
    for (const result of results) {
      await expect(result).toBeVisible();
      // Counts, and shares of all four members: the chair did not vote.
      const shares = { yes: ['2', '50%'], no: ['1', '25%'], abstain: ['0', '0%'] } as const;
      for (const [option, [count, share]] of Object.entries(shares)) {
        await expect(resultCount(result, option)).toHaveText(count);
        await expect(resultShare(result, option)).toHaveText(share);
      }
      await expect(result.getByTestId('result-did-not-vote').getByTestId('result-count')).toHaveText('1');
      await expect(result.getByTestId('result-did-not-vote').getByTestId('result-share')).toHaveText('25%');
      await expect(result.getByTestId('result-did-not-vote')).toContainText('Không tham gia biểu quyết');
      await expect(result.getByTestId('result-ballots')).toHaveText('3');
      await expect(result.getByTestId('result-members')).toHaveText('4');
      // The council default: more than half of all members, so 2 of 4 is not enough.
      await expect(result.getByTestId('result-outcome')).toHaveAttribute('data-outcome', 'rejected');
      await expect(result.getByTestId('result-outcome')).toContainText('Không thông qua');
      await expect(result.getByTestId('result-named-row')).toHaveCount(3);
    }
    const named = row.getByTestId('result-named-row').filter({ hasText: demoAccount('daibieu3').displayName });
    await expect(named.getByTestId('result-named-choice')).toHaveText('Không tán thành');
    await snapshot(chair, 'chair-published-result', row);
    await snapshot(room, 'room-display-result');
    for (const page of delegates) await expectSameWindow(page);
  } finally {
    await cancelUnlessFinished(chair, question);
  }
});

test('an absent delegate checks in from the ballot before voting; the secretary and the observer get no ballot', async ({
  browser,
}) => {
  // Five people signed in on two cores: the sign-ins alone take a good part of the default 30 s.
  test.setTimeout(90_000);
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu3');
  const secretary = await personPage(browser, 'thuky');
  const observer = await personPage(browser, 'phonghop');
  for (const page of [chair, delegate, secretary, observer]) await openDemoMeeting(page);
  await checkOutViaUi(delegate);
  // The secretary keeps the attendance: the delegate shows as absent there.
  const row = secretary.getByTestId('participant-row').filter({ hasText: demoAccount('daibieu3').displayName });
  await expect(row.getByTestId('attendance-toggle')).toHaveAttribute('aria-checked', 'false');

  const question = uniqueTitle('Biểu quyết khi vắng mặt');
  try {
    await createVote(chair, { question });
    await runVote(chair, question, 'open');

    const panel = delegate.getByTestId('ballot-panel');
    await expect(panel).toBeVisible();
    // Not checked in: the ballot says so first, and its buttons wait.
    await expect(panel.getByTestId('ballot-check-in-box')).toContainText('Bạn chưa điểm danh có mặt.');
    await expect(panel.getByTestId('ballot-check-in')).toBeVisible();
    const options = panel.getByTestId('ballot-option');
    await expect(options).toHaveCount(3);
    for (const option of await options.all()) await expect(option).toBeDisabled();
    await snapshot(delegate, 'ballot-before-check-in');
    await expect(voteRow(chair, question).getByTestId('vote-progress')).toHaveAttribute('data-voted', '0');

    // Checking in right there clears the way; the secretary sees it at once.
    await panel.getByTestId('ballot-check-in').click();
    await expect(panel.getByTestId('ballot-check-in-box')).toHaveCount(0);
    for (const option of await options.all()) await expect(option).toBeEnabled();
    await expect(row.getByTestId('attendance-toggle')).toHaveAttribute('aria-checked', 'true');
    await castBallot(delegate, 'no');
    await expect(panel.getByTestId('ballot-recorded')).toBeVisible();
    await expect(voteRow(chair, question).getByTestId('vote-progress')).toHaveAttribute('data-voted', '1');

    // The secretary and the observer follow the vote, but have no vote: no ballot, no banner.
    for (const page of [secretary, observer]) {
      await expect(voteCard(page, question)).toHaveAttribute('data-status', 'open');
      await expect(voteCard(page, question).getByTestId('vote-progress')).toHaveAttribute('data-voted', '1');
      await expect(page.getByTestId('ballot-panel')).toHaveCount(0);
      await expect(page.getByTestId('ballot-banner')).toHaveCount(0);
      await expect(voteCard(page, question).getByTestId('my-ballot')).toHaveCount(0);
    }
    await expect(secretary.getByTestId('quorum-panel')).toBeVisible();

    // The room display never asks for a ballot, even from a delegate who has not voted yet…
    const meetingId = await chair.getByTestId('meeting-view').getAttribute('data-meeting-id');
    const member = await personPage(browser, 'daibieu1');
    await member.goto(`/#/display/${meetingId}`);
    await expect(member.getByTestId('display-question')).toHaveText(question);
    await expect(member.getByTestId('ballot-panel')).toHaveCount(0);
    await expect(member.getByTestId('ballot-banner')).toHaveCount(0);
    // …while the same delegate gets it as soon as they leave the display (Escape: no control on screen).
    await member.keyboard.press('Escape');
    await expect(member.getByTestId('ballot-panel').getByTestId('ballot-question')).toHaveText(question);
    await expect(observer.getByTestId('quorum-panel')).toHaveCount(0);
    await expect(observer.getByTestId('vote-console')).toHaveCount(0);
  } finally {
    await cancelUnlessFinished(chair, question);
  }
  // Cancelled after it opened: it stays listed for everyone, with the reason.
  await expect(voteCard(delegate, question)).toHaveAttribute('data-status', 'cancelled');
  await expect(voteCard(delegate, question).getByTestId('vote-cancel-reason')).toContainText(TEST_CANCEL_REASON);
});

test('a secret election with changeable ballots: the second choice counts, once', async ({ browser }) => {
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);
  await checkInViaUi(delegate);

  const question = uniqueTitle('Bầu Trưởng ban Pháp chế');
  try {
    await createVote(chair, {
      question,
      secret: true,
      candidates: ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'],
      // Most votes wins: one ballot of four members elects nobody under the meeting's default.
      rule: 'simple',
      quorum: 'none',
      allowChange: true,
    });
    await runVote(chair, question, 'open');

    const panel = delegate.getByTestId('ballot-panel');
    await expect(panel.getByTestId('ballot-kind')).toHaveAttribute('data-kind', 'secret');
    const option = (name: string) => panel.getByTestId('ballot-option').filter({ hasText: name });
    await option('Nguyễn Văn An').click();
    // One seat: once a candidate is chosen, the others wait until it is unchosen.
    await expect(option('Trần Thị Bình')).toBeDisabled();
    await panel.getByTestId('ballot-submit').click();
    await delegate.locator('[data-testid="confirm-dialog"][open]').getByTestId('confirm-dialog-confirm').click();
    await expect(panel.getByTestId('ballot-recorded')).toBeVisible();
    await expect(voteRow(chair, question).getByTestId('vote-progress')).toHaveAttribute('data-voted', '1');
    // A secret vote names nobody, even to the chair.
    await expect(voteRow(chair, question).getByTestId('vote-voters')).toHaveCount(0);

    await panel.getByTestId('ballot-change').click();
    await option('Trần Thị Bình').click();
    await panel.getByTestId('ballot-submit').click();
    await delegate.locator('[data-testid="confirm-dialog"][open]').getByTestId('confirm-dialog-confirm').click();
    await expect(panel.getByTestId('ballot-recorded')).toBeVisible();
    await expect(panel).toContainText('Trần Thị Bình');

    await runVote(chair, question, 'close');
    await runVote(chair, question, 'publish');
    const result = voteCard(delegate, question).getByTestId('vote-result');
    await expect(result.getByTestId('result-ballots')).toHaveText('1');
    await expect(result.getByTestId('result-outcome')).toHaveAttribute('data-outcome', 'elected');
    await expect(result.getByTestId('result-elected')).toHaveText(/Trần Thị Bình/);
    await expect(result.locator('[data-testid="result-bar"][data-emphasis="winner"]')).toHaveCount(1);
    await expect(result.getByTestId('result-named')).toHaveCount(0);
    const counts = await result.locator('[data-testid="result-bar"] [data-testid="result-count"]').allInnerTexts();
    expect(counts).toEqual(['0', '1', '0', '0']);
    // Three of the four members cast no ballot.
    await expect(result.getByTestId('result-did-not-vote').getByTestId('result-count')).toHaveText('3');
  } finally {
    await cancelUnlessFinished(chair, question);
  }
});

test('a ballot cast offline waits for the connection, and is refused once the vote has closed', async ({ browser }) => {
  const chair = await personPage(browser, 'chutoa');
  const delegate = await personPage(browser, 'daibieu2');
  await openDemoMeeting(chair);
  await openDemoMeeting(delegate);
  await checkInViaUi(delegate);

  const question = uniqueTitle('Biểu quyết khi mất kết nối');
  try {
    await createVote(chair, { question });
    await runVote(chair, question, 'open');
    const panel = delegate.getByTestId('ballot-panel');
    await expect(panel).toBeVisible();

    await delegate.context().setOffline(true);
    await expect(delegate.getByTestId('connection-badge')).toHaveAttribute('data-state', 'offline', {
      timeout: 15_000,
    });
    await castBallot(delegate, 'yes');
    await expect(panel.getByTestId('ballot-queued')).toHaveText(
      'Chưa có kết nối tới máy chủ: phiếu sẽ được gửi khi có kết nối trở lại.',
    );

    await runVote(chair, question, 'close');
    await delegate.context().setOffline(false);
    // Back online, the queued ballot reaches a closed vote: refused, and said on the ballot.
    await expect(panel.getByTestId('ballot-ended')).toBeVisible({ timeout: 15_000 });
    const error = panel.getByTestId('ballot-error');
    await expect(error).toHaveAttribute('data-code', 'VOTE_NOT_OPEN');
    await expect(error).toHaveText(ERROR_CATALOGUE.VOTE_NOT_OPEN.vi);
    await expect(panel.getByTestId('ballot-recorded')).toHaveCount(0);
    await panel.getByTestId('ballot-close').click();
    await expect(panel).toHaveCount(0);
    // Said once, on the ballot: not again as a general notice.
    await expect(delegate.getByTestId('rejected-notice')).toHaveCount(0);

    await runVote(chair, question, 'publish');
    await expect(voteRow(chair, question).getByTestId('result-ballots')).toHaveText('0');
  } finally {
    await delegate.context().setOffline(false);
    await cancelUnlessFinished(chair, question);
  }
});
