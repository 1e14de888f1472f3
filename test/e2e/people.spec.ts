import { AxeBuilder } from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import {
  closePeople,
  expect,
  fillDateTime,
  headerTool,
  newPersonPage,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';

test.afterEach(closePeople);

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Thị', 'Văn', 'Quốc', 'Thị Ánh', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Hữu', 'Thanh'];
const GIVEN = ['Tuyết', 'Đạt', 'Hòa', 'Thủy', 'Khỏe', 'Quý', 'Ánh', 'Hưng', 'Yến', 'Dũng'];
const UNITS = ['Ban Kinh tế - Ngân sách', 'Ban Pháp chế', 'Ban Văn hóa - Xã hội', 'Văn phòng HĐND', 'Thường trực HĐND'];

/** Fifty people with Vietnamese names, a run-unique user name each. */
function fiftyPeople(prefix: string) {
  return Array.from({ length: 50 }, (_, i) => ({
    username: `${prefix}${String(i + 1).padStart(2, '0')}`,
    displayName: `${FAMILY[i % 10]} ${MIDDLE[Math.floor(i / 5) % 10]} ${GIVEN[(i * 3) % 10]}`,
    title: i % 7 === 0 ? 'Phó Trưởng ban' : 'Ủy viên',
    unit: UNITS[i % UNITS.length] ?? '',
    seat: String(i + 1),
  }));
}

/** What axe-core finds wrong on the page as it is (labels, names, contrast, headings). */
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectNoSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the secretary imports 50 people, makes a group of some and adds it to a meeting, on a phone', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const secretary = await personPage(browser, 'thuky', PHONE);
  const prefix = `e2e${Date.now().toString(36)}-`;
  const people = fiftyPeople(prefix);
  const csv = [
    'username,displayName,title,unit,seat,email',
    ...people.map((p) => `${p.username},${p.displayName},${p.title},"${p.unit}",${p.seat},`),
  ].join('\r\n');

  // The secretary manages people: the administration is hers to open.
  await (await headerTool(secretary, 'admin-link')).click();
  await secretary.getByTestId('admin-tab-people').click();
  await expect(secretary.getByTestId('people-screen')).toBeVisible();
  await secretary.getByTestId('people-import-open').click();
  await secretary.getByTestId('people-import-file').setInputFiles({
    name: 'dai-bieu.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
  });
  await expect(secretary.getByTestId('people-import-row')).toHaveCount(50);
  await expect(secretary.getByTestId('people-import-row-error')).toHaveCount(0);
  await expectNoSideScroll(secretary);
  await expectAccessible(secretary);
  await secretary.getByTestId('people-import-confirm').click();
  await expect(secretary.getByTestId('people-import-done')).toBeVisible();
  await expect(secretary.getByTestId('one-time-password')).toHaveCount(50);
  await expectNoSideScroll(secretary);
  await expectAccessible(secretary);
  await secretary.getByTestId('people-import-close').click();

  // The list shows them, names exactly as written.
  await secretary.getByTestId('people-search').fill(prefix);
  await expect(secretary.getByTestId('people-row')).toHaveCount(50);
  const first = people[0];
  if (!first) throw new Error('no people');
  await expect(secretary.locator(`[data-testid="people-row"][data-username="${first.username}"]`)).toContainText(
    first.displayName,
  );
  await expectNoSideScroll(secretary);

  // A group of the first five.
  const groupName = uniqueTitle('Tổ đại biểu');
  const members = people.slice(0, 5);
  await secretary.getByTestId('admin-tab-groups').click();
  await secretary.getByTestId('group-new').click();
  await secretary.getByTestId('group-name').fill(groupName);
  for (const m of members) {
    await secretary.getByTestId('member-search').fill(m.username);
    await secretary.getByTestId(`member-${m.username}`).check();
  }
  await secretary.getByTestId('group-form-submit').click();
  await expect(secretary.getByTestId('group-row').filter({ hasText: groupName })).toContainText('5');
  await expectNoSideScroll(secretary);
  await expectAccessible(secretary);

  // A new meeting, and the group added to it as delegates in one step.
  await secretary.goto('/#/');
  await secretary.getByTestId('new-meeting-button').click();
  const form = secretary.getByTestId('new-meeting-form');
  const title = uniqueTitle('Phiên họp chuyên đề');
  await form.getByTestId('meeting-form-title').fill(title);
  await fillDateTime(form, 'meeting-form-starts-at', '2027-02-10T08:00');
  await form.getByTestId('meeting-form-place').fill('Hội trường B');
  await form.getByTestId('meeting-form-organisation').fill('HĐND thành phố');
  await form.getByTestId('meeting-form-submit').click();
  await expect(secretary.getByTestId('meeting-heading')).toHaveText(title);
  const addGroup = secretary.getByTestId('participant-add-group-form');
  await addGroup.getByTestId('participant-add-group').selectOption({ label: `${groupName} (5 người)` });
  await addGroup.getByTestId('participant-add-group-role').selectOption('delegate');
  await addGroup.getByTestId('participant-add-group-submit').click();
  await expect(addGroup.getByTestId('participant-add-group-outcome')).toContainText('5');
  for (const m of members)
    await expect(secretary.getByTestId('participant-row').filter({ hasText: m.displayName })).toBeVisible();
  await expectNoSideScroll(secretary);
});

