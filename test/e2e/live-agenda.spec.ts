import {
  addAgendaItem,
  agendaItem,
  closePeople,
  expect,
  expectSameWindow,
  markWindow,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';

test.afterEach(closePeople);

test('a delegate sees an item the secretary adds within one second, without reloading', async ({ browser }) => {
  const secretary = await personPage(browser, 'thuky');
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(secretary);
  await openDemoMeeting(delegate);
  await markWindow(delegate);
  const title = uniqueTitle('Mục mới');
  await expect(agendaItem(delegate, title)).toHaveCount(0);

  await addAgendaItem(secretary, title, 'Văn phòng HĐND', 12);

  const seen = agendaItem(delegate, title);
  await expect(seen).toBeVisible({ timeout: 1000 });
  await expect(seen.getByTestId('agenda-item-presenter')).toContainText('Văn phòng HĐND');
  await expect(seen.getByTestId('agenda-item-minutes')).toHaveText('12 phút');
  await expectSameWindow(delegate);
});

test('a keyboard reorder by the secretary renumbers the delegate’s agenda', async ({ browser }) => {
  const secretary = await personPage(browser, 'thuky');
  const delegate = await personPage(browser, 'daibieu2');
  await openDemoMeeting(secretary);
  await openDemoMeeting(delegate);
  await markWindow(delegate);
  const first = uniqueTitle('Thứ nhất');
  const second = uniqueTitle('Thứ hai');
  await addAgendaItem(secretary, first);
  await addAgendaItem(secretary, second);
  const firstNumber = await agendaItem(secretary, first).getByTestId('agenda-item-number').innerText();
  const secondNumber = await agendaItem(secretary, second).getByTestId('agenda-item-number').innerText();
  expect(Number(secondNumber)).toBe(Number(firstNumber) + 1);
  await expect(agendaItem(delegate, second).getByTestId('agenda-item-number')).toHaveText(secondNumber);

  // Keyboard only: focus the button and press Enter, as a keyboard or switch user would.
  const moveUp = agendaItem(secretary, second).getByTestId('agenda-item-move-up');
  await moveUp.focus();
  await secretary.keyboard.press('Enter');

  await expect(agendaItem(secretary, second).getByTestId('agenda-item-number')).toHaveText(firstNumber);
  await expect(agendaItem(delegate, second).getByTestId('agenda-item-number')).toHaveText(firstNumber, {
    timeout: 1000,
  });
  await expect(agendaItem(delegate, first).getByTestId('agenda-item-number')).toHaveText(secondNumber);
  // The focus stays with the moved item, so pressing again keeps moving it.
  await expect(agendaItem(secretary, second).getByTestId('agenda-item-move-up')).toBeFocused();

  // Indent under the item above, then check the delegate sees a sub-item number.
  await agendaItem(secretary, first).getByTestId('agenda-item-indent').click();
  await expect(agendaItem(delegate, first).getByTestId('agenda-item-number')).toHaveText(`${firstNumber}.1`);
  await expect(agendaItem(delegate, first)).toHaveAttribute('data-depth', '1');
  await expectSameWindow(delegate);
});
