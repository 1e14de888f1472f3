import { X509Certificate } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { closePeople, expect, openDemoMeeting, personPage, test } from './fixtures.js';
import { MIN } from './touch-helpers.js';
import { snapshot } from './vote-helpers.js';

test.afterEach(closePeople);

/** The meeting CA as the server hands it out at `/api/pki/ca`: its DER and its SHA-256 as people compare it. */
async function serverCa(page: Page): Promise<{ der: Buffer; fingerprint: string }> {
  const res = await page.request.get('/api/pki/ca');
  expect(res.ok()).toBe(true);
  const cert = new X509Certificate(await res.body());
  return { der: cert.raw, fingerprint: cert.fingerprint256 };
}

/** The enrolment code dialog once it has its code, with the tablet block unfolded. */
async function unfoldTrust(page: Page): Promise<Locator> {
  const dialog = page.locator('[data-testid="enrollment-code-dialog"][open]');
  await expect(dialog.getByTestId('enrollment-qr')).toBeVisible();
  const block = dialog.getByTestId('ca-trust');
  await expect(block).not.toHaveAttribute('open');
  await block.locator('summary').click();
  await expect(block).toHaveAttribute('open');
  return block;
}

/** Both downloads: the link the QR carries, what the server answers there, and what the browser saves. */
async function checkDownloads(page: Page, block: Locator): Promise<void> {
  const ca = await serverCa(page);
  const files = [
    { platform: 'ios', path: '/api/pki/ca.mobileconfig', type: 'application/x-apple-aspen-config' },
    { platform: 'android', path: '/api/pki/ca.crt', type: 'application/x-x509-ca-cert' },
  ] as const;
  for (const { platform, path, type } of files) {
    const link = block.getByTestId(`ca-trust-${platform}-download`);
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href).pathname).toBe(path);
    // The QR beside it leads a tablet to the same file.
    await expect(block.getByTestId(`ca-trust-${platform}-qr`)).toHaveAttribute('data-text', href);
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe(type);
    const body = await res.body();
    if (platform === 'android') {
      expect(body.equals(ca.der)).toBe(true);
    } else {
      const profile = body.toString('utf8');
      expect(profile).toContain('<string>com.apple.security.root</string>');
      expect(profile.replace(/\s/g, '')).toContain(ca.der.toString('base64'));
    }
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(
      path.endsWith('.crt') ? 'cabinet-meeting-ca.crt' : 'cabinet-meeting-ca.mobileconfig',
    );
  }
}

test('on a phone the admin’s enrolment code also shows how a tablet trusts the room’s server: both files, the fingerprint, the steps', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const admin = await personPage(browser, 'admin', { viewport: { width: 390, height: 844 }, hasTouch: true });
  await admin.goto('/#/devices');
  const users = admin.getByTestId('new-code-user');
  await users.selectOption({ label: await users.locator('option', { hasText: 'Võ Quốc Bảo' }).innerText() });
  await admin.getByTestId('new-code-submit').click();
  const block = await unfoldTrust(admin);
  await expect(block.locator('summary')).toHaveText('Tin cậy máy chủ phòng họp trên máy tính bảng');

  // The fingerprint shown is the server's CA, the same as the enrolment code's.
  const ca = await serverCa(admin);
  await expect(block.getByTestId('ca-trust-fingerprint')).toHaveText(ca.fingerprint);
  await expect(admin.getByTestId('enrollment-code-ca')).toHaveText(ca.fingerprint);
  await expect(block.getByTestId('ca-trust-ios')).toContainText('Cài đặt tin cậy chứng nhận');
  await expect(block.getByTestId('ca-trust-android')).toContainText('Chứng chỉ CA');

  // Fingertip-sized, and nothing wider than the phone.
  for (const control of [
    block.locator('summary'),
    block.getByTestId('ca-trust-ios-download'),
    block.getByTestId('ca-trust-android-download'),
  ]) {
    const box = await control.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(MIN);
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(MIN);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
  }
  expect(await block.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await snapshot(admin, 'ca-trust-phone', block);

  await checkDownloads(admin, block);
});

test('the secretary’s enrolment code for a participant, in English on a laptop, puts the two platforms side by side', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const secretary = await personPage(browser, 'thuky');
  await secretary.getByTestId('lang-en').click();
  await openDemoMeeting(secretary);
  const row = secretary.getByTestId('participant-row').filter({ hasText: 'Lê Hoàng Nam' });
  await row.getByTestId('participant-enrollment-code').click();
  const block = await unfoldTrust(secretary);
  await expect(block.locator('summary')).toHaveText("Trust this room's server on a tablet");
  await expect(block.getByTestId('ca-trust-ios')).toContainText('Certificate Trust Settings');
  await expect(block.getByTestId('ca-trust-android')).toContainText(
    'Settings → Security → Encryption & credentials → Install a certificate → CA certificate',
  );
  await expect(block.getByTestId('ca-trust-fingerprint')).toHaveText((await serverCa(secretary)).fingerprint);
  const [ios, android] = [
    await block.getByTestId('ca-trust-ios').boundingBox(),
    await block.getByTestId('ca-trust-android').boundingBox(),
  ];
  expect(Math.abs((ios?.y ?? 0) - (android?.y ?? -100))).toBeLessThan(2);
  expect(android?.x ?? 0).toBeGreaterThan((ios?.x ?? 0) + (ios?.width ?? 0) - 1);
  await snapshot(secretary, 'ca-trust-laptop', block);

  await checkDownloads(secretary, block);
});