test('the secretary creates one account, gives it a new password, disables it, and sees a bad file refused', async ({
  browser,
}) => {
  const secretary = await personPage(browser, 'thuky', PHONE);
  const username = `e2e${Date.now().toString(36)}-mot`;
  await secretary.goto('/#/admin/people');
  await secretary.getByTestId('person-new').click();
  await secretary.getByTestId('person-username').fill(username);
  await secretary.getByTestId('person-display-name').fill('Trần Thị Thủy');
  await secretary.getByTestId('person-title').fill('Chánh Văn phòng');
  await secretary.getByTestId('person-seat').fill('A-7');
  await secretary.getByTestId('person-form-submit').click();
  const shown = secretary.getByTestId('shown-passwords');
  await expect(shown.getByTestId('one-time-password-value')).toHaveText(/^\S{12,}$/);
  const first = await shown.getByTestId('one-time-password-value').textContent();
  await secretary.getByTestId('confirm-dialog-confirm').filter({ visible: true }).click();

  // The person signs in with it and is asked to choose their own.
  const person = await newPersonPage(browser, PHONE);
  await person.goto('/');
  await person.getByTestId('login-username').fill(username);
  await person.getByTestId('login-password').fill(first ?? '');
  await person.getByTestId('login-submit').click();
  await expect(person.getByTestId('password-change')).toBeVisible();
  // Nothing else until then: the server would refuse it anyway.
  await expect(person.getByTestId('meeting-list-page')).toHaveCount(0);
  await person.getByTestId('password-change-current').fill(first ?? '');
  await person.getByTestId('password-change-new').fill('mat-khau-rieng-cua-toi');
  await person.getByTestId('password-change-repeat').fill('mat-khau-rieng-cua-toi');
  await person.getByTestId('password-change-submit').click();
  await expect(person.getByTestId('password-change')).toHaveCount(0);
  await expect(person.getByTestId('meeting-list-page')).toBeVisible();

  const row = secretary.locator(`[data-testid="people-row"][data-username="${username}"]`);
  await expect(row).toContainText('Trần Thị Thủy');
  await expect(row).toContainText('Chánh Văn phòng');
  await row.getByRole('button', { name: /mật khẩu mới/i }).click();
  await secretary.getByTestId('confirm-dialog-confirm').filter({ visible: true }).click();
  await expect(shown.getByTestId('one-time-password-value')).not.toHaveText(first ?? '');
  await secretary.getByTestId('confirm-dialog-confirm').filter({ visible: true }).click();
  await row.getByRole('button', { name: /^Khóa/ }).click();
  await expect(row.getByTestId('people-row-disabled')).toBeVisible();

  await secretary.getByTestId('people-import-open').click();
  await secretary.getByTestId('people-import-file').setInputFiles({
    name: 'loi.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`username,displayName\n${username}-hai,Lê Văn Hai\nthuky,Nguyễn Thị Thu\n`, 'utf8'),
  });
  await expect(secretary.getByTestId('people-import-row-error')).toContainText('Dòng 3');
  await expect(secretary.getByTestId('people-import-confirm')).toHaveCount(0);
  await expectNoSideScroll(secretary);
});
