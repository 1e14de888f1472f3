import type { Page } from '@playwright/test';

/** A fingertip: every control is at least this many CSS pixels in both directions. */
export const MIN = 44;

/** Every visible control that is smaller than a fingertip, described for the failure message. */
export async function smallControls(page: Page): Promise<string[]> {
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
