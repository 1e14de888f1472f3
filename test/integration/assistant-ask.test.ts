import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { AskAnswerSchema, type AskHit, type ProtocolError } from '../../shared/protocol/index.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import { demoRoomForFile, secondMeeting, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { mustUpload } from '../support/document-http.js';
import { makePdf } from '../support/pdf-fixtures.js';
import { ask as askSocket, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';
import { loadQuestions, makePaperPdf, PAPERS } from '../fixtures/assistant/eval-set.js';
import { withoutIds } from '../support/without-ids.js';

/**
 * The meeting assistant over HTTP, as a delegate and as an attacker would use it: the three
 * papers of the evaluation set uploaded as real PDFs, questions answered on the right page;
 * a paper restricted to another delegate neither answers nor moves a score; another person's
 * private note never appears; a new version, a changed list or an edited note is seen at once.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

const papers = new Map<string, string>();

async function askHttp(who: Person | string, meetingId: string, q: string) {
  const token = typeof who === 'string' ? who : who.token;
  const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/assistant/ask?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as AskHit[] | { error: ProtocolError };
  return { status: res.status, body };
}

async function answer(who: Person, q: string, meetingId = room.meetingId): Promise<AskHit[]> {
  const { status, body } = await askHttp(who, meetingId, q);
  if (status !== 200 || !Array.isArray(body)) throw new Error(`ask refused: ${status} ${JSON.stringify(body)}`);
  expect(AskAnswerSchema.safeParse(body).success).toBe(true);
  return body;
}

/** The evaluation papers, uploaded once for every test of the file (in order: they build on it). */
async function uploadPapers(): Promise<void> {
  if (papers.size > 0) return;
  for (const paper of PAPERS) {
    const doc = await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(paper), {
      title: paper.title,
      fileName: `${paper.id}.pdf`,
    });
    papers.set(paper.id, doc.id);
  }
}

function rankOf(hits: readonly AskHit[], paperId: string, page: number): number {
  return hits.findIndex((x) => x.documentId === papers.get(paperId) && x.page === page);
}

describe('the assistant answers from the papers', () => {
  it('finds the answering page in the first three for questions with and without marks, with highlights', async () => {
    await uploadPapers();
    const byId = new Map(loadQuestions().map((q) => [q.id, q]));
    // Figures, a definition, deadlines, two typed without marks.
    for (const id of ['q01', 'q22', 'q42', 'q45', 'q03', 'q47']) {
      const q = byId.get(id)!;
      const hits = await answer(room.delegate, q.question);
      expect(hits.length).toBeLessThanOrEqual(10);
      const rank = rankOf(hits, q.document, q.page);
      expect(rank, `${id} "${q.question}": ${JSON.stringify(hits.slice(0, 3))}`).toBeGreaterThanOrEqual(0);
      expect(rank).toBeLessThan(3);
    }
    const [best] = await answer(room.delegate, 'Dự toán thu ngân sách nhà nước năm 2027 là bao nhiêu?');
    expect(best).toMatchObject({ documentId: papers.get('bao-cao-ngan-sach-2026'), page: 5 });
    expect(best!.title).toBe(PAPERS.find((p) => p.id === 'bao-cao-ngan-sach-2026')!.title);
    // Scores best first; highlights are the query's words, inside the passage.
    const hits = await answer(room.delegate, 'dự toán thu ngân sách 2027');
    expect(hits.map((x) => x.score)).toEqual([...hits.map((x) => x.score)].sort((a, b) => b - a));
    for (const hit of hits)
      for (const { start, end } of hit.highlights) {
        expect(start).toBeLessThan(end);
        expect(end).toBeLessThanOrEqual(hit.passage.length);
      }
    const marked = best!.highlights.map(({ start, end }) => best!.passage.slice(start, end).toLowerCase());
    expect(marked.join(' ')).toMatch(/dự toán|ngân sách/);
  });

  it('matches words typed without marks, and keeps marked words apart', async () => {
    await uploadPapers();
    const folded = await answer(room.delegate, 'du toan thu ngan sach nha nuoc nam 2027');
    expect(rankOf(folded, 'bao-cao-ngan-sach-2026', 5)).toBeGreaterThanOrEqual(0);
    expect(rankOf(folded, 'bao-cao-ngan-sach-2026', 5)).toBeLessThan(3);
    // Exactly the same words with their marks find the same page.
    const exact = await answer(room.delegate, 'dự toán thu ngân sách nhà nước năm 2027');
    expect(rankOf(exact, 'bao-cao-ngan-sach-2026', 5)).toBeLessThan(3);
    // "bán" with its mark finds no "bàn"/"ban" passage by that word.
    for (const hit of await answer(room.delegate, 'bán'))
      expect(hit.passage.normalize('NFC').toLowerCase()).toContain('bán');
  });
});

