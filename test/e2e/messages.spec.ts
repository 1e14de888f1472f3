import { closePeople, demoAccount, expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';

test.afterEach(closePeople);

test('a delegate asks for a printed copy, the secretary answers, and the delegate sees the answer; another delegate sees nothing of it', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const delegate = await personPage(browser, 'daibieu1');
  const secretary = await personPage(browser, 'thuky');
  const neighbour = await personPage(browser, 'daibieu2');
  for (const page of [delegate, secretary, neighbour]) await openDemoMeeting(page);
  const words = uniqueTitle('Trang 3 tờ trình');

  // The delegate: the big "cần bản in" button chooses the topic (it sends nothing), then the
  // words, typed after the choice, then "Gửi yêu cầu".
  const panel = delegate.getByTestId('request-panel');
  await expect(panel.getByTestId('request-send')).toBeDisabled();
  const button = panel.getByTestId('request-topic-print');
  await expect(button).toHaveText('Cần bản in');
  const box = await button.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('request-sent')).toHaveCount(0);
  await panel.getByTestId('request-text').fill(words);
  await expect(panel.getByTestId('request-text-counter')).toHaveText(`${words.length}/500 ký tự`);
  await panel.getByTestId('request-send').click();
  await expect(panel.getByTestId('request-sent')).toBeVisible();
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  const mine = panel.getByTestId('my-request').filter({ hasText: words });
  await expect(mine.getByTestId('my-request-state')).toHaveText('Đã gửi');

  // The secretary's inbox shows it, with its sender, and counts it.
  const inbox = secretary.getByTestId('request-inbox');
  const item = inbox.getByTestId('inbox-request').filter({ hasText: words });
  await expect(item).toBeVisible();
  await expect(item).toContainText(demoAccount('daibieu1').displayName);
  await expect(item).toContainText('Cần bản in');
  await expect(inbox.getByTestId('request-inbox-count')).not.toHaveText('0');
  await item.getByTestId('inbox-acknowledge').click();
  await expect(mine.getByTestId('my-request-state')).toHaveText('Đang xử lý');
  await item.getByTestId('inbox-answer-text').fill('Đã mang bản in đến chỗ ngồi');
  await item.getByTestId('inbox-done').click();
  await expect(item).toHaveAttribute('data-state', 'done');

  // The delegate sees the answer and the state, live.
  await expect(mine.getByTestId('my-request-state')).toHaveText('Đã xong');
  await expect(mine.getByTestId('my-request-answer')).toContainText('Đã mang bản in đến chỗ ngồi');

  // Another delegate's page has nothing of it.
  await expect(neighbour.getByTestId('request-panel')).toBeVisible();
  await expect(neighbour.getByText(words)).toHaveCount(0);
  await expect(neighbour.getByTestId('request-inbox')).toHaveCount(0);
});

test('a notice to every tablet shows as a banner until it is closed, on the room display too', async ({ browser }) => {
  test.setTimeout(60_000);
  const chair = await personPage(browser, 'chutoa');
  const room = await personPage(browser, 'phonghop');
  for (const page of [chair, room]) await openDemoMeeting(page);
  const text = uniqueTitle('Nghỉ giải lao 10 phút');
  const composer = chair.getByTestId('notice-composer');
  await composer.getByTestId('notice-text').fill(text);
  await composer.getByTestId('notice-send').click();
  const banner = room.getByTestId('notice-banner').filter({ hasText: text });
  await expect(banner).toBeVisible();
  await expect(room.getByTestId('request-panel')).toHaveCount(0);
  await banner.getByTestId('notice-banner-dismiss').click();
  await expect(banner).toHaveCount(0);
  await room.reload();
  await expect(room.getByTestId('meeting-view')).toBeVisible();
  await expect(room.getByTestId('notice-banner').filter({ hasText: text })).toHaveCount(0);
});
