import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import {
  demoRoomForFile,
  multipart,
  postRaw as post,
  secondMeeting as anotherMeeting,
  type Person,
} from '../support/document-attack-room.js';
import { documentTraces } from '../support/document-storage.js';
import { getContent, mustUpload, searchMeeting, uploadPdf } from '../support/document-http.js';
import { pdfWithManyWords, pdfWithNulText } from '../support/hostile-pdfs.js';
import { makeLongPdf, makePdf } from '../support/pdf-fixtures.js';
import { ask, type Harness } from '../support/server-harness.js';

/**
 * Attacks on what the documents feature takes in (issue 8): the search's query languages,
 * ranges and conditions, multipart tricks, floods and hostile PDFs. A test names what must hold.
 */

let h: Harness;
let secretary: Person;
let chair: Person;
let delegate: Person;
let other: Person;
let meetingId: string;
demoRoomForFile((server, room) => {
  h = server;
  ({ secretary, chair, delegate, other, meetingId } = room);
});

const tiny = (words: string) => makePdf({ pages: [words] });
const secondMeeting = () => anotherMeeting(h, other.userId, chair.userId);
const postRaw = (path: string, token: string, body: Buffer, headers: Record<string, string>) =>
  post(h.server.url, path, token, body, headers);

describe('search', () => {
  it('no query syntax of FTS5 or tsquery gets through, and none brings an error', async () => {
    await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Nghị quyết Đại hội đồng cổ đông'));
    const hostile = [
      '"',
      '""',
      '*',
      'nghi*',
      'NEAR(nghi quyet)',
      'nghi OR x',
      'nghi AND NOT quyet',
      '^nghi',
      'folded:nghi',
      'document_id:x',
      '- nghi',
      '!nghi',
      'nghi & !quyet',
      'nghi | zzz',
      'nghi <-> quyet',
      "nghi:* & '",
      "'nghi'",
      '\\',
      '(',
      ')',
      ':*',
      '½ ² Ⅻ',
      '١٢٣ nghi',
      'ǅ ﬁ ß',
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x'.repeat(200),
      'a b c d e f g h i j k l m n o p q r s t',
    ];
    for (const q of hostile) {
      const encoded = q === '\ud800' ? '%ED%A0%80' : encodeURIComponent(q);
      const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/search?q=${encoded}`, {
        headers: { authorization: `Bearer ${delegate.token}` },
      });
      expect(res.status, JSON.stringify(q)).toBeLessThan(500);
      const viaSocket = await ask(delegate.socket, 'document:search', { meetingId, q });
      expect((viaSocket as { error?: { code: string } }).error?.code, JSON.stringify(q)).not.toBe('INTERNAL');
    }
    // Syntax is words, nothing more: "nghi OR x" needs the word x too.
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'nghi OR zzz')).hits).toEqual([]);
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, '(nghi) "quyet"')).hits).toHaveLength(1);
  });

  it("snippets come only from pages the asker may see, never another meeting's", async () => {
    await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Lương thưởng bí mật của giám đốc'), {
      visibleTo: { users: [delegate.userId], roles: [] },
    });
    const second = await secondMeeting();
    await mustUpload(h.server.url, other.token, second, await tiny('Lương thưởng họp hai'));
    expect((await searchMeeting(h.server.url, other.token, meetingId, 'luong thuong')).hits).toEqual([]);
    const fromSecond = await searchMeeting(h.server.url, other.token, second, 'luong thuong');
    expect(fromSecond.hits).toHaveLength(1);
    expect(fromSecond.hits[0]?.snippet).not.toContain('bí mật');
    const mine = await searchMeeting(h.server.url, delegate.token, meetingId, 'luong thuong');
    expect(mine.hits).toHaveLength(1);
    // A delegate of the first meeting asks the second: not found, not an empty list.
    expect((await searchMeeting(h.server.url, delegate.token, second, 'luong')).status).toBe(404);
  });
});

describe('content: ranges and conditions', () => {
  it('answers every malformed, huge, negative or multiple range without an error, and HEAD without a body', async () => {
    const bytes = await tiny('Phạm vi byte');
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, bytes);
    const n = bytes.length;
    const cases: Array<[string, number, (b: Uint8Array) => boolean]> = [
      ['bytes=0-0', 206, (b) => b.length === 1 && b[0] === bytes[0]],
      ['bytes=-0', 416, () => true],
      ['bytes=-1', 206, (b) => b.length === 1 && b[0] === bytes[n - 1]],
      [`bytes=-${n * 10}`, 206, (b) => b.length === n],
      ['bytes=-99999999999999999999999', 206, (b) => b.length === n],
      ['bytes=99999999999999999999999-', 416, () => true],
      ['bytes=0-99999999999999999999999', 206, (b) => b.length === n],
      ['bytes=5-3', 200, (b) => b.length === n],
      ['bytes=-5-3', 200, (b) => b.length === n],
      ['bytes=0-1,4-5', 200, (b) => b.length === n],
      [`bytes=${'0-1,'.repeat(2000)}0-1`, 200, (b) => b.length === n],
      ['bytes=abc', 200, (b) => b.length === n],
      ['bytes=1e3-', 200, (b) => b.length === n],
      ['bytes=0x10-', 200, (b) => b.length === n],
      ['items=0-5', 200, (b) => b.length === n],
      ['bytes=', 200, (b) => b.length === n],
      ['bytes=-', 200, (b) => b.length === n],
      [`bytes=${n}-${n + 5}`, 416, () => true],
      [`bytes=${n - 1}-`, 206, (b) => b.length === 1],
    ];
    for (const [range, status, check] of cases) {
      const got = await getContent(h.server.url, delegate.token, doc.id, { range });
      expect(got.status, range.slice(0, 40)).toBe(status);
      if (status !== 416) expect(check(got.bytes), range.slice(0, 40)).toBe(true);
      if (status === 416) expect(got.headers.get('content-range')).toBe(`bytes */${n}`);
    }
    // If-Range with another validator (weak, a date, garbage) gives the whole, current file.
    for (const ifRange of [`W/"${doc.sha256}"`, new Date().toUTCString(), '"nope"', '*']) {
      const got = await getContent(h.server.url, delegate.token, doc.id, { range: 'bytes=0-9', 'if-range': ifRange });
      expect(got.status, ifRange).toBe(200);
      expect(got.bytes.length).toBe(n);
    }
    const matching = await getContent(h.server.url, delegate.token, doc.id, {
      range: 'bytes=0-9',
      'if-range': `"${doc.sha256}"`,
    });
    expect(matching.status).toBe(206);
    for (const inm of [`"${doc.sha256}"`, `W/"${doc.sha256}"`, `"x", "${doc.sha256}"`, '*']) {
      expect((await getContent(h.server.url, delegate.token, doc.id, { 'if-none-match': inm })).status, inm).toBe(304);
    }
    expect((await getContent(h.server.url, delegate.token, doc.id, { 'if-none-match': '"x"' })).status).toBe(200);
    const head = await fetch(`${h.server.url}/api/documents/${doc.id}/content`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${delegate.token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(n));
    expect(head.headers.get('content-encoding')).toBeNull();
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    // Even a client that begs for compression gets the bytes as they are.
    const gz = await getContent(h.server.url, delegate.token, doc.id, { 'accept-encoding': 'gzip, br, deflate' });
    expect(gz.headers.get('content-encoding')).toBeNull();
    for (const q of [
      '?version=0',
      '?version=-1',
      '?version=2',
      '?version=abc',
      '?version=1.5',
      '?version=1e400',
      '?version=&version=1',
    ]) {
      const got = await getContent(h.server.url, delegate.token, doc.id, {}, q);
      expect(got.status, q).toBe(404);
    }
    expect((await getContent(h.server.url, delegate.token, doc.id, {}, '?version=1')).status).toBe(200);
    expect((await getContent(h.server.url, delegate.token, 'not-an-id')).status).toBe(404);
    expect((await getContent(h.server.url, delegate.token, '..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });
});

describe('upload tricks', () => {
  const path = () => `/api/meetings/${meetingId}/documents`;
  const mp = 'multipart/form-data; boundary=xx';

  it('refuses two file parts, a file under another name, a huge field, too many fields, and leaves nothing', async () => {
    const pdf = await tiny('Tệp hợp lệ');
    const before = await documentTraces(h);
    const attempts: Array<[string, Buffer]> = [
      [
        'two files',
        multipart('xx', [
          { name: 'title', value: 'Hai tệp' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
          { name: 'file', value: pdf, filename: 'b.pdf' },
        ]),
      ],
      [
        'file named otherwise',
        multipart('xx', [
          { name: 'title', value: 'Tên khác' },
          { name: 'document', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'other file first',
        multipart('xx', [
          { name: 'title', value: 'Tên khác' },
          { name: 'attachment', value: pdf, filename: 'x.pdf' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'huge field',
        multipart('xx', [
          { name: 'title', value: 'x'.repeat(200 * 1024) },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'many fields',
        multipart('xx', [
          ...Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v' })),
          { name: 'title', value: 'Nhiều trường' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'unknown field',
        multipart('xx', [
          { name: 'title', value: 'Trường lạ' },
          { name: 'isAdmin', value: 'true' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        '__proto__ field',
        multipart('xx', [
          { name: 'title', value: 'Proto' },
          { name: '__proto__', value: '{"x":1}' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'visibleTo not JSON',
        multipart('xx', [
          { name: 'title', value: 'Sai' },
          { name: 'visibleTo', value: '{users:' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      [
        'visibleTo with __proto__',
        multipart('xx', [
          { name: 'title', value: 'Sai' },
          { name: 'visibleTo', value: '{"__proto__":{"users":[]},"roles":["delegate"]}' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
      ['no title', multipart('xx', [{ name: 'file', value: pdf, filename: 'a.pdf' }])],
      ['no file', multipart('xx', [{ name: 'title', value: 'Không tệp' }])],
      [
        'field name too long',
        multipart('xx', [
          { name: 'n'.repeat(500), value: 'v' },
          { name: 'file', value: pdf, filename: 'a.pdf' },
        ]),
      ],
    ];
    for (const [what, body] of attempts) {
      const answer = await postRaw(path(), secretary.token, body, { 'content-type': mp });
      if (answer === 'cut') continue; // refused by closing: acceptable
      expect(answer.status, what).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${what}: ${answer.body}`).toBeLessThan(500);
      expect(JSON.parse(answer.body).error?.message?.en, what).toBeTruthy();
    }
    expect(await documentTraces(h), 'left behind').toEqual(before);
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
  });

  it('takes fields after the file, and a visibleTo naming strangers shows them nothing', async () => {
    const pdf = await tiny('Trường sau tệp');
    const body = multipart('xx', [
      { name: 'file', value: pdf, filename: 'a.pdf' },
      { name: 'title', value: 'Sau tệp' },
      { name: 'visibleTo', value: JSON.stringify({ users: [uuidv7()], roles: [] }) },
    ]);
    const answer = await postRaw(path(), secretary.token, body, { 'content-type': mp });
    expect(answer).not.toBe('cut');
    if (answer === 'cut') return;
    expect(answer.status, answer.body).toBe(201);
    const doc = JSON.parse(answer.body) as { id: string; title: string };
    expect(doc.title).toBe('Sau tệp');
    expect((await getContent(h.server.url, delegate.token, doc.id)).status).toBe(404);
  });

  it('a flood of parallel uploads by several people leaves the server up and no stray file', async () => {
    const pdf = await makeLongPdf(20);
    const bad = new TextEncoder().encode('%PDF-1.7\nkhông phải\n'.repeat(50) + '%%EOF\n');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        uploadPdf(h.server.url, secretary.token, meetingId, i % 2 ? bad : pdf, { title: `Lũ ${i}` }).catch(() => null),
      ),
    );
    const statuses = answers.map((a) => a?.status ?? 0);
    expect(
      statuses.every((s) => s === 201 || s === 422 || s === 429),
      statuses.join(),
    ).toBe(true);
    expect((await fetch(`${h.server.url}/api/health`)).status).toBe(200);
    const traces = await documentTraces(h);
    expect(traces.files.filter((f) => f.includes('incoming'))).toEqual([]);
  }, 30_000);

  it('a title with a NUL character gets a clear refusal or is stored, never INTERNAL', async () => {
    const answer = await uploadPdf(h.server.url, secretary.token, meetingId, await tiny('NUL'), {
      title: 'Tờ\u0000trình',
    });
    expect(answer.body.error?.code, JSON.stringify(answer.body)).not.toBe('INTERNAL');
    expect(answer.status).toBeLessThan(500);
    const doc = await mustUpload(h.server.url, secretary.token, meetingId, await tiny('Hợp lệ'));
    const update = await ask(secretary.socket, 'document:update', {
      commandId: uuidv7(),
      meetingId,
      documentId: doc.id,
      title: 'a\u0000b',
    });
    expect((update as { error?: { code: string } }).error?.code).not.toBe('INTERNAL');
  });
});

describe('hostile PDFs', () => {
  it('a PDF whose text layer holds a NUL character is accepted or refused clearly, on both engines', async () => {
    const answer = await uploadPdf(h.server.url, secretary.token, meetingId, pdfWithNulText(), { title: 'NUL' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect((await searchMeeting(h.server.url, delegate.token, meetingId, 'quokka')).hits).toHaveLength(1);
  });

  it('a page with a great deal of text (over a megabyte of index) is accepted or refused clearly, leaving nothing', async () => {
    const bytes = pdfWithManyWords(120_000);
    const before = await documentTraces(h);
    const answer = await uploadPdf(h.server.url, secretary.token, meetingId, bytes, { title: 'Nhiều chữ' });
    expect(answer.body.error?.code, JSON.stringify(answer.body.error)).not.toBe('INTERNAL');
    expect(answer.status).toBeLessThan(500);
    if (answer.status !== 201) expect(await documentTraces(h)).toEqual(before);
  }, 30_000);
});
