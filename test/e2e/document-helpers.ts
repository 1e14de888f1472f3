import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import type { DocumentInfo, LoginResponse } from '../../shared/protocol/index.js';
import { SIGN_IN_RETRY_MS, closePeople, demoAccount, extendTestBy } from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';

const folder = mkdtempSync(join(tmpdir(), 'cabinet-e2e-pdf-'));

/** A PDF on disk for `setInputFiles`, named as a secretary would name it. */
export function pdfFile(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

/** Sign-ins of one name are bounded to ten a minute: the API session is asked for once per worker. */
const logins = new Map<string, Promise<LoginResponse>>();

function signInOverApi(username: string): Promise<LoginResponse> {
  let login = logins.get(username);
  if (!login) {
    const account = demoAccount(username);
    login = (async () => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(`${E2E_BASE_URL}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: account.username, password: account.password }),
        });
        // Throttled, as signIn is: wait as a person would, the test's time extended by the wait.
        if (res.status === 429 && attempt < 8) {
          extendTestBy(SIGN_IN_RETRY_MS + 5_000);
          await new Promise((resolve) => setTimeout(resolve, SIGN_IN_RETRY_MS));
          continue;
        }
        expect(res.status).toBe(200);
        return (await res.json()) as LoginResponse;
      }
    })();
    logins.set(username, login);
  }
  return login;
}

/**
 * The API session of a name, signed in once per worker and again only if it ended: a person
 * keeps 20 sessions, and the suite's sign-ins in browsers push the oldest, this one, out.
 */
export async function loginOf(username: string): Promise<LoginResponse> {
  const login = await signInOverApi(username);
  const me = await fetch(`${E2E_BASE_URL}/api/auth/me`, { headers: { authorization: `Bearer ${login.token}` } });
  if (me.status !== 401) return login;
  if (logins.get(username) !== undefined && (await logins.get(username))?.token === login.token)
    logins.delete(username);
  return await signInOverApi(username);
}

const tokenOf = async (username: string) => (await loginOf(username)).token;

/** Uploads through the HTTP API (what an outside system does), for tests about reading, not uploading. */
export async function uploadViaApi(
  meetingId: string,
  title: string,
  bytes: Uint8Array,
  replaces?: string,
  agendaItemId?: string,
): Promise<DocumentInfo> {
  const form = new FormData();
  form.append('title', title);
  if (replaces) form.append('replaces', replaces);
  if (agendaItemId) form.append('agendaItemId', agendaItemId);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), `${title}.pdf`);
  const res = await fetch(`${E2E_BASE_URL}/api/meetings/${meetingId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await tokenOf('thuky')}` },
    body: form,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const doc = (await res.json()) as DocumentInfo;
  if (!replaces) trackDocument(meetingId, doc.id);
  return doc;
}

/** For `test.afterEach` of the documents specs: the people's pages, then the papers they added. */
export async function afterDocumentTest(): Promise<void> {
  await closePeople();
  await removeTestDocuments();
}

/** Papers the tests added to the shared demo meeting, removed after each test. */
const added: { meetingId: string; documentId: string }[] = [];

export function trackDocument(meetingId: string, documentId: string): void {
  added.push({ meetingId, documentId });
}

/**
 * For `test.afterEach`: every tab of a later test would otherwise prefetch these papers
 * into its memory, and the demo meeting is in every spec.
 */
export async function removeTestDocuments(): Promise<void> {
  const gone = added.splice(0);
  if (gone.length === 0) return;
  await asSecretary(async (socket) => {
    // A test that failed mid-way must not leave the room display showing its paper.
    for (const meetingId of new Set(gone.map((g) => g.meetingId))) {
      await socket.timeout(5_000).emitWithAck('presenter:stop', { commandId: uuidv7(), meetingId });
    }
    for (const { meetingId, documentId } of gone) {
      const ack = (await socket
        .timeout(5_000)
        .emitWithAck('document:remove', { commandId: uuidv7(), meetingId, documentId })) as {
        ok: boolean;
        error?: unknown;
      };
      expect(ack.ok, `removing test document ${documentId}: ${JSON.stringify(ack.error)}`).toBe(true);
    }
  });
}

export function asSecretary(act: (socket: Socket) => Promise<void>): Promise<void> {
  return asUser('thuky', act);
}

/** Acts over a socket of its own as `username` (a demo account), then disconnects. */
export async function asUser(username: string, act: (socket: Socket) => Promise<void>): Promise<void> {
  const socket = io(E2E_BASE_URL, {
    auth: { token: await tokenOf(username) },
    transports: ['websocket'],
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await act(socket);
  } finally {
    socket.disconnect();
  }
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
