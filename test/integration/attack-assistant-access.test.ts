import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { AskAnswerSchema, MeetingBriefSchema, type AskHit, type MeetingBrief } from '../../shared/protocol/index.js';
import { demoRoomForFile, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { getContent, listDocuments, mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';
import { withoutIds } from '../support/without-ids.js';

/**
 * The assistant's access, as an attacker probes it beyond the restricted paper of the
 * assistant's own tests: opening a paper one may not see (so that the brief would diff it
 * later), the room's display account, a person removed from the meeting, papers recalled
 * after the close. What the assistant shows is never more than the document list shows.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

async function get(who: Person, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/${path}`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function answer(who: Person, q: string): Promise<AskHit[]> {
  const { status, body } = await get(who, `ask?q=${encodeURIComponent(q)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return AskAnswerSchema.parse(body);
}

async function brief(who: Person): Promise<MeetingBrief> {
  const { status, body } = await get(who, 'brief');
  expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
  return MeetingBriefSchema.parse(body);
}

const papersOf = (b: MeetingBrief) => b.sections.flatMap((s) => s.papers);

describe('the assistant as an attacker probes its access', () => {
  it('records no opening of a paper one may not see, so its later versions show no changes from it', async () => {
    const v1 = await makePdf({ pages: ['Phương án Hoa Quỳnh trắng dự kiến kinh phí 313 tỷ đồng cho năm 2027.'] });
    const doc = await mustUpload(h.server.url, room.secretary.token, room.meetingId, v1, {
      title: 'Phương án Hoa Quỳnh',
      visibleTo: { roles: [], users: [room.delegate.userId] },
    });
    // The other delegate guesses the id: neither the bytes nor an "opened" of any version, nothing recorded.
    expect((await getContent(h.server.url, room.other.token, doc.id)).status).toBe(404);
    for (const version of [1, 2])
      expect(
        await ask(room.other.socket, 'document:opened', {
          commandId: uuidv7(),
          meetingId: room.meetingId,
          documentId: doc.id,
          version,
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await must(room.delegate.socket, 'document:opened', { meetingId: room.meetingId, documentId: doc.id, version: 1 });
    const opened = await h.server.store.db
      .selectFrom('document_opens')
      .select(['user_id', 'version'])
      .where('document_id', '=', doc.id)
      .execute();
    expect(opened).toEqual([{ user_id: room.delegate.userId, version: 1 }]);
    // Opened to everyone and replaced: only the delegate who read the first version sees what changed.
    await must(room.secretary.socket, 'document:update', {
      meetingId: room.meetingId,
      documentId: doc.id,
      visibleTo: null,
    });
    await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({ pages: ['Phương án Hoa Quỳnh trắng được điều chỉnh, kinh phí 250 tỷ đồng cho năm 2027.'] }),
      { title: 'Phương án Hoa Quỳnh (sửa)', replaces: doc.id },
    );
    const mine = papersOf(await brief(room.delegate)).find((p) => p.documentId === doc.id);
    expect(mine).toMatchObject({ lastOpenedVersion: 1, changes: { sinceVersion: 1 } });
    expect(JSON.stringify(mine?.changes?.removed)).toContain('313');
    const theirs = papersOf(await brief(room.other)).find((p) => p.documentId === doc.id);
    expect(theirs).toMatchObject({ lastOpenedVersion: null, changes: null });
    expect(withoutIds(theirs)).not.toContain('313');
  });

  it("shows the room's display account and every delegate no more than their document list", async () => {
    const secret = await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({ pages: ['Đề án Mộc Miên đỏ dự kiến 919 tỷ đồng, hoàn thành trước ngày 9/9/2029.'] }),
      { title: 'Đề án Mộc Miên', visibleTo: { roles: ['chair'], users: [] } },
    );
    for (const who of [room.observer, room.delegate, room.other, room.third]) {
      const listed = new Set((await listDocuments(h.server.url, who.token, room.meetingId)).documents.map((d) => d.id));
      expect(listed.has(secret.id)).toBe(false);
      for (const hit of await answer(who, 'Mộc Miên đỏ 919 tỷ đồng')) expect(listed.has(hit.documentId)).toBe(true);
      const b = await brief(who);
      for (const p of papersOf(b)) expect(listed.has(p.documentId)).toBe(true);
      expect(withoutIds(b)).not.toMatch(/Mộc Miên|919|9\/9\/2029/);
    }
    expect((await answer(room.chair, 'Mộc Miên đỏ'))[0]).toMatchObject({ documentId: secret.id });
  });

  it('answers a person removed from the meeting not found, for questions and the brief', async () => {
    expect((await answer(room.third, 'Hoa Quỳnh')).length).toBeGreaterThan(0);
    await must(room.secretary.socket, 'participant:remove', { meetingId: room.meetingId, userId: room.third.userId });
    for (const path of ['ask?q=Hoa%20Qu%E1%BB%B3nh', 'brief'])
      expect(await get(room.third, path)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('shows nothing of recalled papers after the close but to the secretary', async () => {
    await must(room.chair.socket, 'meeting:close', { meetingId: room.meetingId });
    await must(room.secretary.socket, 'documents:recall', { meetingId: room.meetingId });
    for (const who of [room.delegate, room.other, room.observer]) {
      const seen = await get(who, `ask?q=${encodeURIComponent('Hoa Quỳnh 250 tỷ đồng')}`);
      // Either the meeting is gone for them or nothing of its papers answers.
      if (seen.status === 200) expect(seen.body).toEqual([]);
      else expect(seen.status).toBe(404);
      const b = await get(who, 'brief');
      if (b.status === 200) expect(papersOf(MeetingBriefSchema.parse(b.body))).toEqual([]);
      else expect(b.status).toBe(404);
    }
    expect((await answer(room.secretary, 'Hoa Quỳnh 250 tỷ đồng'))[0]?.passage).toContain('Hoa Quỳnh');
    expect(papersOf(await brief(room.secretary)).length).toBeGreaterThan(0);
  });
});
