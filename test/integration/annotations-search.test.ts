import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../shared/protocol/index.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask, syncAll, type TestSocket } from '../support/server-harness.js';
import { serverEachTest } from '../support/server-each-test.js';

/**
 * Search finds, besides the papers' pages, the asker's own notes and those others shared,
 * without diacritics; never another person's private note.
 */
const { h } = serverEachTest();

async function person(username: string): Promise<{ socket: TestSocket; token: string }> {
  const { socket, login } = await h.connect(username);
  await syncAll(socket);
  return { socket, token: login.token };
}

async function search(socket: TestSocket, meetingId: string, q: string): Promise<SearchHit[]> {
  const answer = await ask<{ hits: SearchHit[] }>(socket, 'document:search', { meetingId, q });
  if (!answer.ok) throw new Error(answer.error.code);
  return answer.data.hits;
}

describe('search over annotations', () => {
  it("finds one's own notes and shared ones by words without marks, and never another's private note", async () => {
    const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const secretary = await person('thuky');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await makePdf({ pages: ['Trang một'] }));
    const a = await person('daibieu1');
    const b = await person('daibieu2');
    const save = (who: TestSocket, text: string) => {
      const annotation = annotationInput(doc.id, 'note', { text });
      return ask(who, 'annotation:save', { commandId: uuidv7(), meetingId, annotation }).then(() => annotation.id);
    };
    const own = await save(a.socket, 'Đề xuất tăng đầu tư trường học');
    const sharedByB = await save(b.socket, 'Đầu tư đường giao thông nông thôn');
    const privateOfB = await save(b.socket, 'Đầu tư bí mật của đại biểu hai');
    expect(
      await ask(b.socket, 'annotation:share', { commandId: uuidv7(), meetingId, annotationId: sharedByB }),
    ).toMatchObject({ ok: true });

    const hits = await search(a.socket, meetingId, 'dau tu');
    expect(hits.map((h) => h.annotation?.id).sort()).toEqual([own, sharedByB].sort());
    const mine = hits.find((x) => x.annotation?.id === own);
    expect(mine).toMatchObject({ documentId: doc.id, page: 1, snippet: expect.stringContaining('đầu tư') });
    expect(JSON.stringify(hits)).not.toContain(privateOfB);
    expect(JSON.stringify(hits)).not.toContain('bí mật');
    // The secretary sees no private note either; the shared one, yes.
    const secretaryHits = await search(secretary.socket, meetingId, 'bi mat');
    expect(secretaryHits.filter((x) => x.annotation)).toEqual([]);
    // Over HTTP the same.
    const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/search?q=${encodeURIComponent('dau tu')}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    const overHttp = (await res.json()) as SearchHit[];
    expect(
      overHttp
        .filter((x) => x.annotation)
        .map((x) => x.annotation?.id)
        .sort(),
    ).toEqual([own, sharedByB].sort());
  });
});
