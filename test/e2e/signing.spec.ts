import { readFileSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { makePdf } from '../support/pdf-fixtures.js';
import {
  expect,
  expectSameWindow,
  headerTool,
  markWindow,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';
import { afterDocumentTest, documentRow, meetingIdOf, openReader, uploadViaApi } from './document-helpers.js';
import { approveDialog, enrollFromLink, enrollmentCodeFor, ENROLLMENT_CODE } from './signing-helpers.js';
import { MIN, smallControls } from './touch-helpers.js';
import { createVote, openDialog, runVote, snapshot, voteRow } from './vote-helpers.js';

test.afterEach(afterDocumentTest);

const PIN = '246813';

/** A fresh paper in the demo meeting, seen by the secretary's page; answers its title. */
async function newPaper(secretary: Page, prefix: string): Promise<string> {
  const title = uniqueTitle(prefix);
  await uploadViaApi(await meetingIdOf(secretary), title, await makePdf({ pages: ['Dự thảo nghị quyết'] }));
  await expect(documentRow(secretary, title)).toBeVisible();
  return title;
}

test('the secretary shows a delegate’s enrolment code; the delegate enrols from its link, approves a paper with the PIN, and the secretary sees it verified at once', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const secretary = await personPage(browser, 'thuky');
  await openDemoMeeting(secretary);
  await markWindow(secretary);
  const title = await newPaper(secretary, 'Dự thảo cần phê duyệt');

  // (a) The participant's code: the QR, and the code in its three groups.
  const row = secretary.getByTestId('participant-row').filter({ hasText: 'Lê Hoàng Nam' });
  await row.getByTestId('participant-enrollment-code').click();
  const dialog = secretary.locator('[data-testid="enrollment-code-dialog"][open]');
  await expect(dialog).toBeVisible();
  const qr = dialog.getByTestId('enrollment-qr');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('alt', 'Mã QR đăng ký thiết bị');
  await expect(dialog.getByTestId('enrollment-code-text')).toHaveText(ENROLLMENT_CODE);
  await expect(dialog.getByTestId('enrollment-code-ca')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  const caShown = await dialog.getByTestId('enrollment-code-ca').innerText();
  await snapshot(secretary, 'signing-code-dialog');
  const link = (await qr.getAttribute('data-text'))!;
  expect(link).toContain('#/enroll?code=');
  await dialog.getByTestId('enrollment-code-close').click();
  await expect(dialog).toHaveCount(0);

  // (b) The delegate, on their own tablet, opens the link and enrols.
  const delegate = await personPage(browser, 'daibieu1');
  await enrollFromLink(delegate, link, PIN);
  // The device pins the CA the QR named, the one the secretary's screen showed.
  await expect(delegate.getByTestId('identity-ca')).toHaveText(caShown);
  await delegate.getByTestId('home-link').click();
  await openDemoMeeting(delegate);

  const reader = await openReader(delegate, title);
  await reader.getByTestId('approve-button').click();
  const approve = approveDialog(delegate);
  await expect(approve).toBeVisible();
  await expect(approve.getByTestId('approve-what')).toContainText(title);
  await snapshot(delegate, 'signing-approve-dialog');
  await approve.getByTestId('approve-pin').fill(PIN);
  await approve.getByTestId('approve-sign').click();
  await expect(approve.getByTestId('approve-done')).toBeVisible({ timeout: 15_000 });
  await approve.getByTestId('approve-close').click();

  // The secretary's list follows without a reload.
  const approvals = documentRow(secretary, title).getByTestId('approvals-panel');
  await expect(approvals.getByTestId('approvals-summary')).toHaveText('1 phê duyệt · 0 không phê duyệt');
  await approvals.getByTestId('approvals-summary').click();
  const item = approvals.getByTestId('approval-item').filter({ hasText: 'Lê Hoàng Nam' });
  await expect(item).toHaveAttribute('data-decision', 'approve');
  await expect(item.getByTestId('approval-verification')).toHaveText('Đã xác minh');
  await snapshot(secretary, 'signing-approvals', documentRow(secretary, title));
  await expectSameWindow(secretary);
});

test('a wrong PIN is refused and says how many tries are left; the approve dialog is touch-sized', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const secretary = await personPage(browser, 'thuky');
  await openDemoMeeting(secretary);
  const title = await newPaper(secretary, 'Tờ trình cần ý kiến');

  const options = { viewport: { width: 1024, height: 768 }, hasTouch: true };
  const delegate = await personPage(browser, 'daibieu2', options);
  await enrollFromLink(delegate, (await enrollmentCodeFor('daibieu2')).link, PIN);
  await delegate.getByTestId('home-link').click();
  await openDemoMeeting(delegate);

  await documentRow(delegate, title).getByTestId('reject-button').click();
  const dialog = approveDialog(delegate);
  await expect(dialog).toBeVisible();
  // Rejecting needs a reason before it can be signed.
  await dialog.getByTestId('approve-pin').fill('999999');
  await expect(dialog.getByTestId('approve-sign')).toBeDisabled();
  await dialog.getByTestId('approve-reason').fill('Cần bổ sung số liệu');
  await expect(dialog.getByTestId('approve-sign')).toBeEnabled();

  for (const id of ['approve-cancel', 'approve-sign']) {
    const box = (await dialog.getByTestId(id).boundingBox())!;
    expect(box.width, id).toBeGreaterThanOrEqual(MIN);
    expect(box.height, id).toBeGreaterThanOrEqual(MIN);
  }
  expect(await smallControls(delegate)).toEqual([]);

  await dialog.getByTestId('approve-sign').click();
  await expect(dialog.getByTestId('approve-error')).toBeVisible({ timeout: 15_000 });
  await expect(dialog.getByTestId('pin-attempts')).toBeVisible();
  await expect(dialog.getByTestId('pin-attempts')).toContainText(/\d/);
  const left = Number(await dialog.getByTestId('pin-attempts').getAttribute('data-left'));
  expect(left).toBeGreaterThan(0);

  // The right PIN then signs the rejection.
  await dialog.getByTestId('approve-pin').fill(PIN);
  await dialog.getByTestId('approve-sign').click();
  await expect(dialog.getByTestId('approve-done')).toBeVisible({ timeout: 15_000 });
  await dialog.getByTestId('approve-close').click();
  const item = documentRow(secretary, title).getByTestId('approval-item').filter({ hasText: 'Phạm Thị Lan' });
  await documentRow(secretary, title).getByTestId('approvals-summary').click();
  await expect(item).toHaveAttribute('data-decision', 'reject');
  await expect(item.getByTestId('approval-reason')).toContainText('Cần bổ sung số liệu');

  // The secretary's signed record of the meeting's approvals, as a file.
  const meetingId = await meetingIdOf(secretary);
  const [record] = await Promise.all([
    secretary.waitForEvent('download'),
    secretary.getByTestId('approval-export-button').click(),
  ]);
  expect(record.suggestedFilename()).toBe(`approvals-${meetingId}.json`);
  const text = readFileSync(await record.path(), 'utf8');
  expect(text).toContain('Cần bổ sung số liệu');
  await expect(secretary.getByTestId('approval-export-signature')).toBeVisible();
});

test('a published result is digitally signed, and checking its signature on the device says it is valid', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const chair = await personPage(browser, 'chutoa');
  await openDemoMeeting(chair);
  const question = uniqueTitle('Thông qua kế hoạch có ký số');
  await createVote(chair, { question, quorum: 'none' });
  try {
    await runVote(chair, question, 'open');
    await runVote(chair, question, 'close');
    await runVote(chair, question, 'publish');
  } catch (error) {
    if ((await openDialog(chair).count()) > 0) await chair.keyboard.press('Escape');
    const status = await voteRow(chair, question).getAttribute('data-status');
    if (status === 'open' || status === 'closed') await runVote(chair, question, 'cancel');
    throw error;
  }
  const signature = voteRow(chair, question).getByTestId('result-signature');
  await expect(signature.getByTestId('result-signed')).toHaveText(/Đã ký số/, { timeout: 15_000 });
  await signature.getByTestId('result-verify').click();
  const check = signature.getByTestId('result-check');
  await expect(check).toHaveAttribute('data-valid', 'true', { timeout: 15_000 });
  await expect(check).toContainText('Hợp lệ — ký bởi');
  await snapshot(chair, 'signing-result', voteRow(chair, question));
});

