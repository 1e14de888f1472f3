import { expect, test, type Page } from '@playwright/test';
import { ERROR_CATALOGUE } from '../../shared/protocol/errors.js';
import { demoAccount, expectSameWindow, markWindow, openDemoMeeting, personPage, uniqueTitle } from './fixtures.js';
import {
  castBallot,
  checkInViaUi,
  checkOutViaUi,
  createVote,
  resultCount,
  runVote,
  snapshot,
  voteCard,
  voteRow,
} from './vote-helpers.js';

const DELEGATES = ['daibieu1', 'daibieu2', 'daibieu3'] as const;

/** Leaves no open vote behind for the next test, whatever happened in this one. */
async function cancelUnlessFinished(chair: Page, question: string): Promise<void> {
  const row = voteRow(chair, question);
  if ((await row.count()) === 0) return;
  const status = await row.getAttribute('data-status');
  if (status === 'draft' || status === 'open' || status === 'closed') {
    await row.getByTestId('vote-cancel-button').click();
    await chair.locator('[data-testid="confirm-dialog"][open]').getByTestId('confirm-dialog-confirm').click();
    await expect(row).toHaveAttribute('data-status', 'cancelled');
  }
}

test('the chair runs a named vote; three delegates vote; everyone and the room display see the same result', async ({
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
    // Closed is not published: nobody sees a result yet.
    await expect(voteCard(delegates[0]!, question)).toHaveAttribute('data-status', 'closed');
    await expect(voteCard(delegates[0]!, question).getByTestId('vote-result')).toHaveCount(0);
    await runVote(chair, question, 'publish');

    const results = [
      ...delegates.map((page) => voteCard(page, question).getByTestId('vote-result')),
      row.getByTestId('vote-result'),
      room.getByTestId('display-result').getByTestId('vote-result'),
    ];
    await expect(room.getByTestId('display-result-question')).toHaveText(question);
    for (const result of results) {
      await expect(result).toBeVisible();
      await expect(resultCount(result, 'yes')).toHaveText('2');
      await expect(resultCount(result, 'no')).toHaveText('1');
      await expect(resultCount(result, 'abstain')).toHaveText('0');
      await expect(result.getByTestId('result-ballots')).toHaveText('3');
      await expect(result.getByTestId('result-members')).toHaveText('4');
      await expect(result.getByTestId('result-outcome')).toHaveAttribute('data-outcome', 'accepted');
      await expect(result.getByTestId('result-outcome')).toContainText('Thông qua');
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

test('an absent delegate is told to check in; the secretary and the observer get no ballot', async ({ browser }) => {
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
    await castBallot(delegate, 'yes');
    const error = panel.getByTestId('ballot-error');
    await expect(error).toHaveAttribute('data-code', 'NOT_PRESENT');
    await expect(error).toHaveText(ERROR_CATALOGUE.NOT_PRESENT.vi);
    await expect(panel.getByTestId('ballot-recorded')).toHaveCount(0);
    await expect(voteRow(chair, question).getByTestId('vote-progress')).toHaveAttribute('data-voted', '0');

    // Checking in right there clears the way; the secretary sees it at once.
    await panel.getByTestId('ballot-check-in').click();
    await expect(panel.getByTestId('ballot-check-in')).toHaveCount(0);
    await expect(error).toHaveCount(0);
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
    // …while the same delegate gets it as soon as they leave the display.
    await member.getByTestId('display-exit').click();
    await expect(member.getByTestId('ballot-panel').getByTestId('ballot-question')).toHaveText(question);
    await expect(observer.getByTestId('quorum-panel')).toHaveCount(0);
    await expect(observer.getByTestId('vote-console')).toHaveCount(0);
  } finally {
    await cancelUnlessFinished(chair, question);
  }
  await expect(voteCard(delegate, question)).toHaveCount(0);
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
    const counts = await result.getByTestId('result-count').allInnerTexts();
    expect(counts).toEqual(['0', '1', '0', '0']);
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
