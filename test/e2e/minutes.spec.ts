import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { closePeople, expect, openDemoMeeting, personPage, test } from './fixtures.js';
import { smallControls } from './touch-helpers.js';

test.afterEach(closePeople);

const REASON = 'Đi công tác';
const DECISION = 'Kỳ họp thống nhất chương trình, khai mạc đúng giờ.';

function attendanceRow(page: Page, name: string) {
  return page
    .getByTestId('minutes-attendance-row')
    .filter({ has: page.getByTestId('minutes-attendance-name').getByText(name, { exact: true }) });
}

async function openMinutes(page: Page): Promise<string[]> {
  await openDemoMeeting(page);
  // Observers (the room's display) have no attendance, so the minutes do not list them.
  const names = await page
    .locator('[data-testid="participant-row"]')
    .evaluateAll((rows) =>
      rows
        .filter((row) => row.querySelector('select')?.value !== 'observer')
        .map((row) => row.querySelector('.people__name')?.textContent?.trim() ?? ''),
    );
  await page.getByTestId('minutes-link').click();
  await expect(page.getByTestId('minutes-page')).toBeVisible();
  await expect(page.getByTestId('minutes-attendance-row').first()).toBeVisible();
  return names;
}

test('the secretary drafts the minutes: attendance with a reason, a decision, saved and read back, then a PDF with them', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await personPage(browser, 'thuky');
  const participants = await openMinutes(page);
  expect(await smallControls(page)).toEqual([]);

  // Every participant of the meeting is in the attendance section.
  expect(participants.length).toBeGreaterThan(0);
  const listed = (await page.getByTestId('minutes-attendance-name').allTextContents()).map((n) => n.trim());
  for (const name of participants) expect(listed).toContain(name);

  // Absent, with the reason typed in Vietnamese.
  const absentee = 'Võ Quốc Bảo';
  const row = attendanceRow(page, absentee);
  await row.getByTestId('minutes-attendance-status').selectOption('absent');
  await row.getByTestId('minutes-attendance-reason').fill(REASON);
  await expect(page.getByTestId('minutes-unsaved')).toBeVisible();

  const firstItem = page.getByTestId('minutes-item').first();
  await firstItem.getByTestId('minutes-decisions').fill(DECISION);

  await page.getByTestId('minutes-save').click();
  await expect(page.getByTestId('minutes-saved-at')).toBeVisible();
  await expect(page.getByTestId('minutes-unsaved')).toBeHidden();
  const version = Number(await page.getByTestId('minutes-saved-at').getAttribute('data-version'));
  expect(version).toBeGreaterThanOrEqual(1);

  // Read back from the server.
  await page.reload();
  await expect(page.getByTestId('minutes-page')).toBeVisible();
  await expect(page.getByTestId('minutes-saved-at')).toHaveAttribute('data-version', String(version));
  await expect(attendanceRow(page, absentee).getByTestId('minutes-attendance-status')).toHaveValue('absent');
  await expect(attendanceRow(page, absentee).getByTestId('minutes-attendance-reason')).toHaveValue(REASON);
  await expect(page.getByTestId('minutes-item').first().getByTestId('minutes-decisions')).toHaveValue(DECISION);

  // The PDF holds the saved draft.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-export-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const path = await download.path();
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).normalize('NFC');
  // A reason wraps inside its table cell: compare with the line breaks as spaces.
  expect(text.replace(/\s+/g, ' ')).toContain(REASON);
  expect(text.replace(/\s+/g, ' ')).toContain(DECISION);
  await expect(page.getByTestId('minutes-export-done')).toBeVisible();

  // The Word file too.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('minutes-export-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  expect(
    readFileSync(await docx.path())
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');
});

test('the chair reads the minutes on a phone, without editing; a delegate has no minutes', async ({ browser }) => {
  const chair = await personPage(browser, 'chutoa', { viewport: { width: 390, height: 844 }, hasTouch: true });
  await openMinutes(chair);
  await expect(chair.getByTestId('minutes-page')).toHaveAttribute('data-read-only', 'true');
  await expect(chair.getByTestId('minutes-save')).toHaveCount(0);
  await expect(chair.getByTestId('minutes-attendance-status').first()).toBeDisabled();
  await expect(chair.getByTestId('minutes-export-pdf')).toBeEnabled();
  // One column: nothing wider than the phone, every control big enough for a finger.
  const overflow = await chair.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await smallControls(chair)).toEqual([]);

  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(delegate);
  await expect(delegate.getByTestId('room-display-link')).toBeVisible();
  await expect(delegate.getByTestId('minutes-link')).toHaveCount(0);
  // Typed in by hand, the address shows no minutes either.
  const meetingId = await delegate.getByTestId('meeting-view').getAttribute('data-meeting-id');
  await delegate.goto(`/#/meetings/${meetingId}/minutes`);
  await expect(delegate.getByTestId('minutes-forbidden')).toBeVisible();
});

test('two tablets of the secretary: the other is told of a newer draft, its stale save is refused, kept and saved over after review', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const first = await personPage(browser, 'thuky');
  const second = await personPage(browser, 'thuky');
  for (const page of [first, second]) {
    // "Leave without saving?": these pages only leave once saved.
    page.on('dialog', (dialog) => void dialog.accept());
    await openMinutes(page);
  }
  const item = (page: Page, n: number) => page.getByTestId('minutes-item').nth(n);

  await item(first, 1).getByTestId('minutes-discussion').fill('Tổ 1 đề nghị bổ sung số liệu quý IV.');
  await first.getByTestId('minutes-save').click();
  await expect(first.getByTestId('minutes-unsaved')).toBeHidden();
  const saved = Number(await first.getByTestId('minutes-saved-at').getAttribute('data-version'));

  // The second tablet hears of it while still on the older version.
  await expect(second.getByTestId('minutes-changed')).toBeVisible();
  const mine = 'Giao Ủy ban nhân dân thành phố hoàn thiện báo cáo.';
  await item(second, 2).getByTestId('minutes-decisions').fill(mine);
  await second.getByTestId('minutes-save').click();
  await expect(second.getByTestId('minutes-stale')).toBeVisible();
  await expect(item(second, 2).getByTestId('minutes-decisions')).toHaveValue(mine);

  // Kept after review, and saved over the newer version.
  await second.getByTestId('minutes-stale-mine').click();
  await expect(second.getByTestId('minutes-stale')).toBeHidden();
  await second.getByTestId('minutes-save').click();
  await expect(second.getByTestId('minutes-saved-at')).toHaveAttribute('data-version', String(saved + 1));

  // The first tablet loads it.
  await expect(first.getByTestId('minutes-changed')).toBeVisible();
  await first.getByTestId('minutes-changed-load').click();
  await expect(first.getByTestId('minutes-saved-at')).toHaveAttribute('data-version', String(saved + 1));
  await expect(item(first, 2).getByTestId('minutes-decisions')).toHaveValue(mine);
});