test('on a phone 360 px wide the enrolment page fits the screen and its controls are touch-sized', async ({
  browser,
}) => {
  const phone = await personPage(browser, 'daibieu3', { viewport: { width: 360, height: 740 }, hasTouch: true });
  await (await headerTool(phone, 'signing-link')).click();
  await expect(phone.getByTestId('enroll-form')).toBeVisible();
  // The device's name defaults to whose it is.
  await expect(phone.getByTestId('enroll-device-name')).toHaveValue(/Võ Quốc Bảo/);
  await expect(phone.getByTestId('enroll-pin')).toHaveAttribute('inputmode', 'numeric');
  await expect(phone.getByTestId('enroll-pin')).toHaveAttribute('autocomplete', 'off');
  await phone.getByTestId('enroll-code').fill('AAAA-BBBB-CCCC');
  await phone.getByTestId('enroll-pin').fill('12345');
  await expect(phone.getByTestId('enroll-submit')).toBeDisabled();
  await phone.getByTestId('enroll-pin').fill('123456');
  await phone.getByTestId('enroll-pin-again').fill('123457');
  await expect(phone.getByTestId('enroll-submit')).toBeDisabled();
  await phone.getByTestId('enroll-pin-again').fill('123456');
  await expect(phone.getByTestId('enroll-submit')).toBeEnabled();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await smallControls(phone)).toEqual([]);
  await snapshot(phone, 'signing-enroll-phone');

  // A code nobody made is refused with the catalogue's message.
  await phone.getByTestId('enroll-submit').click();
  await expect(phone.getByTestId('enroll-error')).toHaveAttribute('data-code', 'ENROLLMENT_CODE_INVALID', {
    timeout: 30_000,
  });
});

