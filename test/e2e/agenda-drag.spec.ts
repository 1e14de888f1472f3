import {
  addAgendaItem,
  agendaItem,
  closePeople,
  expect,
  openDemoMeeting,
  personPage,
  test,
  uniqueTitle,
} from './fixtures.js';

test.afterEach(closePeople);

test('the secretary reorders the agenda by dragging an item’s handle', async ({ browser }) => {
  const secretary = await personPage(browser, 'thuky');
  const delegate = await personPage(browser, 'daibieu1');
  await openDemoMeeting(secretary);
  await openDemoMeeting(delegate);
  const upper = uniqueTitle('Kéo trên');
  const lower = uniqueTitle('Kéo dưới');
  await addAgendaItem(secretary, upper);
  await addAgendaItem(secretary, lower);
  const upperNumber = await agendaItem(secretary, upper).getByTestId('agenda-item-number').innerText();

  const handle = agendaItem(secretary, lower).getByTestId('agenda-item-drag');
  const target = agendaItem(secretary, upper);
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await secretary.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await secretary.mouse.down();
  // Straight up onto the row above, in small steps so the sensor sees a drag.
  await secretary.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
  await secretary.mouse.up();

  await expect(agendaItem(secretary, lower).getByTestId('agenda-item-number')).toHaveText(upperNumber);
  await expect(agendaItem(delegate, lower).getByTestId('agenda-item-number')).toHaveText(upperNumber, {
    timeout: 1000,
  });
  await expect(agendaItem(delegate, upper).getByTestId('agenda-item-number')).toHaveText(
    String(Number(upperNumber) + 1),
  );
});
