import { expect, type Locator, type Page } from '@playwright/test';
import type { EnrollmentCode } from '../../shared/protocol/index.js';
import { loginOf } from './document-helpers.js';
import { E2E_BASE_URL } from './server-env.js';

/** 12 letters and digits in three groups, without look-alikes. */
export const ENROLLMENT_CODE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

/** A one-time enrolment code for a person, made by the secretary through the HTTP API. */
export async function enrollmentCodeFor(username: string): Promise<EnrollmentCode> {
  const holder = (await loginOf(username)).user;
  const res = await fetch(`${E2E_BASE_URL}/api/pki/enrollment-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${(await loginOf('thuky')).token}` },
    body: JSON.stringify({ userId: holder.id }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as EnrollmentCode;
}

/**
 * Opens an enrolment link in a signed-in page (its hash only: the server's public address
 * may differ from the test's), enrols the device with this PIN and waits for its identity.
 */
export async function enrollFromLink(page: Page, link: string, pin: string): Promise<void> {
  await page.goto(`/${new URL(link).hash}`);
  const form = page.getByTestId('enroll-form');
  await expect(form).toBeVisible();
  await expect(form.getByTestId('enroll-code')).toHaveValue(new URL(link.replace('#/', '')).searchParams.get('code')!);
  await expect(form.getByTestId('enroll-device-name')).not.toHaveValue('');
  await form.getByTestId('enroll-pin').fill(pin);
  await form.getByTestId('enroll-pin-again').fill(pin);
  await form.getByTestId('enroll-submit').click();
  // RSA key generation on a busy machine: seconds, not milliseconds.
  await expect(page.getByTestId('identity-card')).toBeVisible({ timeout: 30_000 });
}

/** The open approve dialog. */
export function approveDialog(page: Page): Locator {
  return page.locator('[data-testid="approve-dialog"][open]');
}