test('the admin makes an enrolment code from the devices page and revokes a device, which then erases itself and says why', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const delegate = await personPage(browser, 'daibieu3');
  await enrollFromLink(delegate, (await enrollmentCodeFor('daibieu3')).link, PIN);
  const fingerprint = (await delegate.getByTestId('identity-card').getAttribute('data-fingerprint'))!;

  const admin = await personPage(browser, 'admin');
  await admin.getByTestId('devices-link').click();
  await expect(admin.getByTestId('devices-page')).toBeVisible();

  // A code for anyone in the directory, with its QR.
  const users = admin.getByTestId('new-code-user');
  await users.selectOption({ label: await users.locator('option', { hasText: 'Võ Quốc Bảo' }).innerText() });
  await admin.getByTestId('new-code-submit').click();
  const dialog = admin.locator('[data-testid="enrollment-code-dialog"][open]');
  await expect(dialog.getByTestId('enrollment-qr')).toBeVisible();
  await expect(dialog.getByTestId('enrollment-code-text')).toHaveText(ENROLLMENT_CODE);
  await dialog.getByTestId('enrollment-code-close').click();

  const row = admin.locator(`[data-testid="certificate-row"][data-fingerprint="${fingerprint}"]`);
  await expect(row.getByTestId('certificate-status')).toHaveAttribute('data-status', 'valid');
  await row.getByTestId('certificate-revoke').click();
  const confirm = openDialog(admin);
  await expect(confirm).toContainText('vẫn giữ nguyên giá trị');
  await expect(confirm.getByTestId('confirm-dialog-confirm')).toBeDisabled();
  await confirm.getByTestId('revoke-reason').fill('Máy tính bảng bị mất');
  await confirm.getByTestId('confirm-dialog-confirm').click();
  await expect(row.getByTestId('certificate-status')).toHaveAttribute('data-status', 'revoked');
  await expect(row.getByTestId('certificate-revoked')).toContainText('Máy tính bảng bị mất');
  await snapshot(admin, 'signing-devices');

  // The device is told at once (it syncs again and asks after its certificate): its key and
  // papers go, it is signed out, and the sign-in screen says why.
  const notice = delegate.getByTestId('revoked-notice');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toContainText('dữ liệu cuộc họp trên thiết bị đã được xóa');
  await expect(notice).toContainText('Máy tính bảng bị mất');
  await delegate.getByTestId('revoked-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
});
