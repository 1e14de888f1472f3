import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { AskAnswerSchema, type AskHit } from '../../shared/protocol/index.js';
import { demoRoomForFile, type DemoRoom, type Person } from '../support/document-attack-room.js';
import { mustUpload } from '../support/document-http.js';
import { annotationInput } from '../support/annotation-fixtures.js';
import { makeDensePdf, makePdf } from '../support/pdf-fixtures.js';
import type { Harness } from '../support/server-harness.js';
import { must } from '../support/vote-fixtures.js';

/**
 * Papers made to hurt the assistant, uploaded as real PDFs to a real server: the room's
 * event loop (votes, page turns, every other request) must keep being served while the
 * assistant reads them, and the answer must still come. The bound on the loop's delay is
 * generous (seconds, on a loaded two-core machine); the attacks it guards against stalled
 * the loop for tens of seconds.
 */

let h: Harness;
let room: DemoRoom;
demoRoomForFile((harness, seated) => {
  h = harness;
  room = seated;
});

/** The longest the event loop went unserved, while `work` ran. */
async function worstStall(work: () => Promise<void>): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    await work();
  } finally {
    delay.disable();
  }
  return delay.max / 1e6;
}

async function answer(who: Person, q: string): Promise<AskHit[]> {
  const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/ask?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${who.token}` },
  });
  const body = (await res.json()) as unknown;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return AskAnswerSchema.parse(body);
}

const STALL_BOUND_MS = 2_000;

describe('the assistant under pathological papers', () => {
  it('reads a page of numbered headings that never end a sentence without stalling the room', async () => {
    // "Điều 1." never ends its sentence: one page of them is one endless run to split.
    const lines = ['Quy định Sen Hồng.', ...Array.from({ length: 100 }, () => 'Điều 1. '.repeat(100))];
    const stall = await worstStall(async () => {
      await mustUpload(h.server.url, room.secretary.token, room.meetingId, await makeDensePdf([lines]), {
        title: 'Danh mục điều khoản',
      });
      const hits = await answer(room.delegate, 'Sen Hồng');
      expect(hits[0]?.passage).toContain('Sen Hồng');
    });
    expect(stall).toBeLessThan(STALL_BOUND_MS);
  }, 180_000);

  it('reads a paper of pages packed with text in bounded time, and still answers from its first lines', async () => {
    const dense = (word: string) => [
      `Tờ trình ${word} về quy hoạch.`,
      ...Array.from({ length: 200 }, () => 'Điều 1. '.repeat(100)),
    ];
    const started = performance.now();
    await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makeDensePdf([dense('Cẩm Tú Cầu'), dense('Bằng Lăng'), dense('Hoa Giấy'), dense('Phượng Vĩ')]),
      { title: 'Phụ lục dày đặc' },
    );
    const hits = await answer(room.delegate, 'Phượng Vĩ quy hoạch');
    expect(hits[0]).toMatchObject({ page: 4 });
    expect(hits[0]?.passage).toContain('Phượng Vĩ');
    // 640 KB of text in a file of a few: a minute and a half of the only thread before.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 240_000);

  it("is not held up by another delegate's flood of long shared notes, and still finds one's own", async () => {
    const doc = await mustUpload(
      h.server.url,
      room.secretary.token,
      room.meetingId,
      await makePdf({ pages: ['Tờ trình về phương án Lộc Vừng.'] }),
      { title: 'Tờ trình Lộc Vừng' },
    );
    const save = async (who: Person, text: string, shared: boolean) => {
      const annotation = annotationInput(doc.id, 'note', { text });
      await must(who.socket, 'annotation:save', { meetingId: room.meetingId, annotation });
      if (shared)
        await must(who.socket, 'annotation:share', { meetingId: room.meetingId, annotationId: annotation.id });
      return annotation.id;
    };
    const own = await save(room.delegate, 'Của tôi: hỏi thêm về phương án Tường Vi.', false);
    // 150 notes of 4000 characters that end no sentence: 600,000 characters to segment.
    const flood = 'Điều 1. '.repeat(500);
    for (let i = 0; i < 150; i++) await save(room.other, flood, true);
    const latest = await save(room.other, 'Chia sẻ: phương án Tường Vi cần thêm số liệu.', true);
    const started = performance.now();
    const hits = await answer(room.delegate, 'phương án Tường Vi');
    expect(hits.map((x) => x.annotationId)).toEqual(expect.arrayContaining([own, latest]));
    // A minute and a half of the only thread before.
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 300_000);
});

describe('the assistant under hostile questions', () => {
  async function raw(who: Person, query: string, method = 'GET') {
    const res = await fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/ask?${query}`, {
      method,
      headers: { authorization: `Bearer ${who.token}` },
    });
    return { status: res.status, text: await res.text() };
  }

  it('answers odd text, bytes that are no UTF-8 and repeated parameters without failing', async () => {
    const odd = [
      'ngân\u0000sách',
      'a' + '\u0301'.repeat(299),
      '\u202e ngân sách \u202c مرحبا',
      'ngân sách'.normalize('NFD'),
      '👍🏽'.repeat(75),
      '., '.repeat(100),
      '\ufeff\u200b\u200d',
    ];
    for (const q of odd) {
      const { status, text } = await raw(room.delegate, `q=${encodeURIComponent(q)}`);
      expect([200, 400], `${JSON.stringify(q)}: ${text}`).toContain(status);
      if (status === 200) expect(AskAnswerSchema.safeParse(JSON.parse(text)).success).toBe(true);
    }
    // A lone surrogate cannot be URI-encoded: its raw UTF-8-like bytes, and broken ones.
    for (const query of [
      'q=%ED%A0%80',
      'q=%FF%FE',
      'q=%C3',
      'q=a&q=b',
      'q[x]=1',
      'q=%',
      `q=${'%E1%BB%B3'.repeat(300)}`,
    ]) {
      const { status, text } = await raw(room.delegate, query);
      expect([200, 400], `${query}: ${text}`).toContain(status);
    }
    // The NFD question finds what the NFC one does.
    const nfc = await raw(room.delegate, `q=${encodeURIComponent('phương án Tường Vi')}`);
    const nfd = await raw(room.delegate, `q=${encodeURIComponent('phương án Tường Vi'.normalize('NFD'))}`);
    expect(nfd.text).toBe(nfc.text);
  });

  it('counts HEAD requests and every session of a person under the same budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await raw(room.third, `q=c%C3%A2u${i}`, 'HEAD')).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    const again = await h.connect(room.third.username);
    const get = (path: string) =>
      fetch(`${h.server.url}/api/meetings/${room.meetingId}/assistant/${path}`, {
        headers: { authorization: `Bearer ${again.login.token}` },
      });
    // Another session of the same person: the same questions' budget, spent.
    expect((await get(`ask?q=${encodeURIComponent('ngân sách')}`)).status).toBe(429);
    // Briefs have a budget of their own (a tablet reconnecting often fetches them again).
    expect((await get('brief')).status).toBe(200);
  });
});
