import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectPdf } from '../../server/documents/pdf-inspector.js';
import {
  comparable,
  hitAt,
  loadQuestions,
  makePaperPdf,
  pageText,
  PAPERS,
  paperById,
  type Question,
} from '../fixtures/assistant/eval-set.js';
import { paperSchema } from '../fixtures/assistant/schema.js';
import { oldStyleToneMarks } from '../support/tone-marks.js';

/**
 * The evaluation set of the meeting assistant is itself checked: a question whose key phrase is
 * not on its page, or is on half the pages, would make hit@3 measure the set, not retrieval.
 */

/** A key phrase may also be printed on this many other pages of all the papers, no more. */
const MAX_OTHER_PAGES = 2;

const questions = loadQuestions();

/** Every (document, page) of the set whose text contains `phrase`. */
function pagesWith(phrase: string, textOf: (paperId: string, page: number) => string): string[] {
  const wanted = comparable(phrase);
  return PAPERS.flatMap((paper) =>
    paper.pages.flatMap((_, i) => (textOf(paper.id, i + 1).includes(wanted) ? [`${paper.id}#${i + 1}`] : [])),
  );
}

const dataText = (id: string, page: number) => comparable(pageText(paperById(id), page));

function hasDiacritics(text: string): boolean {
  return /[đĐ]/u.test(text) || /\p{M}/u.test(text.normalize('NFD'));
}

describe('assistant evaluation set: the papers', () => {
  it('has three papers of 4 to 8 pages, each valid and with its own id', () => {
    expect(PAPERS).toHaveLength(3);
    for (const paper of PAPERS) paperSchema.parse(paper);
    expect(new Set(PAPERS.map((p) => p.id)).size).toBe(PAPERS.length);
  });

  it('writes Vietnamese in the modern tone-mark style only (hòa, thủy, Ủy)', () => {
    const old = PAPERS.flatMap((paper) =>
      paper.pages.flatMap((page, i) =>
        page.flatMap((p) => oldStyleToneMarks(p).map((w) => `${paper.id}#${i + 1}: ${w}`)),
      ),
    );
    expect(old).toEqual([]);
  });
});

describe('assistant evaluation set: the questions', () => {
  it('has at least 40 Vietnamese questions and a few English ones, ids and wordings unique', () => {
    expect(questions.filter((q) => q.lang === 'vi').length).toBeGreaterThanOrEqual(40);
    expect(questions.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(4);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => comparable(q.question).toLowerCase())).size).toBe(questions.length);
  });

  it('covers every paper and every kind of question', () => {
    expect(new Set(questions.map((q) => q.document))).toEqual(new Set(PAPERS.map((p) => p.id)));
    const kinds = new Set(questions.map((q) => q.kind));
    for (const kind of ['figure', 'responsibility', 'deadline', 'definition', 'no-diacritics', 'paraphrase'] as const)
      expect(kinds, kind).toContain(kind);
    expect(questions.filter((q) => q.kind === 'no-diacritics').length).toBeGreaterThanOrEqual(5);
  });

  it('writes the questions without diacritics truly without any, and the others with them', () => {
    const wrong = questions.filter(
      (q) => q.lang === 'vi' && hasDiacritics(q.question) !== (q.kind !== 'no-diacritics'),
    );
    expect(wrong.map((q) => q.id)).toEqual([]);
    const old = questions.flatMap((q) => oldStyleToneMarks(`${q.question} ${q.answer}`).map((w) => `${q.id}: ${w}`));
    expect(old).toEqual([]);
  });

  it("finds each question's key phrase on its page, and on at most a few other pages", () => {
    const problems = questions.flatMap((q: Question) => {
      const paper = PAPERS.find((p) => p.id === q.document);
      if (!paper) return [`${q.id}: no paper ${q.document}`];
      if (q.page > paper.pages.length) return [`${q.id}: ${q.document} has no page ${q.page}`];
      const found = pagesWith(q.answer, dataText);
      const own = `${q.document}#${q.page}`;
      if (!found.includes(own)) return [`${q.id}: "${q.answer}" is not on ${own}`];
      const others = found.filter((f) => f !== own);
      return others.length > MAX_OTHER_PAGES ? [`${q.id}: "${q.answer}" is also on ${others.join(', ')}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('scores hit@3 on the (document, page) of each question', () => {
    const sample = questions.slice(0, 2);
    const [a, b] = sample as [Question, Question];
    const results = new Map([
      [
        a.id,
        [
          { document: 'x', page: 1 },
          { document: 'y', page: 2 },
          { document: a.document, page: a.page },
        ],
      ],
      [b.id, [{ document: 'x', page: 1 }, { document: 'y', page: 2 }, { document: 'z', page: 3 }, b]],
    ]);
    expect(hitAt(3, sample, results)).toBe(0.5);
    expect(hitAt(4, sample, results)).toBe(1);
  });
});

describe('assistant evaluation set: the PDFs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assistant-papers-'));
  /** Each paper's pages as the server's own reader extracts them (what the meeting's documents are indexed from). */
  const extracted = new Map<string, { pages: number; texts: string[] }>();

  beforeAll(async () => {
    for (const paper of PAPERS) {
      const file = join(dir, `${paper.id}.pdf`);
      writeFileSync(file, await makePaperPdf(paper));
      const inspection = await inspectPdf(file);
      extracted.set(paper.id, { pages: inspection.pages, texts: inspection.texts.map(comparable) });
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(PAPERS.map((p) => [p.id, p] as const))('%s: its PDF reads back as the data, page for page', (id, paper) => {
    const read = extracted.get(id);
    expect(read?.pages).toBe(paper.pages.length);
    read?.texts.forEach((text, i) => expect(text, `${id} page ${i + 1}`).toBe(dataText(id, i + 1)));
  });

  it("finds each question's key phrase in the text extracted from its page of the PDF", () => {
    const textOf = (id: string, page: number) => extracted.get(id)?.texts[page - 1] ?? '';
    const missing = questions.filter((q) => !pagesWith(q.answer, textOf).includes(`${q.document}#${q.page}`));
    expect(missing.map((q) => `${q.id}: "${q.answer}"`)).toEqual([]);
  });
});
