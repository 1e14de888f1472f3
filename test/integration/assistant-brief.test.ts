import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { MeetingBriefSchema, type MeetingBrief, type ProtocolError } from '../../shared/protocol/index.js';
import { demoRoomForFile, secondMeeting, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { getContent, mustUpload } from '../support/document-http.js';
import { ask, type Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';
import { makePaperPdf, paperById, PAPERS, type Paper } from '../fixtures/assistant/eval-set.js';

/**
 * The delegate's brief over HTTP: the evaluation papers uploaded on two agenda items and one
 * on none; each paper summed up in a few of its own sentences with their pages, its amounts
 * and dates; a paper restricted to another delegate gives nothing away; a new version of a
 * paper the delegate opened (`document:opened`, sent by the reader) shows what changed, to
 * them and to nobody else. Fetching a paper's bytes is no opening: devices fetch them all ahead.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

const ids = new Map<string, string>();
const items: string[] = [];

async function briefHttp(who: Person | string, meetingId = room.meetingId) {
  const token = typeof who === 'string' ? who : who.token;
  const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/assistant/brief`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as MeetingBrief | { error: ProtocolError } };
}

async function brief(who: Person): Promise<MeetingBrief> {
  const { status, body } = await briefHttp(who);
  if (status !== 200 || !('sections' in body)) throw new Error(`brief refused: ${status} ${JSON.stringify(body)}`);
  const parsed = MeetingBriefSchema.safeParse(body);
  expect(parsed.error).toBeUndefined();
  return body;
}

/** The reader's signal that the person opened this version of a paper. */
async function open(who: Person, documentId: string, version: number, commandId = uuidv7()) {
  return ask(who.socket, 'document:opened', { commandId, meetingId: room.meetingId, documentId, version });
}

function paperIn(b: MeetingBrief, documentId: string) {
  return b.sections.flatMap((s) => s.papers).find((p) => p.documentId === documentId);
}

/** A secret paper: words, figures and dates found in no evaluation paper. */
const SECRET: Paper = {
  id: 'mat-hoa-sen',
  title: 'Tài liệu mật về phương án Hoa Sen xanh',
  pages: [
    [
      'Phương án Hoa Sen xanh dự kiến tổng vốn 7.777,7 tỷ đồng, chiếm 77,7% nguồn vốn dự phòng của thành phố Lâm Hải.',
      'Hội đồng thẩm định phương án Hoa Sen xanh hoàn thành trước ngày 17/7/2029.',
    ],
    ['Phương án Hoa Sen xanh được giữ kín cho đến khi Thường trực Hội đồng nhân dân thành phố cho ý kiến.'],
    ['Các sở, ngành phối hợp xây dựng phương án Hoa Sen xanh theo đúng tiến độ đã được giao.'],
    ['Ủy ban nhân dân thành phố báo cáo kết quả thẩm định phương án Hoa Sen xanh tại kỳ họp gần nhất.'],
  ],
};

async function setUp(): Promise<void> {
  if (ids.size > 0) return;
  const admin = await h.connect('admin');
  for (const title of ['Ngân sách năm 2027', 'Đầu tư công trung hạn']) {
    const itemId = uuidv7();
    await must(admin.socket, 'agenda:add-item', {
      meetingId: room.meetingId,
      itemId,
      parentId: null,
      title,
      presenter: '',
      plannedMinutes: 20,
    });
    items.push(itemId);
  }
  const on = new Map([
    ['bao-cao-ngan-sach-2026', items[0]],
    ['du-thao-nghi-quyet-dau-tu-cong', items[1]],
    ['ke-hoach-ky-hop-cuoi-nam-2026', undefined],
  ]);
  for (const paper of PAPERS) {
    const agendaItemId = on.get(paper.id);
    const doc = await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(paper), {
      title: paper.title,
      fileName: `${paper.id}.pdf`,
      ...(agendaItemId ? { agendaItemId } : {}),
    });
    ids.set(paper.id, doc.id);
  }
  const secret = await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(SECRET), {
    title: SECRET.title,
    agendaItemId: items[0]!,
    visibleTo: { roles: [], users: [room.other.userId] },
  });
  ids.set(SECRET.id, secret.id);
}

