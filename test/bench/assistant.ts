// Assistant: the evaluation set's papers (test/fixtures/assistant) uploaded as PDFs to a
// meeting on an in-process server, its questions asked over HTTP
// (`GET /api/meetings/{id}/assistant/ask`), scored by hit@3: the share of questions whose
// answering page is among the first three passages. The baseline, in the same run over the
// same passages (the server's own page texts, cut into the same sentences): plain SQLite
// FTS5 without word segmentation — every query syllable folded (no marks, `đ` as `d`, as the
// papers' search folds), OR'ed, ranked by FTS5's bm25. Also the time per question, each side,
// and the first question's, asked right after the uploads (it waits for the index).
import Database from 'better-sqlite3';
import { fold, normalizeText, splitSentences } from '../../server/assistant/vietnamese-text.js';
import { hitAt, loadQuestions, makePaperPdf, PAPERS, type Passage } from '../fixtures/assistant/eval-set.js';
import { mustUpload } from '../support/document-http.js';
import { startHarness } from '../support/server-harness.js';
import { median } from '../simulator/stats.js';
import type { Row } from './report.js';

interface Answer {
  documentId: string;
  page: number;
}

/** The baseline's index: one FTS5 row a sentence, folded, in memory. */
function ftsBaseline(pages: ReadonlyArray<{ document: string; page: number; text: string }>) {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE passages USING fts5(folded, document UNINDEXED, page UNINDEXED)`);
  const insert = db.prepare('INSERT INTO passages (folded, document, page) VALUES (?, ?, ?)');
  for (const p of pages) {
    const text = normalizeText(p.text);
    for (const { start, end } of splitSentences(text)) insert.run(fold(text.slice(start, end)), p.document, p.page);
  }
  const search = db.prepare(
    'SELECT document, page FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 10',
  );
  return {
    ask(question: string): Passage[] {
      const words = [...new Set(fold(normalizeText(question)).match(/[\p{L}\p{N}]+/gu) ?? [])];
      if (words.length === 0) return [];
      // Each word quoted (nothing in it is FTS5 syntax), any of them.
      const match = words.map((w) => `"${w}"`).join(' OR ');
      return (search.all(match) as Array<{ document: string; page: number }>).map((r) => ({
        document: r.document,
        page: Number(r.page),
      }));
    },
    close: () => db.close(),
  };
}

export async function assistantRows(): Promise<Array<Row | string>> {
  // The route's per-person budget (30 a minute) would throttle the bench's one asker.
  const h = await startHarness({ assistantAsksPerMinute: 100_000 });
  try {
    const { token } = await h.login('thuky');
    const meetingId = (await h.server.store.db.selectFrom('meetings').select('id').executeTakeFirstOrThrow()).id;
    const paperOf = new Map<string, string>();
    for (const paper of PAPERS) {
      const doc = await mustUpload(h.server.url, token, meetingId, await makePaperPdf(paper), { title: paper.title });
      paperOf.set(doc.id, paper.id);
    }
    const questions = loadQuestions();

    const ask = async (q: string): Promise<Passage[]> => {
      const res = await fetch(`${h.server.url}/api/meetings/${meetingId}/assistant/ask?q=${encodeURIComponent(q)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`ask answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as Answer[]).map((a) => ({ document: paperOf.get(a.documentId) ?? '', page: a.page }));
    };
    const t0 = performance.now();
    await ask('ngân sách');
    const firstMs = performance.now() - t0;

    const ours = new Map<string, Passage[]>();
    const oursMs: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      ours.set(q.id, await ask(q.question));
      oursMs.push(performance.now() - t);
    }

    // The baseline over the very page texts the server extracted from the PDFs.
    const pages = await h.server.store.db
      .selectFrom('document_pages')
      .select(['document_id', 'page', 'text'])
      .execute();
    const fts = ftsBaseline(
      pages.map((p) => ({ document: paperOf.get(p.document_id) ?? '', page: p.page, text: p.text })),
    );
    const theirs = new Map<string, Passage[]>();
    const theirsMs: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      theirs.set(q.id, fts.ask(q.question));
      theirsMs.push(performance.now() - t);
    }
    fts.close();

    const kinds = [...new Set(questions.map((q) => q.kind))];
    const byKind = kinds
      .map((kind) => {
        const some = questions.filter((q) => q.kind === kind);
        return `${kind} ${hitAt(3, some, ours).toFixed(2)}/${hitAt(3, some, theirs).toFixed(2)} (${some.length})`;
      })
      .join(', ');
    const byLang = [...new Set(questions.map((q) => q.lang))]
      .map((lang) => {
        const some = questions.filter((q) => q.lang === lang);
        return `${lang} ${hitAt(3, some, ours).toFixed(2)}/${hitAt(3, some, theirs).toFixed(2)} (${some.length})`;
      })
      .join(', ');
    const misses = questions
      .filter((q) => hitAt(3, [q], ours) === 0)
      .map((q) => q.id)
      .join(' ');
    return [
      {
        name: `assistant hit@3 (${questions.length} questions)`,
        unit: 'share',
        value: hitAt(3, questions, ours),
        baseline: hitAt(3, questions, theirs),
        target: { ratio: 1, better: 'higher' },
      },
      {
        name: 'assistant hit@1',
        unit: 'share',
        value: hitAt(1, questions, ours),
        baseline: hitAt(1, questions, theirs),
      },
      {
        name: 'assistant time per question (HTTP, median)',
        unit: 'ms',
        value: median(oursMs),
        baseline: median(theirsMs),
        baselineUnit: 'ms (FTS5 in process)',
      },
      `assistant hit@3 by kind (ours/baseline, questions): ${byKind}`,
      `assistant hit@3 by language (ours/baseline, questions): ${byLang}`,
      `assistant first question right after the ${PAPERS.length} uploads (their index still being built in the background): ${firstMs.toFixed(0)} ms; missed at 3: ${misses || 'none'}`,
    ];
  } finally {
    await h.cleanup();
  }
}
