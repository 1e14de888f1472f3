import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceText, minutesFromRecord, QUOC_HIEU, TIEU_NGU } from '../../shared/domain/index.js';
import type { MinutesContent } from '../../shared/protocol/index.js';
import { runTool } from '../../test/support/outside-tools.js';
import { meetingRecord, PARTICIPANTS } from '../../test/support/minutes-record.js';
import { issueLeaf, makeCa } from '../../test/support/test-pki.js';
import { signPdf } from '../signatures/index.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { renderMinutesPdf } from './minutes-pdf.js';

/**
 * The minutes of a 12-member council session rendered as PDF and .docx, read back by tools
 * that are not ours: poppler (text, fonts, page size, signatures), unzip (the Word XML).
 */

let dir: string;
let content: MinutesContent;
let pdf: Buffer;
let pdfFile: string;
let page1: string;
let page2: string;
let allText: string;

const zone = 'Asia/Ho_Chi_Minh';
/** Every string of a value in NFD, as a Mac's input method would send it. */
function decomposed<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFD') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => decomposed(v)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decomposed(v)])) as T;
  return value;
}

async function text(file: string, ...range: string[]): Promise<string> {
  const out = await runTool('pdftotext', ['-layout', ...range, file, '-']);
  expect(out.code, out.stderr).toBe(0);
  return out.stdout;
}