describe('the assistant as an attacker tests it', () => {
  it('never shows, nor counts in the scores, a paper restricted to another delegate', async () => {
    await uploadPapers();
    const question = 'Kinh phí dự án Hoa Sen xanh được duyệt là bao nhiêu tỷ đồng?';
    const before = await answer(room.other, question);
    const secret = await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({
        pages: [
          'Dự án Hoa Sen xanh được duyệt kinh phí 777 tỷ đồng từ ngân sách thành phố năm 2027. Dự toán ngân sách chi đầu tư phát triển.',
        ],
      }),
      { title: 'Tài liệu mật về dự án Hoa Sen xanh', visibleTo: { roles: [], users: [room.delegate.userId] } },
    );
    // The delegate it is restricted to finds it first; the secretary too.
    expect((await answer(room.delegate, question))[0]).toMatchObject({ documentId: secret.id, page: 1 });
    expect((await answer(room.secretary, question))[0]).toMatchObject({ documentId: secret.id });
    // Another delegate: not a passage from it, and every score exactly as before it existed.
    const after = await answer(room.other, question);
    expect(after).toEqual(before);
    expect(withoutIds(after)).not.toMatch(/Hoa Sen|777/);
    const probe = await answer(room.other, 'Hoa Sen xanh 777');
    expect(probe.filter((x) => x.documentId === secret.id)).toEqual([]);
    expect(probe).toEqual(await answer(room.other, 'Hoa Sen xanh 777'));
    // A note the delegate shares on the restricted paper reaches only those who may see the paper.
    const note = annotationInput(secret.id, 'note', { text: 'Chia sẻ: Hoa Sen xanh cần thẩm định lại.' });
    await must(room.delegate.socket, 'annotation:save', { meetingId: room.meetingId, annotation: note });
    await must(room.delegate.socket, 'annotation:share', { meetingId: room.meetingId, annotationId: note.id });
    expect((await answer(room.secretary, 'thẩm định lại Hoa Sen')).map((x) => x.annotationId)).toContain(note.id);
    expect(await answer(room.other, 'Hoa Sen xanh 777')).toEqual(probe);
    expect(JSON.stringify(await answer(room.other, 'thẩm định lại'))).not.toContain(note.id);
    // Taken off the list afterwards: gone for the delegate at once as well.
    await must(room.secretary.socket, 'document:update', {
      meetingId: room.meetingId,
      documentId: secret.id,
      visibleTo: { roles: [], users: [room.third.userId] },
    });
    expect((await answer(room.delegate, question)).filter((x) => x.documentId === secret.id)).toEqual([]);
    expect(await answer(room.delegate, question)).toEqual(await answer(room.other, question));
    await must(room.secretary.socket, 'document:remove', { meetingId: room.meetingId, documentId: secret.id });
  });

  it("never shows another's private note; one's own and shared ones, yes, as they are now", async () => {
    await uploadPapers();
    const documentId = papers.get('ke-hoach-ky-hop-cuoi-nam-2026')!;
    const save = async (who: Person, text: string, id = uuidv7()) => {
      const annotation = annotationInput(documentId, 'note', { id, text, page: 2 });
      const saved = await askSocket(who.socket, 'annotation:save', {
        commandId: uuidv7(),
        meetingId: room.meetingId,
        annotation,
      });
      expect(saved).toMatchObject({ ok: true });
      return annotation.id;
    };
    const privateNote = await save(room.other, 'Ghi chú riêng: ủng hộ phương án Tùng Lâm tím.');
    const sharedNote = await save(room.other, 'Chia sẻ: đề nghị làm rõ phương án Mai Vàng.');
    await must(room.other.socket, 'annotation:share', { meetingId: room.meetingId, annotationId: sharedNote });
    const own = await save(room.delegate, 'Của tôi: hỏi thêm về phương án Tùng Lâm tím.');

    const seen = await answer(room.delegate, 'phương án Tùng Lâm tím');
    expect(JSON.stringify(seen)).not.toContain('ủng hộ');
    expect(seen.map((x) => x.annotationId)).not.toContain(privateNote);
    expect(seen[0]).toMatchObject({ annotationId: own, documentId, page: 2 });
    // The author finds their own private note; the shared one finds everyone; folded too.
    expect((await answer(room.other, 'tung lam tim'))[0]).toMatchObject({ annotationId: privateNote });
    expect((await answer(room.delegate, 'mai vang'))[0]).toMatchObject({ annotationId: sharedNote });
    expect((await answer(room.secretary, 'Tùng Lâm tím')).map((x) => x.annotationId)).not.toContain(privateNote);
    // Edited: the new words answer, the old ones no longer do.
    await save(room.delegate, 'Của tôi: đã rõ về phương án Cúc Trắng.', own);
    expect((await answer(room.delegate, 'Cúc Trắng'))[0]).toMatchObject({ annotationId: own });
    expect((await answer(room.delegate, 'Tùng Lâm tím')).map((x) => x.annotationId)).not.toContain(own);
  });

  it('answers from the current version only', async () => {
    await uploadPapers();
    const first = await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({ pages: ['Phương án Ngọc Lan đỏ được đề xuất lần đầu.'] }),
      { title: 'Tờ trình Ngọc Lan' },
    );
    expect((await answer(room.delegate, 'Ngọc Lan đỏ'))[0]).toMatchObject({ documentId: first.id });
    await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({ pages: ['Phương án Thiên Lý được thay thế hoàn toàn.'] }),
      { title: 'Tờ trình Ngọc Lan (sửa)', replaces: first.id },
    );
    const hits = await answer(room.delegate, 'Ngọc Lan đỏ Thiên Lý');
    expect(hits.filter((x) => x.documentId === first.id).map((x) => x.passage)).toEqual([
      'Phương án Thiên Lý được thay thế hoàn toàn.',
    ]);
    expect(hits[0]?.title).toBe('Tờ trình Ngọc Lan (sửa)');
  });

  it('refuses like the other routes: no token, a meeting one may not see, a bad query, a one-time password, too many', async () => {
    expect((await askHttp('not-a-token', room.meetingId, 'ngân sách')).status).toBe(401);
    const elsewhere = await secondMeeting(h, room.secretary.userId, room.chair.userId);
    expect(await askHttp(room.other, elsewhere, 'ngân sách')).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(await askHttp(room.other, uuidv7(), 'ngân sách')).toMatchObject({ status: 404 });
    expect(await askHttp(room.other, 'not-an-id', 'ngân sách')).toMatchObject({ status: 404 });
    for (const q of ['', '   ', 'x'.repeat(301)])
      expect(await askHttp(room.other, room.meetingId, q)).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED' } },
      });
    const noQ = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/ask`, {
      headers: { authorization: `Bearer ${room.other.token}` },
    });
    expect(noQ.status).toBe(400);
    // A session signed in with a handed-out password may do nothing else until it is changed.
    const observer = room.observer;
    await h.server.store.db
      .updateTable('users')
      .set({ must_change_password: 1 })
      .where('id', '=', observer.userId)
      .execute();
    try {
      expect(await askHttp(observer, room.meetingId, 'ngân sách')).toMatchObject({
        status: 403,
        body: { error: { code: 'PASSWORD_CHANGE_REQUIRED' } },
      });
    } finally {
      await h.server.store.db
        .updateTable('users')
        .set({ must_change_password: 0 })
        .where('id', '=', observer.userId)
        .execute();
    }
    // At most 30 questions a minute per person.
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await askHttp(room.third, room.meetingId, `câu hỏi ${i}`)).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    expect(await askHttp(room.third, room.meetingId, 'ngân sách')).toMatchObject({
      body: { error: { code: 'RATE_LIMITED' } },
    });
    // Others are not held back by it.
    expect((await askHttp(room.other, room.meetingId, 'ngân sách')).status).toBe(200);
  });
});
