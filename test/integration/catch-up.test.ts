import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingUpdate } from '../../shared/protocol/index.js';
import { CHANGES_READ_FOR_CATCH_UP, SNAPSHOT_AFTER_CHANGES } from '../../shared/protocol/index.js';
import { appendChange } from '../../server/sync/change-log.js';
import { ask, startHarness, type Harness } from '../support/server-harness.js';
import { joinMeeting, type Member } from '../support/vote-fixtures.js';

let h: Harness;
let secretary: Member & { meeting: { id: string } };
beforeAll(async () => {
  h = await startHarness();
  secretary = await joinMeeting(h, 'thuky');
});
afterAll(() => h?.cleanup());

/** Appends rows to the meeting's log as commands would (the real appendChange), in one transaction. */
async function logged(count: number, make: (i: number) => Parameters<typeof appendChange>[2]): Promise<void> {
  const meetingId = secretary.meeting.id;
  await h.server.store.transaction(async (tx) => {
    const meta = { meetingId, actorId: secretary.userId, commandId: uuidv7(), at: new Date().toISOString() };
    for (let i = 0; i < count; i++) await appendChange(tx, meta, make(i));
  });
}

async function catchUp(sinceSeq: number): Promise<MeetingUpdate> {
  const answer = await ask<MeetingUpdate>(secretary.socket, 'meeting:catch-up', {
    meetingId: secretary.meeting.id,
    sinceSeq,
  });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data;
}

const seqNow = async () =>
  (
    await h.server.store.db
      .selectFrom('meetings')
      .select('seq')
      .where('id', '=', secretary.meeting.id)
      .executeTakeFirstOrThrow()
  ).seq;

describe('catching up', () => {
  it(`sends the few changes a vote of 300 ballots compacts to (over ${SNAPSHOT_AFTER_CHANGES}), not the whole meeting again`, async () => {
    const since = await seqNow();
    const voteId = uuidv7();
    await logged(300, (i) => ({
      type: 'vote:ballot-counted',
      data: { voteId, ballotCount: i + 1, voterId: null },
      anonymous: true,
    }));
    const update = await catchUp(since);
    expect(update).toMatchObject({ kind: 'changes', sinceSeq: since });
    if (update.kind !== 'changes') throw new Error('a snapshot');
    expect(update.changes).toHaveLength(1);
    expect(update.changes[0]).toMatchObject({ seq: since + 300, data: { voteId, ballotCount: 300 } });
  });

  it('still sends a snapshot when what is left is more than SNAPSHOT_AFTER_CHANGES, or the client is very far behind', async () => {
    const since = await seqNow();
    await logged(SNAPSHOT_AFTER_CHANGES + 1, () => ({ type: 'participant:removed', data: { userId: uuidv7() } }));
    expect((await catchUp(since)).kind).toBe('snapshot');

    const later = await seqNow();
    const voteId = uuidv7();
    await logged(CHANGES_READ_FOR_CATCH_UP + 1, (i) => ({
      type: 'vote:ballot-counted',
      data: { voteId, ballotCount: i + 1, voterId: null },
      anonymous: true,
    }));
    expect((await catchUp(later)).kind).toBe('snapshot');
  });
});
