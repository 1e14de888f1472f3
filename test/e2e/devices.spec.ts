import { closePeople, expect, personPage, test } from './fixtures.js';
import { openDialog, snapshot } from './vote-helpers.js';
import { idbRecords, storedDeviceId, storedSession } from './browser-storage.js';

test.afterEach(closePeople);

test('on a phone the admin finds a delegate’s browser by name, revokes it after naming it, and the delegate’s tab erases itself and says why', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const delegate = await personPage(browser, 'daibieu3');
  const deviceId = await storedDeviceId(delegate);
  expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);

  const admin = await personPage(browser, 'admin', { viewport: { width: 390, height: 844 }, hasTouch: true });
  await admin.goto('/#/admin/devices');
  await expect(admin.getByTestId('admin-devices')).toBeVisible();
  await admin.getByTestId('devices-search').fill('daibieu3');
  const card = admin.getByTestId(`device-${deviceId}`);
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-revoked', 'no');
  await expect(card.locator('time').first()).toHaveAttribute('datetime', /Z$/);
  // Nobody else's devices are listed under this name.
  await expect(admin.getByTestId('devices-list').locator('li').filter({ hasNotText: 'daibieu3' })).toHaveCount(0);
  const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const revoke = card.getByTestId('device-revoke');
  const box = await revoke.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

  await snapshot(admin, 'admin-devices-phone', card);
  await revoke.click();
  const dialog = openDialog(admin);
  await expect(dialog).toBeVisible();
  await snapshot(admin, 'admin-devices-confirm');
  const name = (await card.locator('h3').textContent()) ?? '';
  await expect(dialog).toContainText(name);
  const person = ((await card.locator('.device-card__person').textContent()) ?? '').split(' (')[0] ?? '';
  expect(person.length).toBeGreaterThan(0);
  await expect(dialog).toContainText(person);
  await dialog.getByTestId('confirm-dialog-confirm').click();
  await expect(card).toHaveAttribute('data-revoked', 'yes');
  await expect(card.getByTestId('device-revoked')).toBeVisible();
  await expect(admin.getByTestId('devices-done')).toBeVisible();

  // The delegate's tab is told at once: signed out, its data gone, the notice on the sign-in screen.
  const notice = delegate.getByTestId('revoked-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('data-scope', 'device');
  await snapshot(delegate, 'device-revoked-notice');
  await expect(delegate.getByTestId('meeting-list')).toHaveCount(0);
  expect(await storedSession(delegate)).toBeNull();
  // Wiped from the browser's storage too: meetings, papers, their copies; the device id stays (still revoked).
  expect(await idbRecords(delegate, 'cabinet-client', 'meetings')).toEqual([]);
  expect(await idbRecords(delegate, 'cabinet-client', 'documentLists')).toEqual([]);
  expect(await idbRecords(delegate, 'cabinet-documents', 'copies')).toEqual([]);
  expect(await idbRecords(delegate, 'cabinet-documents', 'blocks')).toEqual([]);
  expect(await storedDeviceId(delegate)).toBe(deviceId);
  // And a new sign-in from that browser is refused.
  await delegate.getByTestId('login-username').fill('daibieu3');
  await delegate.getByTestId('login-password').fill('wrong-or-right-it-does-not-matter');
  await delegate.getByTestId('login-submit').click();
  await expect(delegate.locator('[data-testid="login-error"][data-code="DEVICE_REVOKED"]')).toBeVisible();
});
