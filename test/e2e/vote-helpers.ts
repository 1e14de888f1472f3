import { expect, type Locator, type Page } from '@playwright/test';

/** The open confirmation dialog (closed ones stay in the DOM). */
export function openDialog(page: Page): Locator {
  return page.locator('[data-testid="confirm-dialog"][open]');
}

/** Checks the signed-in participant in from the meeting page, through the button a delegate uses. */
export async function checkInViaUi(page: Page): Promise<void> {
  const panel = page.getByTestId('my-attendance');
  const button = panel.getByTestId('my-attendance-button');
  await expect(button).toBeVisible();
  if ((await panel.getAttribute('data-present')) === 'true') {
    // Attendance outlives a spec: start from "absent" so the check-in below is a real one.
    await button.click();
    await expect(panel).toHaveAttribute('data-present', 'false');
  }
  await expect(button).toHaveAttribute('data-action', 'check-in');
  await button.click();
  await expect(panel).toHaveAttribute('data-present', 'true');
  await expect(button).toHaveAttribute('data-action', 'check-out');
}

export async function checkOutViaUi(page: Page): Promise<void> {
  const panel = page.getByTestId('my-attendance');
  const button = panel.getByTestId('my-attendance-button');
  await expect(button).toBeVisible();
  if ((await panel.getAttribute('data-present')) === 'true') await button.click();
  await expect(panel).toHaveAttribute('data-present', 'false');
}

/** A vote in the chair's console, found by its (unique) question. */
export function voteRow(page: Page, question: string): Locator {
  return page
    .getByTestId('vote-row')
    .filter({ has: page.getByTestId('vote-question').getByText(question, { exact: true }) });
}

/** A vote as a delegate, the secretary or an observer follows it on the meeting page. */
export function voteCard(page: Page, question: string): Locator {
  return page
    .getByTestId('vote-card')
    .filter({ has: page.getByTestId('vote-question').getByText(question, { exact: true }) });
}

export interface NewVote {
  question: string;
  agendaItem?: string;
  secret?: boolean;
  candidates?: string[];
  quorum?: 'none' | 'half' | 'majority' | 'two-thirds';
  rule?: 'simple' | 'absolute' | 'two-thirds' | 'three-quarters';
  allowChange?: boolean;
  /** Minutes the vote stays open before it closes by itself. */
  minutes?: number;
}

/** Fills the chair's "new vote" form (defaults for what is not given) and waits for the draft. */
export async function createVote(chair: Page, vote: NewVote): Promise<Locator> {
  await chair.getByTestId('new-vote-button').click();
  const form = chair.getByTestId('new-vote-form');
  await form.getByTestId('vote-form-question').fill(vote.question);
  if (vote.agendaItem) {
    const select = form.getByTestId('vote-form-agenda');
    const value = await select.locator('option', { hasText: vote.agendaItem }).first().getAttribute('value');
    await select.selectOption(value ?? '');
  }
  if (vote.secret) await form.getByTestId('vote-form-kind-secret').check();
  if (vote.candidates) {
    await form.getByTestId('vote-form-options-candidates').check();
    const names = form.getByTestId('vote-form-candidate-name');
    while ((await names.count()) < vote.candidates.length) await form.getByTestId('vote-form-candidate-add').click();
    for (const [i, name] of vote.candidates.entries()) await names.nth(i).fill(name);
  }
  if (vote.rule) await form.getByTestId('vote-form-rule').selectOption(vote.rule);
  if (vote.quorum) await form.getByTestId('vote-form-quorum').selectOption(vote.quorum);
  if (vote.allowChange) await form.getByTestId('vote-form-allow-change').check();
  if (vote.minutes !== undefined) await form.getByTestId('vote-form-minutes').fill(String(vote.minutes));
  await form.getByTestId('vote-form-submit').click();
  await expect(form).toHaveCount(0);
  const row = voteRow(chair, vote.question);
  await expect(row).toHaveAttribute('data-status', 'draft');
  return row;
}

/** Said when a test cancels a vote that was opened: the console asks for a reason. */
export const TEST_CANCEL_REASON = 'Kết thúc phần kiểm thử';

/** The chair's step on a vote, with the confirmation (and a reason, to cancel an opened vote) where asked. */
export async function runVote(
  chair: Page,
  question: string,
  action: 'open' | 'close' | 'publish' | 'cancel',
  reason = TEST_CANCEL_REASON,
): Promise<void> {
  const row = voteRow(chair, question);
  await row.getByTestId(`vote-${action}-button`).click();
  if (action !== 'open') {
    const dialog = openDialog(chair);
    await expect(dialog).toBeVisible();
    const reasonField = dialog.getByTestId('vote-cancel-reason');
    if (action === 'cancel' && (await reasonField.count()) > 0) await reasonField.fill(reason);
    await dialog.getByTestId('confirm-dialog-confirm').click();
  }
  const status = { open: 'open', close: 'closed', publish: 'published', cancel: 'cancelled' }[action];
  // A cancelled vote moves into the folded "cancelled" list, still in the DOM.
  await expect(row).toHaveAttribute('data-status', status);
}

/** A delegate's ballot: one touch on the option, then the confirmation. */
export async function castBallot(page: Page, option: string, confirmTitle?: string): Promise<void> {
  const panel = page.getByTestId('ballot-panel');
  await panel.locator(`[data-testid="ballot-option"][data-option="${option}"]`).click();
  const dialog = openDialog(page);
  await expect(dialog).toBeVisible();
  if (confirmTitle) await expect(dialog.getByRole('heading')).toHaveText(confirmTitle);
  await dialog.getByTestId('confirm-dialog-confirm').click();
}

/** The count a result shows for one option, inside a container holding one result. */
export function resultCount(container: Locator, option: string): Locator {
  return container.locator(`[data-testid="result-bar"][data-option="${option}"] [data-testid="result-count"]`);
}

/** The share of all members a result shows for one option. */
export function resultShare(container: Locator, option: string): Locator {
  return container.locator(`[data-testid="result-bar"][data-option="${option}"] [data-testid="result-share"]`);
}

/** Screenshots for a person to look at, only when E2E_SCREENSHOTS names a folder. */
export async function snapshot(page: Page, name: string, top?: Locator): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  await top?.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${dir}/${name}.png` });
}
