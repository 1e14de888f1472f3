import { type Locator, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { loginOf } from './document-helpers.js';
import { closePeople, demoAccount, expect, personPage, test, uniqueTitle } from './fixtures.js';
import { E2E_BASE_URL } from './server-env.js';
import { createVote, runVote, voteRow } from './vote-helpers.js';

/**
 * The room display read from across the room: one screen, nothing below the fold, no controls,
 * large type. The file runs on a meeting of its own (made through the API), so that starting
 * its session and giving the floor leave the demo meeting as the other specs expect it.
 * The tests run in order: the second one starts the session after the first one's vote.
 */
test.describe.configure({ mode: 'serial' });
test.afterEach(closePeople);

const MIN_TEXT_PX = 28;
const sockets = new Map<string, Socket>();
let meetingId = '';
const items = { opening: uuidv7(), debate: uuidv7() };
const requests = { first: uuidv7(), second: uuidv7() };
const DEBATE_TITLE =
  'Thảo luận tại hội trường về dự toán ngân sách năm 2027, phương án phân bổ vốn đầu tư công trung hạn và các kiến nghị của cử tri gửi tới kỳ họp';

async function socketOf(username: string): Promise<Socket> {
  const known = sockets.get(username);
  if (known) return known;
  const socket = io(E2E_BASE_URL, {
    auth: { token: (await loginOf(username)).token },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  sockets.set(username, socket);
  return socket;
}

/** A command as the person's tablet would send it (the chair's console for the session is not built yet). */
async function send(username: string, name: string, payload: Record<string, unknown>): Promise<void> {
  const socket = await socketOf(username);
  const ack = (await socket.timeout(5_000).emitWithAck(name, { commandId: uuidv7(), ...payload })) as {
    ok: boolean;
    error?: unknown;
  };
  expect(ack.ok, `${username} ${name}: ${JSON.stringify(ack.error)}`).toBe(true);
}

test.beforeAll(async () => {
  meetingId = uuidv7();
  const startsAt = new Date(Date.now() + 3_600_000).toISOString();
  const title = uniqueTitle('Kỳ họp chuyên đề về đầu tư công và dự toán ngân sách thành phố năm 2027');
  await send('thuky', 'meeting:create', { meetingId, title, startsAt, place: 'Hội trường A', organisation: 'HĐND' });
  const agenda = [
    [items.opening, 'Khai mạc', 10],
    [items.debate, DEBATE_TITLE, 40],
  ] as const;
  for (const [itemId, itemTitle, plannedMinutes] of agenda)
    await send('thuky', 'agenda:add-item', {
      meetingId,
      itemId,
      parentId: null,
      title: itemTitle,
      presenter: '',
      plannedMinutes,
    });
  const roles = { chutoa: 'chair', daibieu1: 'delegate', daibieu2: 'delegate', phonghop: 'observer' } as const;
  for (const [username, role] of Object.entries(roles))
    await send('thuky', 'participant:set', { meetingId, userId: (await loginOf(username)).user.id, role });
  await send('thuky', 'meeting:publish', { meetingId });
});

test.afterAll(async () => {
  // Nothing left speaking or waiting, and the meeting closed: it is this file's alone.
  await send('chutoa', 'speaker:end', { meetingId }).catch(() => undefined);
  await send('daibieu2', 'speaker:withdraw', { meetingId, requestId: requests.second }).catch(() => undefined);
  await send('thuky', 'meeting:close', { meetingId }).catch(() => undefined);
  for (const socket of sockets.values()) socket.disconnect();
  sockets.clear();
});

async function openDisplay(page: Page): Promise<void> {
  await page.goto(`/#/display/${meetingId}`);
  await expect(page.getByTestId('room-display')).toHaveAttribute('data-meeting-id', meetingId);
}

/** The page does not scroll, either way. */
async function expectNoScroll(page: Page): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight);
  expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
}

/** Each element lies wholly inside the viewport. */
async function expectInViewport(page: Page, targets: Locator[]): Promise<void> {
  const viewport = page.viewportSize()!;
  for (const target of targets) {
    await expect(target).toBeVisible();
    const box = (await target.boundingBox())!;
    const where = `${await target.getAttribute('data-testid')} at ${JSON.stringify(box)}`;
    expect(box.y, where).toBeGreaterThanOrEqual(0);
    expect(box.x, where).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, where).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width, where).toBeLessThanOrEqual(viewport.width);
  }
}

/** Controls (and the connection badge) that show any part of themselves on screen. */
function controlsOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const selector = 'a, button, input, select, textarea, [role="button"], [data-testid="connection-badge"]';
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      const w = Math.min(r.right, innerWidth) - Math.max(r.left, 0);
      const h = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
      const style = getComputedStyle(el);
      if (w > 1 && h > 1 && style.visibility !== 'hidden' && style.opacity !== '0')
        found.push(el.dataset.testid ?? el.tagName);
    }
    return found;
  });
}

/** Every piece of text on screen set smaller than `min` px, described for the failure message. */
function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-testid="room-display"] *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const r = el.getBoundingClientRect();
      if (!own || r.width === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.push(`${el.className || el.tagName} “${el.textContent?.trim().slice(0, 30)}” ${size}px`);
    }
    return small;
  }, min);
}

