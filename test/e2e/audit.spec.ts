import { AxeBuilder } from '@axe-core/playwright';
import { closePeople, expect, personPage, test } from './fixtures.js';

test.afterEach(closePeople);

test('an admin reads the audit log on a phone: chains checked, rows as cards, filtered by action', async ({
  browser,
}) => {
  const page = await personPage(browser, 'admin', { viewport: { width: 390, height: 844 }, hasTouch: true });
  await page.goto('/#/admin/audit');
  await expect(page.getByTestId('audit-screen')).toBeVisible();
  await expect(page.getByTestId('audit-intact')).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();

  await page.getByTestId('audit-filter-action').selectOption('auth:login');
  await expect(page.getByTestId('audit-row').first()).toContainText('Đăng nhập');
  for (const row of await page.getByTestId('audit-row').all()) await expect(row).toContainText('Đăng nhập');

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const axe = await new AxeBuilder({ page }).include('[data-testid="audit-screen"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('the audit section is not offered to anyone but an admin', async ({ browser }) => {
  const page = await personPage(browser, 'thuky');
  await page.goto('/#/admin/audit');
  await expect(page.getByTestId('audit-screen')).toHaveCount(0);
});
