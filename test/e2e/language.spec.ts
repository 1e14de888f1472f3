import { ERROR_CATALOGUE } from '../../shared/protocol/errors.js';
import { demoAccount, expect, signIn, test } from './fixtures.js';

test('the UI speaks Vietnamese by default and English after the switch', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByText('Tên đăng nhập', { exact: true })).toBeVisible();
  await expect(page.getByTestId('lang-vi')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('User name', { exact: true })).toBeVisible();
  await page.getByTestId('lang-vi').click();

  await signIn(page, 'daibieu1');
  await expect(page.getByRole('heading', { name: 'Các cuộc họp' })).toBeVisible();
  await expect(page.getByTestId('logout-button')).toHaveText('Đăng xuất');
  await expect(page.getByTestId('connection-state')).toHaveText('Trực tuyến');
  await expect(page.getByTestId('meeting-status').first()).toHaveText('Đã gửi giấy mời');

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Meetings' })).toBeVisible();
  await expect(page.getByTestId('logout-button')).toHaveText('Sign out');
  await expect(page.getByTestId('connection-state')).toHaveText('Online');
  await expect(page.getByTestId('connection-age')).toHaveText('up to date');
  await expect(page.getByTestId('meeting-status').first()).toHaveText('Sent out');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The choice is remembered, and the session survives the reload too.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Meetings' })).toBeVisible();
  await expect(page.getByTestId('meeting-card').first()).toBeVisible();
});

test('a wrong password shows the catalogue’s Vietnamese message', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-username').fill(demoAccount('daibieu3').username);
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();

  const error = page.getByTestId('login-error');
  await expect(error).toHaveText(ERROR_CATALOGUE.INVALID_CREDENTIALS.vi);
  await expect(error).toHaveAttribute('data-code', 'INVALID_CREDENTIALS');
  await expect(page.getByTestId('login-form')).toBeVisible();

  await page.getByTestId('lang-en').click();
  await expect(error).toHaveText(ERROR_CATALOGUE.INVALID_CREDENTIALS.en);
});
