import { uuidv7 } from 'uuidv7';
import { makePdf } from '../support/pdf-fixtures.js';
import { expect, openDemoMeeting, personPage, test, uniqueTitle } from './fixtures.js';
import { afterDocumentTest, asSecretary, documentRow, meetingIdOf, uploadViaApi } from './document-helpers.js';
import { smallControls } from './touch-helpers.js';

test.afterEach(afterDocumentTest);

test('the secretary confirms an action item found in a paper, opens its page, and finds it in the minutes; a delegate sees it confirmed', async ({
  browser,
}) => {
  const secretary = await personPage(browser, 'thuky');
  await openDemoMeeting(secretary);
  const meetingId = await meetingIdOf(secretary);
  const firstItem = secretary.locator('[data-testid="agenda-item"][data-depth="0"]').first();
  const itemId = (await firstItem.getAttribute('data-item-id'))!;

  // A paper whose page 2 assigns work with a deadline, under the first agenda item.
  const code = `${Date.now() % 100_000}`;
  const task = `kiểm tra hồ sơ số ${code}`;
  const title = uniqueTitle('Kế hoạch phân công');
  const doc = await uploadViaApi(
    meetingId,
    title,
    await makePdf({
      pages: [
        'Kế hoạch tổ chức thực hiện nghị quyết',
        `Giao Sở Tài chính chủ trì ${task},\nhoàn thành trước ngày 31/12/2026.`,
      ],
    }),
  );
  await asSecretary(async (socket) => {
    const ack = (await socket.timeout(5_000).emitWithAck('document:update', {
      commandId: uuidv7(),
      meetingId,
      documentId: doc.id,
      agendaItemId: itemId,
    })) as { ok: boolean };
    expect(ack.ok).toBe(true);
  });
  await expect(documentRow(secretary, title)).toBeVisible();

  const panel = secretary.getByTestId('action-items');
  await expect(panel.getByTestId('action-items-label')).toContainText('Trích tự động');
  await panel.getByTestId('action-items-reload').click();
  const item = panel.getByTestId('action-item').filter({ hasText: task });
  await expect(item).toHaveAttribute('data-status', 'candidate', { timeout: 15_000 });
  await expect(item.getByTestId('action-item-who-text')).toHaveText('Sở Tài chính');
  await expect(item.getByTestId('action-item-when-text')).toHaveText('trước ngày 31/12/2026');
  await expect(item.getByTestId('action-item-open')).toContainText('trang 2');

  // The page opens the reader there.
  await item.getByTestId('action-item-open').click();
  const reader = secretary.getByTestId('reader');
  await expect(reader).toHaveAttribute('data-document-id', doc.id);
  await expect(reader).toHaveAttribute('data-page', '2', { timeout: 15_000 });
  await secretary.getByTestId('reader-close').click();

  // Corrected, then confirmed: an empty task is refused in the form, in Vietnamese, and nothing is sent.
  await item.getByTestId('action-item-edit').click();
  const form = item.getByTestId('action-item-form');
  await form.getByTestId('action-item-what').fill('');
  await form.getByTestId('action-item-form-submit').click();
  await expect(form.getByTestId('action-item-what')).toHaveAttribute('aria-invalid', 'true');
  await expect(item).toHaveAttribute('data-status', 'candidate');
  await form.getByTestId('action-item-what').fill(`chủ trì ${task}`);
  await form.getByTestId('action-item-when').fill('trước ngày 15/01/2027');
  await form.getByTestId('action-item-form-submit').click();
  await expect(item).toHaveAttribute('data-status', 'confirmed');
  await expect(item.getByTestId('action-item-when-text')).toHaveText('trước ngày 15/01/2027');

  // In the minutes, under the paper's agenda item.
  await secretary.getByTestId('minutes-link').click();
  await expect(secretary.getByTestId('minutes-page')).toBeVisible();
  const minutesTask = secretary.getByTestId('minutes-task').filter({ hasText: task });
  await expect(minutesTask).toContainText('Sở Tài chính');
  await expect(minutesTask).toContainText('(trước ngày 15/01/2027)');

  // A delegate sees the confirmed item, and no way to decide.
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  const seen = delegate.getByTestId('action-items').getByTestId('action-item').filter({ hasText: task });
  await expect(seen).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  await expect(seen.getByTestId('action-item-undo')).toHaveCount(0);
  await expect(delegate.getByTestId('action-items-label')).toContainText('đã được thư ký xác nhận');

  // Taken back, so the demo meeting's minutes are as they were.
  await asSecretary(async (socket) => {
    const key = await seen.getAttribute('data-key');
    const ack = (await socket
      .timeout(5_000)
      .emitWithAck('action-item:undo', { commandId: uuidv7(), meetingId, itemKey: key })) as { ok: boolean };
    expect(ack.ok).toBe(true);
  });
});

test('on a phone (390×844) the action items and their decisions fit the screen, every control 44 px', async ({
  browser,
}) => {
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const secretary = await personPage(browser, 'thuky', phone);
  await openDemoMeeting(secretary);
  const title = uniqueTitle('Phân công điện thoại');
  await uploadViaApi(
    await meetingIdOf(secretary),
    title,
    await makePdf({ pages: ['Đề nghị UBND các quận, huyện hoàn thành rà soát trước ngày 31/12/2026.'] }),
  );
  const panel = secretary.getByTestId('action-items');
  await panel.getByTestId('action-items-reload').click();
  const item = panel.getByTestId('action-item').filter({ hasText: 'UBND các quận, huyện' }).first();
  await expect(item).toHaveAttribute('data-status', 'candidate', { timeout: 15_000 });
  await item.scrollIntoViewIfNeeded();
  await item.getByTestId('action-item-edit').click();
  const bounds = (await panel.boundingBox())!;
  expect(bounds.x).toBeGreaterThanOrEqual(0);
  expect(bounds.x + bounds.width).toBeLessThanOrEqual(390);
  for (const control of ['action-item-who', 'action-item-form-submit', 'action-item-open']) {
    const b = (await item.getByTestId(control).boundingBox())!;
    expect(b.x + b.width, control).toBeLessThanOrEqual(390);
    expect(b.height, control).toBeGreaterThanOrEqual(44);
  }
  expect(await secretary.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await smallControls(secretary)).toEqual([]);
});
