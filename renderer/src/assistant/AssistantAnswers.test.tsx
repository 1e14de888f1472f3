import { describe, expect, it } from 'vitest';
import type { AskHit } from '../../../shared/protocol/index.js';
import { renderInLanguage } from '../i18n/render-static.js';
import { AssistantAnswers } from './AssistantAnswers.js';
import { highlightSegments } from './highlight.js';

const passage = 'Tổng kinh phí năm 2026 là 12 tỷ đồng, chia đều cho bốn quý.';
const hit = (over: Partial<AskHit> = {}): AskHit => ({
  documentId: '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e0f',
  title: 'Tờ trình ngân sách',
  page: 2,
  passage,
  score: 3.2,
  // "kinh phí" and "2026"
  highlights: [
    { start: 5, end: 13 },
    { start: 18, end: 22 },
  ],
  ...over,
});

describe("the assistant's answers", () => {
  it('marks the words asked about, names the paper and the page, and says they are extracts', async () => {
    const html = await renderInLanguage('vi', <AssistantAnswers hits={[hit()]} onOpen={() => {}} />);
    expect(html).toContain('Trích từ tài liệu — không phải câu trả lời tự soạn');
    expect(html).toContain('1 đoạn trích');
    expect(html).toContain('Tờ trình ngân sách · trang 2');
    expect(html).toContain('Tổng <mark>kinh phí</mark> năm <mark>2026</mark> là 12 tỷ đồng, chia đều cho bốn quý.');
    expect(html).toContain('data-page="2"');
    expect(html).toMatch(/<button type="button" class="assistant-hit"/);
  });

  it('speaks English too, and tells a note from the paper itself', async () => {
    const html = await renderInLanguage(
      'en',
      <AssistantAnswers
        hits={[hit(), hit({ page: 5, annotationId: '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e10', highlights: [] })]}
        onOpen={() => {}}
      />,
    );
    expect(html).toContain('Extracts from the papers, not written answers');
    expect(html).toContain('2 extracts');
    expect(html).toContain('Tờ trình ngân sách · page 2');
    expect(html).toContain('Tờ trình ngân sách · page 5 · note');
    expect(html.match(/<mark>/g)).toHaveLength(2);
  });

  it('says when nothing answers, in both languages', async () => {
    expect(await renderInLanguage('vi', <AssistantAnswers hits={[]} onOpen={() => {}} />)).toContain(
      'Không có đoạn nào trong tài liệu khớp với câu hỏi.',
    );
    expect(await renderInLanguage('en', <AssistantAnswers hits={[]} onOpen={() => {}} />)).toContain(
      'No passage of the papers matches the question.',
    );
  });

  it('escapes the passage: text from a paper is never markup', async () => {
    const html = await renderInLanguage(
      'en',
      <AssistantAnswers
        hits={[hit({ passage: '<img src=x onerror=alert(1)> chi', highlights: [{ start: 29, end: 32 }] })]}
        onOpen={() => {}}
      />,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; <mark>chi</mark>');
  });
});

describe('highlightSegments', () => {
  it('cuts the passage at the spans, in order', () => {
    expect(highlightSegments('abc def ghi', [{ start: 4, end: 7 }])).toEqual([
      { text: 'abc ', mark: false },
      { text: 'def', mark: true },
      { text: ' ghi', mark: false },
    ]);
  });

  it('keeps the passage whole whatever spans come over the wire', () => {
    const spans = [
      { start: 8, end: 99 },
      { start: 0, end: 3 },
      { start: 2, end: 5 },
      { start: 6, end: 6 },
      { start: 50, end: 60 },
    ];
    const segments = highlightSegments('abc def ghi', spans);
    expect(segments.map((s) => s.text).join('')).toBe('abc def ghi');
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['abc', 'ghi']);
    expect(highlightSegments('', [{ start: 0, end: 2 }])).toEqual([]);
  });
});
