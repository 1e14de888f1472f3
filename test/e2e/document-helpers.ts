import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { DocumentInfo } from '../../shared/protocol/index.js';
import { demoAccount } from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';

const folder = mkdtempSync(join(tmpdir(), 'cabinet-e2e-pdf-'));

/** A PDF on disk for `setInputFiles`, named as a secretary would name it. */
export function pdfFile(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** Sign-ins of one name are bounded to ten a minute: the API token is asked for once per worker. */
const tokens = new Map<string, Promise<string>>();

function tokenOf(username: string): Promise<string> {
  let token = tokens.get(username);
  if (!token) {
    const account = demoAccount(username);
    token = fetch(`${E2E_BASE_URL}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: account.username, password: account.password }),
    }).then(async (res) => {
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    });
    tokens.set(username, token);
  }
  return token;
}

/** Uploads through the HTTP API (what an outside system does), for tests about reading, not uploading. */
export async function uploadViaApi(
  meetingId: string,
  title: string,
  bytes: Uint8Array,
  replaces?: string,
): Promise<DocumentInfo> {
  const form = new FormData();
  form.append('title', title);
  if (replaces) form.append('replaces', replaces);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `${title}.pdf`);
  const res = await fetch(`${E2E_BASE_URL}/api/meetings/${meetingId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenOf('thuky')}` },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as DocumentInfo;
}

export async function meetingIdOf(page: Page): Promise<string> {
  const id = await page.getByTestId('meeting-view').getAttribute('data-meeting-id');
  expect(id).toBeTruthy();
  return id!;
}

export function documentRow(page: Page, title: string): Locator {
  return page
    .getByTestId('document-row')
    .filter({ has: page.getByTestId('document-title').getByText(title, { exact: true }) });
}

/** Opens a document from the meeting's list and waits for pdf.js to draw its first page, text layer included. */
export async function openReader(page: Page, title: string): Promise<Locator> {
  await documentRow(page, title).getByTestId('document-open').click();
  const reader = page.getByTestId('reader');
  await expect(reader).toHaveAttribute('data-status', 'ready', { timeout: 15_000 });
  return reader;
}

/** The page pdf.js shows, drawn: its canvas has pixels and its text layer has text. */
export async function expectPageDrawn(reader: Locator, page: number, text?: string): Promise<void> {
  const view = reader.locator(`.page[data-page-number="${page}"]`);
  await expect(view.locator('canvas')).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(() => view.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width * c.height), { timeout: 15_000 })
    .toBeGreaterThan(0);
  if (text) await expect(view.locator('.textLayer')).toContainText(text, { timeout: 15_000 });
}

/**
 * The element shows this page within `ms`: looked at every 50 ms, since Playwright's default
 * back-off (up to a second between looks) would measure itself rather than the app.
 */
export async function expectPageWithin(target: Locator, page: number, ms = 1_000): Promise<void> {
  await expect.poll(() => target.getAttribute('data-page'), { timeout: ms, intervals: [50] }).toBe(String(page));
}