describe("the delegate's brief", () => {
  it('lists each agenda item in order with its papers, summaries, figures and dates on their pages', async () => {
    await setUp();
    const b = await brief(room.delegate);
    expect(b.label).toBe('automatic-extracts');
    expect(b.meetingId).toBe(room.meetingId);
    const mine = b.sections.filter((s) => s.agendaItemId === null || items.includes(s.agendaItemId));
    expect(mine.map((s) => s.title)).toEqual(['Ngân sách năm 2027', 'Đầu tư công trung hạn', null]);
    expect(mine.map((s) => s.papers.map((p) => p.documentId))).toEqual([
      [ids.get('bao-cao-ngan-sach-2026')],
      [ids.get('du-thao-nghi-quyet-dau-tu-cong')],
      [ids.get('ke-hoach-ky-hop-cuoi-nam-2026')],
    ]);
    for (const paper of PAPERS) {
      const p = paperIn(b, ids.get(paper.id)!)!;
      expect(p).toMatchObject({
        title: paper.title,
        version: 1,
        pages: paper.pages.length,
        lastOpenedVersion: null,
        changes: null,
      });
      expect(p.summary.length).toBeGreaterThanOrEqual(3);
      expect(p.summary.length).toBeLessThanOrEqual(5);
      // In the paper's order, each sentence on the page that holds it.
      const pages = p.summary.map((s) => s.page);
      expect(pages).toEqual([...pages].sort((x, y) => x - y));
      const flat = (s: string) => s.replace(/\s+/gu, ' ');
      for (const s of p.summary) {
        expect(flat(paper.pages[s.page - 1]!.join(' ')), s.text).toContain(s.text.slice(0, 40));
        // The motto, the signature and the headings are never a summary.
        expect(s.text).not.toMatch(/CỘNG HÒA XÃ HỘI|Hạnh phúc|CHỦ TỊCH/u);
      }
      for (const f of [...p.figures, ...p.dates]) {
        expect(f.sentence).toContain(f.text);
        expect(flat(paper.pages[f.page - 1]!.join(' '))).toContain(f.text.replace(/^trước /u, ''));
      }
      const keys = p.figures.map((f) => f.text);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const budget = paperIn(b, ids.get('bao-cao-ngan-sach-2026')!)!;
    expect(budget.figures.find((f) => f.text === '45.312,8 tỷ đồng')).toMatchObject({ page: 1 });
    expect(budget.figures.find((f) => f.text === '48.600,0 tỷ đồng')).toMatchObject({ page: 5 });
    expect(budget.dates.find((d) => d.text === 'trước ngày 31/12/2026')).toMatchObject({
      deadline: true,
      iso: '2026-12-31',
    });
    const plan = paperIn(b, ids.get('ke-hoach-ky-hop-cuoi-nam-2026')!)!;
    expect(plan.dates.some((d) => d.deadline)).toBe(true);
  });

  it('gives away nothing of a paper restricted to another delegate: not its title, sentences, figures nor changes', async () => {
    await setUp();
    const secretId = ids.get(SECRET.id)!;
    // The delegate opens nothing of it (they cannot: refused, nothing recorded); its owner opens it, then it changes.
    expect((await open(room.other, secretId, 1)).ok).toBe(true);
    expect(await open(room.delegate, secretId, 1)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const refused = await open(room.delegate, secretId, 1);
    expect(refused.ok ? '' : refused.error.message.vi).toContain('không được xem');
    const rows = await h.server.store.db
      .selectFrom('document_opens')
      .select('user_id')
      .where('document_id', '=', secretId)
      .execute();
    expect(rows.map((r) => r.user_id)).toEqual([room.other.userId]);
    await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePaperPdf({
        ...SECRET,
        pages: [['Phương án Hoa Sen xanh điều chỉnh vốn lên 8.888,8 tỷ đồng.'], ...SECRET.pages.slice(1)],
      }),
      { title: SECRET.title, replaces: secretId, visibleTo: { roles: [], users: [room.other.userId] } },
    );
    const text = JSON.stringify(await brief(room.delegate));
    for (const leak of [secretId, 'Hoa Sen', '7.777,7', '77,7%', '8.888,8', '17/7/2029', SECRET.title])
      expect(text).not.toContain(leak);
    // Its owner sees it, on its item, with what changed since they opened it.
    const theirs = paperIn(await brief(room.other), secretId)!;
    expect(theirs).toMatchObject({ title: SECRET.title, version: 2, lastOpenedVersion: 1 });
    expect(theirs.changes).toMatchObject({ sinceVersion: 1, changedPages: [1] });
    expect(theirs.figures.map((f) => f.text)).toContain('8.888,8 tỷ đồng');
  });

  it('shows what changed since the version the delegate last opened, to that delegate only', async () => {
    await setUp();
    const id = ids.get('du-thao-nghi-quyet-dau-tu-cong')!;
    const paper = paperById('du-thao-nghi-quyet-dau-tu-cong');
    // Fetched whole and in ranges, as a device's prefetch and the reader do: not opened.
    expect((await getContent(h.server.url, room.delegate.token, id)).status).toBe(200);
    expect((await getContent(h.server.url, room.delegate.token, id, { range: 'bytes=0-99' })).status).toBe(206);
    expect(paperIn(await brief(room.delegate), id)).toMatchObject({ lastOpenedVersion: null, changes: null });
    // Opened in the reader; the same command again (an outbox's retry) is answered once.
    const commandId = uuidv7();
    expect((await open(room.delegate, id, 1, commandId)).ok).toBe(true);
    expect(await open(room.delegate, id, 1, commandId)).toMatchObject({ ok: true, data: { replayed: true } });
    // A version the paper does not have: refused, nothing recorded.
    expect(await open(room.delegate, id, 9)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(paperIn(await brief(room.delegate), id)).toMatchObject({ lastOpenedVersion: 1, changes: null });
    const page3 = paper.pages[2]!;
    const changed: Paper = {
      ...paper,
      pages: paper.pages.map((ps, i) =>
        i === 2
          ? [
              ...ps.slice(0, -1),
              'Bổ sung dự án Trường trung học phổ thông Bắc Lâm Hải với tổng mức đầu tư 420,0 tỷ đồng, hoàn thành trước ngày 31/8/2028.',
            ]
          : ps,
      ),
    };
    await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makePaperPdf(changed), {
      title: paper.title,
      replaces: id,
    });
    const mine = paperIn(await brief(room.delegate), id)!;
    expect(mine).toMatchObject({ version: 2, lastOpenedVersion: 1 });
    expect(mine.changes!.sinceVersion).toBe(1);
    expect(mine.changes!.changedPages).toEqual([3]);
    expect(mine.changes!.added.map((s) => s.page)).toContain(3);
    expect(mine.changes!.added.map((s) => s.text).join(' ')).toContain('Trường trung học phổ thông Bắc Lâm Hải');
    const lastLine = page3[page3.length - 1]!.replace(/\s+/gu, ' ');
    expect(mine.changes!.removed.map((s) => s.text).join(' ')).toContain(lastLine.slice(0, 30));
    expect(mine.changes!.added.length).toBeLessThanOrEqual(20);
    expect(mine.dates.find((d) => d.iso === '2028-08-31')).toMatchObject({ page: 3, deadline: true });
    // Another delegate never opened it: no changes, and nothing of the first delegate's reading.
    expect(paperIn(await brief(room.third), id)).toMatchObject({ lastOpenedVersion: null, changes: null });
    // Opening the new version ends the list; opening the old one from the history does not bring it back.
    expect((await open(room.delegate, id, 2)).ok).toBe(true);
    expect((await open(room.delegate, id, 1)).ok).toBe(true);
    expect(paperIn(await brief(room.delegate), id)).toMatchObject({ lastOpenedVersion: 2, changes: null });
  });

  it('refuses like the ask route: no token, a meeting one may not see, too many', async () => {
    expect((await briefHttp('not-a-token')).status).toBe(401);
    const elsewhere = await secondMeeting(h, room.secretary.userId, room.chair.userId);
    expect(await briefHttp(room.other, elsewhere)).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect((await briefHttp(room.other, uuidv7())).status).toBe(404);
    expect((await briefHttp(room.other, 'not-an-id')).status).toBe(404);
    // Briefs, questions and action items each have their own budget, 30 a minute per person:
    // a tablet fetching its briefs at every reconnection uses up neither the person's
    // questions nor the action-items panel they open.
    const actionItems = () =>
      fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/action-items`, {
        headers: { authorization: `Bearer ${room.observer.token}` },
      }).then((r) => r.status);
    const ask = () =>
      fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/ask?q=${encodeURIComponent('ngân sách')}`, {
        headers: { authorization: `Bearer ${room.observer.token}` },
      }).then((r) => r.status);
    const briefs: number[] = [];
    for (let i = 0; i < 30; i++) briefs.push((await briefHttp(room.observer)).status);
    expect(briefs.every((s) => s === 200)).toBe(true);
    expect(await briefHttp(room.observer)).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    const itemReads: number[] = [];
    for (let i = 0; i < 30; i++) itemReads.push(await actionItems());
    expect(itemReads.every((s) => s === 200)).toBe(true);
    expect(await actionItems()).toBe(429);
    const asks: number[] = [];
    for (let i = 0; i < 30; i++) asks.push(await ask());
    expect(asks.every((s) => s === 200)).toBe(true);
    expect(await ask()).toBe(429);
  });
});
