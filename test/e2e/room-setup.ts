import type { Socket } from 'socket.io-client';
import { uuidv7 } from 'uuidv7';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { asSecretary, asUser, loginOf, uploadViaApi } from './document-helpers.js';
import { expect } from './fixtures.js';

/** A command that must succeed, over a socket of the test's own. */
export async function must(socket: Socket, name: string, payload: Record<string, unknown>): Promise<void> {
  const ack = (await socket.timeout(5_000).emitWithAck(name, { commandId: uuidv7(), ...payload })) as {
    ok: boolean;
    error?: unknown;
  };
  expect(ack.ok, `${name}: ${JSON.stringify(ack.error)}`).toBe(true);
}

export interface ReadyRoom {
  meetingId: string;
  voteId: string;
  delegateId: string;
  /** The paper's bytes, as uploaded. */
  pdf: Uint8Array;
}

/**
 * A meeting of its own (closing or recalling the demo meeting would end every other spec's
 * session), as the secretary and the chair prepare it: one agenda item, `daibieu1` a delegate
 * checked in, `chutoa` its chair with the session started, one paper of Vietnamese pages, and
 * a yes-no-abstain vote ready to open.
 */
export async function readyRoom(names: {
  title: string;
  itemTitle: string;
  paper: string;
  question: string;
  kind: 'named' | 'secret';
}): Promise<ReadyRoom> {
  const meetingId = uuidv7();
  const voteId = uuidv7();
  const delegateId = (await loginOf('daibieu1')).user.id;
  const chairId = (await loginOf('chutoa')).user.id;
  await asSecretary(async (socket) => {
    await must(socket, 'meeting:create', {
      meetingId,
      title: names.title,
      startsAt: '2027-03-01T08:00:00+07:00',
      place: 'Phòng họp số 3',
      organisation: 'Hội đồng nhân dân',
    });
    await must(socket, 'agenda:add-item', {
      meetingId,
      itemId: uuidv7(),
      parentId: null,
      title: names.itemTitle,
      presenter: 'Sở Tài chính',
      plannedMinutes: 15,
    });
    await must(socket, 'participant:set', { meetingId, userId: delegateId, role: 'delegate' });
    await must(socket, 'participant:set', { meetingId, userId: chairId, role: 'chair' });
    await must(socket, 'meeting:publish', { meetingId });
  });
  const pdf = await makePdf({ pages: [...VIETNAMESE_PAGES] });
  await uploadViaApi(meetingId, names.paper, pdf);
  await asUser('chutoa', async (socket) => {
    await must(socket, 'session:start', { meetingId });
    await must(socket, 'attendance:check-in', { meetingId, userId: delegateId });
    await must(socket, 'vote:create', {
      meetingId,
      voteId,
      agendaItemId: null,
      question: names.question,
      kind: names.kind,
      options: { type: 'yes-no-abstain' },
      rule: 'simple',
      base: 'yes-no',
      quorum: 'none',
      allowChange: false,
      durationSeconds: null,
    });
  });
  return { meetingId, voteId, delegateId, pdf };
}