function save(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cabinet-minutes-'));
  content = minutesFromRecord(meetingRecord());
  content.header.parentOrganisation = 'Thành ủy Hà Nội';
  content.agenda[0]!.discussion =
    'Các đại biểu thống nhất cao với báo cáo.\nĐề nghị bổ sung số liệu về giải ngân vốn đầu tư công quý IV.';
  content.agenda[1]!.decisions = 'Hội đồng nhân dân thành phố thông qua Nghị quyết với 7/11 đại biểu tán thành.';
  content.agenda[1]!.tasks = [
    { who: 'Sở Tài chính', what: 'chủ trì tham mưu điều chuyển vốn giữa các dự án', deadline: 'trước ngày 31/12/2026' },
    { who: '', what: 'Giao dự toán chi ngân sách năm 2027 cho các đơn vị', deadline: '' },
  ];
  pdf = await renderMinutesPdf(content);
  pdfFile = save('minutes.pdf', pdf);
  [page1, page2, allText] = await Promise.all([
    text(pdfFile, '-f', '1', '-l', '1'),
    text(pdfFile, '-f', '2', '-l', '2'),
    text(pdfFile),
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the minutes as a PDF', () => {
  it('is A4 portrait and runs over more than one page', async () => {
    const info = await runTool('pdfinfo', [pdfFile]);
    expect(info.stdout).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('has the Decree 30 header, the place and date, the title and the meeting title on page 1', () => {
    for (const line of [QUOC_HIEU, TIEU_NGU, 'THÀNH ỦY HÀ NỘI', 'HỘI ĐỒNG NHÂN DÂN THÀNH', 'Số: 12/BB-HĐND']) {
      expect(page1).toContain(line);
    }
    expect(page1).toContain('Hà Nội, ngày 05 tháng 12 năm 2026');
    expect(page1).toMatch(/^\s*BIÊN BẢN\s*$/m);
    expect(page1).toContain(content.header.title);
  });

  it('numbers the pages in the top margin from page 2 on, not on page 1', () => {
    const firstLine = (page: string) =>
      page
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim();
    expect(firstLine(page1)).not.toMatch(/^\d+$/);
    expect(firstLine(page2)).toBe('2');
  });

  it('never ends a page with a heading or a label: it goes over with what it heads', async () => {
    // The discussion one line longer each time moves every heading down through the page ends.
    for (let lines = 0; lines < 16; lines += 1) {
      const longer = minutesFromRecord(meetingRecord());
      longer.header.parentOrganisation = content.header.parentOrganisation;
      longer.agenda[0]!.discussion = Array.from({ length: lines }, (_, i) => `Ý kiến thứ ${i + 1}.`).join('\n');
      const pages = (await text(save(`headings-${lines}.pdf`, await renderMinutesPdf(longer)))).split('\f');
      for (const page of pages.filter((p) => p.trim() !== '')) {
        const last = page.trimEnd().split('\n').at(-1)!.trim();
        expect(last, `${lines} lines`).not.toMatch(/^([IV]+|\d+(\.\d+)*)\. |:$/);
      }
    }
  });

  it('lists every participant with their attendance', () => {
    expect(PARTICIPANTS).toHaveLength(12);
    for (const row of content.attendance) {
      const line = allText.split('\n').find((l) => l.includes(row.name) && /Có mặt|Đến muộn|Vắng mặt/.test(l));
      const word = attendanceText(row, zone).split(' (')[0]!;
      expect(line, row.name).toContain(word);
    }
    expect(allText).toMatch(/Ngô Thị Phượng.*Vắng mặt \(lý do: Đi công tác/);
    expect(allText).toMatch(/Đỗ Xuân Trường.*Đến muộn \(08 giờ 42 phút;/);
  });

  it('gives each vote its counts, shares of all members and outcome; names only for the named vote', () => {
    expect(allText).toMatch(/Tán thành\s+7\s+63,64%/);
    expect(allText).toMatch(/Không tán thành\s+2\s+18,18%/);
    expect(allText).toMatch(/Không tham gia biểu quyết\s+1\s+9,09%/);
    expect(allText).toContain('Kết quả: Thông qua');
    expect(allText).toMatch(/Phạm Thị Thu Hương\s+8\s+72,73%/);
    expect(allText).toMatch(/Dương Quốc Khánh\s+2\s+18,18%/);
    expect(allText).toContain('Kết quả: Trúng cử: Phạm Thị Thu Hương');
    expect(allText).toMatch(/\d+\s+Phạm Thị Thu Hương\s+Không tán thành/);
    expect(allText).toContain('(bỏ phiếu kín)');
    expect(allText).not.toContain('Không được in ra');
  });

  it('has the speakers, the approval, the discussion and the signature blocks', () => {
    expect(allText).toContain('Lê Quang Đức: 21 phút');
    expect(allText).toContain('Hoàng Minh Tuấn: 42 giây (kiến nghị về thủ tục)');
    expect(allText).toContain('Nguyễn Văn Hùng phê duyệt “Dự thảo Nghị quyết dự toán ngân sách 2027”');
    expect(allText).toContain('Đề nghị bổ sung số liệu về giải ngân vốn đầu tư công quý IV.');
    expect(allText).toContain('Phân công thực hiện:');
    expect(allText).toMatch(
      /Sở Tài chính: chủ trì tham mưu điều chuyển vốn giữa các dự án\s+\(thời hạn:\s+trước\s+ngày\s+31\/12\/2026\)\./,
    );
    expect(allText).toContain('Giao dự toán chi ngân sách năm 2027 cho các đơn vị.');
    expect(allText).toMatch(/THƯ KÝ\s+CHỦ TỌA/);
    expect(allText).toMatch(/Trần Thị Mai\s+Nguyễn Văn Hùng/);
  });

  it('keeps the closing with the signatures, and leaves at least 25 mm to sign or stamp', async () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec((await runTool('pdfinfo', [pdfFile])).stdout)?.[1]);
    const last = await text(pdfFile, '-f', String(pages), '-l', String(pages));
    expect(last).toContain('IV. KẾT THÚC');
    expect(last).toContain('Cuộc họp kết thúc lúc 11 giờ 30 phút cùng ngày.');
    expect(last).toMatch(/THƯ KÝ\s+CHỦ TỌA/);
    const boxes = await runTool('pdftotext', ['-bbox', '-f', String(pages), '-l', String(pages), pdfFile, '-']);
    const words = [...boxes.stdout.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
      top: Number(m[1]),
      bottom: Number(m[2]),
      word: m[3],
    }));
    const instruction = words.filter((w) => w.word === 'tên)').at(-1);
    const name = words.filter((w) => w.word === 'Mai').at(-1);
    expect(instruction && name).toBeTruthy();
    expect(name!.top - instruction!.bottom).toBeGreaterThanOrEqual((25 / 25.4) * 72);
  });

  it('embeds every font as a subset with a ToUnicode map', async () => {
    const fonts = await runTool('pdffonts', [pdfFile]);
    const rows = fonts.stdout.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      // name, type…, encoding, emb, sub, uni, object id
      expect(row, row).toMatch(/^[A-Z]{6}\+LiberationSerif\S*\s.*\syes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it('reads the same from decomposed (NFD) input as from NFC', async () => {
    const fromNfd = save('nfd.pdf', await renderMinutesPdf(decomposed(content)));
    expect(await text(fromNfd)).toBe(allText);
  });

  it('takes two incremental signatures that pdfsig finds valid', async () => {
    const ca = await makeCa();
    const chair = await issueLeaf(ca, { userId: 'u-chair', deviceId: 'd-chair', name: 'Nguyễn Văn Hùng' });
    const secretary = await issueLeaf(ca, { userId: 'u-sec', deviceId: 'd-sec', name: 'Trần Thị Mai' });
    const nss = join(dir, 'nss');
    mkdirSync(nss);
    const caFile = save('ca.pem', Buffer.from(ca.pem));
    expect((await runTool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'])).code).toBe(0);
    const add = ['-A', '-d', `sql:${nss}`, '-n', 'test-ca', '-t', 'CT,C,C', '-i', caFile];
    expect((await runTool('certutil', add)).code).toBe(0);

    const once = await signPdf(pdf, secretary.signer, { reason: 'Thư ký ký biên bản', name: secretary.name });
    const twice = await signPdf(once, chair.signer, { reason: 'Chủ tọa ký biên bản', name: chair.name });
    expect(twice.subarray(0, pdf.length).equals(pdf)).toBe(true);
    const report = await runTool('pdfsig', ['-nssdir', `sql:${nss}`, save('signed.pdf', twice)]);
    expect(report.stdout.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report.stdout).toContain('Signer Certificate Common Name: Trần Thị Mai');
    expect(report.stdout).toContain('Signer Certificate Common Name: Nguyễn Văn Hùng');
  });
});

describe('the minutes as a .docx', () => {
  let xml: string;
  let headers: string;

  beforeAll(async () => {
    const file = save('minutes.docx', await renderMinutesDocx(content));
    const document = await runTool('unzip', ['-p', file, 'word/document.xml']);
    expect(document.code, document.stderr).toBe(0);
    xml = document.stdout;
    headers = (await runTool('unzip', ['-p', file, 'word/header*.xml'])).stdout;
  });

  it('has the header, the title and every participant', () => {
    for (const s of [QUOC_HIEU, TIEU_NGU, 'BIÊN BẢN', 'Số: 12/BB-HĐND', 'Hà Nội, ngày 05 tháng 12 năm 2026']) {
      expect(xml).toContain(s);
    }
    expect(xml).toContain(content.header.title);
    for (const p of PARTICIPANTS) expect(xml).toContain(p.displayName);
    expect(xml).toContain('Vắng mặt (lý do: Đi công tác nước ngoài)');
  });

  it('has the vote counts and outcomes, and no name from the secret vote', () => {
    for (const cell of ['>7<', '>63,64%<', '>18,18%<', '>72,73%<', '>9,09%<']) expect(xml).toContain(cell);
    expect(xml).toContain('Trúng cử: Phạm Thị Thu Hương');
    expect(xml).toContain('Thông qua');
    expect(xml).not.toContain('Không được in ra');
    expect(xml).toContain('Phân công thực hiện:');
    expect(xml).toContain('chủ trì tham mưu điều chuyển vốn giữa các dự án');
  });

  it('is A4 with the Decree 30 margins, Times New Roman, and page numbers from page 2', () => {
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
    expect(headers).toContain('PAGE');
  });

  it('is well-formed XML throughout, and keeps headings and the signatures together', async () => {
    const check = [
      '-c',
      'import sys, zipfile, xml.dom.minidom as m\n' +
        'z = zipfile.ZipFile(sys.argv[1])\n' +
        '[m.parseString(z.read(n)) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")]',
      join(dir, 'minutes.docx'),
    ];
    const parsed = await runTool('python3', check);
    expect(parsed.code, parsed.stderr).toBe(0);
    expect(xml).toContain('<w:keepNext/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml.indexOf('IV. KẾT THÚC')).toBeLessThan(xml.indexOf('CHỦ TỌA'));
  });

  it('reads the same from decomposed (NFD) input', async () => {
    const file = save('nfd.docx', await renderMinutesDocx(decomposed(content)));
    const nfdXml = (await runTool('unzip', ['-p', file, 'word/document.xml'])).stdout;
    expect(nfdXml).toBe(xml);
  });
});
