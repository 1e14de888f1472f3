import type { Socket } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { makePdf } from '../support/pdf-fixtures.js';
import { afterDocumentTest, asSecretary, asUser, documentRow, loginOf, uploadViaApi } from './document-helpers.js';
import { expect, personPage, test, uniqueTitle } from './fixtures.js';

test.afterEach(afterDocumentTest);

async function must(socket: Socket, name: string, payload: Record<string, unknown>): Promise<void> {
  const ack = (await socket.timeout(5_000).emitWithAck(name, { commandId: uuidv7(), ...payload })) as {
    ok: boolean;
    error?: unknown;
  };
  expect(ack.ok, `${name}: ${JSON.stringify(ack.error)}`).toBe(true);
}

test('after the close the secretary recalls the papers: the delegate’s tablet drops them and says so', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  // A meeting of its own: closing the demo meeting would end every other spec's session.
  const title = uniqueTitle('Phiên họp thu hồi tài liệu');
  const meetingId = uuidv7();
  const delegateId = (await loginOf('daibieu1')).user.id;
  const chairId = (await loginOf('chutoa')).user.id;
  await asSecretary(async (socket) => {
    await must(socket, 'meeting:create', {
      meetingId,
      title,
      startsAt: '2027-03-01T08:00:00+07:00',
      place: 'Phòng họp số 2',
      organisation: 'Văn phòng',
    });
    await must(socket, 'participant:set', { meetingId, userId: delegateId, role: 'delegate' });
    await must(socket, 'participant:set', { meetingId, userId: chairId, role: 'chair' });
    await must(socket, 'meeting:publish', { meetingId });
  });
  // Ending is offered once the session has started: the chair opens it.
  await asUser('chutoa', (socket) => must(socket, 'session:start', { meetingId }));
  const paper = uniqueTitle('Tài liệu sẽ thu hồi');
  await uploadViaApi(meetingId, paper, await makePdf({ pages: ['Nội dung mật'] }));

  const delegate = await personPage(browser, 'daibieu1');
  await delegate.goto(`/#/meetings/${meetingId}`);
  await expect(documentRow(delegate, paper)).toBeVisible();

  const secretary = await personPage(browser, 'thuky');
  await secretary.goto(`/#/meetings/${meetingId}`);
  await expect(secretary.getByTestId('documents-recall')).toHaveCount(0);
  await secretary.getByTestId('meeting-close').click();
  await secretary.locator('dialog[open]').getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('meeting-status')).toHaveAttribute('data-status', 'closed');
  await secretary.getByTestId('documents-recall').click();
  await secretary.locator('dialog[open]').getByTestId('confirm-dialog-confirm').click();
  await expect(secretary.getByTestId('documents-recalled')).toBeVisible();

  const notice = delegate.getByTestId('document-notice');
  await expect(notice).toHaveAttribute('data-reason', 'recalled');
  await expect(notice).toContainText(paper);
  await expect(documentRow(delegate, paper)).toHaveCount(0);
  await notice.getByTestId('document-notice-dismiss').click();
  await expect(notice).toHaveCount(0);
});
