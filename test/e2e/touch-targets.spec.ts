import { expect, test, type Page } from '@playwright/test';
import { openDemoMeeting, signIn } from './fixtures.js';

const MIN = 44;

/** Every visible control that is smaller than a fingertip, described for the failure message. */
async function smallControls(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]');
    const small: string[] = [];
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
        small.push(`${name} (${Math.round(box.width)}×${Math.round(box.height)})`);
      }
    }
    return small;
  }, MIN);
}

test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test('every control on the login page, the list and the secretary console is at least 44×44 px', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('login-form')).toBeVisible();
  expect(await smallControls(page)).toEqual([]);

  await signIn(page, 'thuky');
  expect(await smallControls(page)).toEqual([]);

  await openDemoMeeting(page);
  await expect(page.getByTestId('agenda-editor')).toBeVisible();
  await expect(page.getByTestId('participant-add-user')).toBeVisible();
  expect(await smallControls(page)).toEqual([]);

  await page.getByTestId('agenda-item-edit').first().click();
  await page.getByTestId('agenda-item-add-sub').first().click();
  expect(await smallControls(page)).toEqual([]);
});