test('at 1280×720 the open vote is alone on one screen: question, voted count and countdown in view, no controls', async ({
  browser,
}, testInfo) => {
  test.setTimeout(60_000);
  const chair = await personPage(browser, 'chutoa');
  const room = await personPage(browser, 'phonghop', { viewport: { width: 1280, height: 720 } });
  await chair.goto(`/#/meetings/${meetingId}`);
  await expect(chair.getByTestId('vote-console')).toBeVisible();
  await openDisplay(room);

  const question = `${uniqueTitle('Biểu quyết thông qua Nghị quyết về dự toán ngân sách')}: ${'chi đầu tư phát triển, chi thường xuyên và dự phòng ngân sách, '.repeat(3)}`;
  try {
    await createVote(chair, { question: question.trim(), minutes: 10 });
    await runVote(chair, question.trim(), 'open');
    await expect(room.getByTestId('room-display')).toHaveAttribute('data-main', 'open');
    await expect(room.getByTestId('display-voted')).toHaveText('0');
    await expect(room.getByTestId('display-countdown')).toHaveText(/^(10:00|9:[0-5]\d)$/);
    // Alone: no side band, no result, no session details beside it.
    await expect(room.getByTestId('display-band')).toHaveCount(0);
    await expect(room.getByTestId('display-result')).toHaveCount(0);

    await expectNoScroll(room);
    await expectInViewport(room, [
      room.getByTestId('display-question'),
      room.getByTestId('display-voted'),
      room.getByTestId('display-countdown'),
    ]);
    expect(await controlsOnScreen(room)).toEqual([]);
    expect(await smallText(room, MIN_TEXT_PX)).toEqual([]);
    const path = testInfo.outputPath('display-1280x720.png');
    await room.screenshot({ path });
    await testInfo.attach('display-1280x720', { path, contentType: 'image/png' });
  } finally {
    if ((await voteRow(chair, question.trim()).getAttribute('data-status')) === 'open')
      await runVote(chair, question.trim(), 'cancel');
  }
});

test('at 1920×1080 the current item, its clock, the speaker with time left (then over) and the next one fit on one screen', async ({
  browser,
}, testInfo) => {
  // Ten seconds of speaking time run out on purpose, on top of a sign-in.
  test.setTimeout(45_000);
  const room = await personPage(browser, 'phonghop', { viewport: { width: 1920, height: 1080 } });
  await openDisplay(room);
  await send('chutoa', 'session:start', { meetingId, itemId: items.opening });
  await send('chutoa', 'agenda:set-current', { meetingId, itemId: items.debate });
  await send('daibieu1', 'speaker:request', { meetingId, requestId: requests.first, pointOfOrder: false });
  await send('daibieu2', 'speaker:request', { meetingId, requestId: requests.second, pointOfOrder: false });
  await send('chutoa', 'speaker:give-floor', { meetingId, requestId: requests.first, limitSeconds: 180 });

  // The cancelled vote gave way once the room moved on: the current item fills the main area.
  await expect(room.getByTestId('room-display')).toHaveAttribute('data-main', 'item');
  await expect(room.getByTestId('display-stage')).toHaveAttribute('data-stage', 'running');
  const item = room.getByTestId('display-main-item');
  await expect(item.getByTestId('display-item-number')).toHaveText('2.');
  await expect(item.getByTestId('display-item-title')).toHaveText(DEBATE_TITLE);
  await expect(item.getByTestId('display-item-clock')).toHaveText(/^Thời gian nội dung\s*00:0\d \/ 40:00$/);
  await expect(item.getByTestId('display-item-clock')).toHaveAttribute('data-over', 'false');
  await expect(room.getByTestId('display-speaker-name')).toHaveText(demoAccount('daibieu1').displayName);
  await expect(room.getByTestId('display-speaker-left')).toHaveText(/^Còn 0[23]:[0-5]\d$/);
  await expect(room.getByTestId('display-next-name')).toHaveText(demoAccount('daibieu2').displayName);

  await expectNoScroll(room);
  await expectInViewport(room, [
    room.getByTestId('display-meeting-title'),
    room.getByTestId('display-stage'),
    item.getByTestId('display-item-title'),
    item.getByTestId('display-item-clock'),
    room.getByTestId('display-speaker-name'),
    room.getByTestId('display-speaker-left'),
    room.getByTestId('display-next-name'),
  ]);
  expect(await controlsOnScreen(room)).toEqual([]);

  // Past the time the chair set, the speaker's clock says by how much, in words and in red.
  await send('chutoa', 'speaker:set-time', { meetingId, limitSeconds: 10 });
  const left = room.getByTestId('display-speaker-left');
  await expect(left).toHaveAttribute('data-over', 'true', { timeout: 15_000 });
  await expect(left).toHaveText(/^Quá 00:0\d$/);
  await expectInViewport(room, [left]);
  const path = testInfo.outputPath('display-1920x1080.png');
  await room.screenshot({ path });
  await testInfo.attach('display-1920x1080', { path, contentType: 'image/png' });
});

test('at 1280×800 every label and every piece of text is at least 28 px, and Escape leaves the display', async ({
  browser,
}, testInfo) => {
  const room = await personPage(browser, 'phonghop', { viewport: { width: 1280, height: 800 } });
  await openDisplay(room);
  await expect(room.getByTestId('display-speaker-name')).toBeVisible();
  const labels = room.locator('[data-testid="room-display"] .display-label');
  expect(await labels.count()).toBeGreaterThan(3);
  for (const size of await labels.evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize))))
    expect(size).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  expect(await smallText(room, MIN_TEXT_PX)).toEqual([]);
  await expectNoScroll(room);
  const path = testInfo.outputPath('display-1280x800.png');
  await room.screenshot({ path });
  await testInfo.attach('display-1280x800', { path, contentType: 'image/png' });

  // The way out needs no control on the projection: the title says how.
  await expect(room.getByTestId('room-display')).toHaveAttribute('title', /Escape/);
  await room.keyboard.press('Escape');
  await expect(room.getByTestId('meeting-view')).toBeVisible();
});
