import { describe, expect, it } from 'vitest';
import { searchParts } from './bm25.js';
import { PassageIndex, type NoteSource, type VersionSource } from './passage-index.js';
import { queryTerms } from './vietnamese-text.js';

const SENTENCES = [
  'Hội đồng nhân dân thành phố thông qua dự toán thu ngân sách năm 2027.',
  'Sở Tài chính chủ trì, phối hợp với các sở, ngành rà soát nguồn thu.',
  'Ủy ban nhân dân thành phố báo cáo tiến độ giải ngân vốn đầu tư công hằng tháng.',
  'Các đại biểu biểu quyết thông qua nghị quyết bằng hệ thống điện tử.',
  'Kinh phí tổ chức kỳ họp được bố trí từ nguồn chi thường xuyên.',
];

function source(documentId: string, version: number, pages: string[], calls = { n: 0 }): VersionSource {
  return {
    documentId,
    version,
    sha256: `${documentId}-${version}`,
    pages: async () => {
      calls.n++;
      return pages.map((text, i) => ({ page: i + 1, text }));
    },
  };
}

const keys = (q: string) => queryTerms(q).keys;

async function search(index: PassageIndex, versions: VersionSource[], notes: NoteSource[], q: string) {
  return searchParts(await index.partsFor(versions, notes), keys(q));
}

describe('the passage index', () => {
  it('builds a version once for concurrent questions, and again only for a new version', async () => {
    const index = new PassageIndex();
    const calls = { n: 0 };
    const v1 = source('doc', 1, [SENTENCES.join(' ')], calls);
    const [a, b] = await Promise.all([index.partOfVersion(v1), index.partOfVersion(v1)]);
    expect(a).toBe(b);
    expect(a.documents).toHaveLength(SENTENCES.length);
    expect(calls.n).toBe(1);
    const v2 = await index.partOfVersion(source('doc', 2, ['Văn bản mới thay thế hoàn toàn.']));
    expect(v2.documents.map((p) => p.text)).toEqual(['Văn bản mới thay thế hoàn toàn.']);
    expect(index.cachedVersions).toBe(2);
  });

  it('forgets a failed build, so the next question tries again', async () => {
    const index = new PassageIndex();
    let fail = true;
    const flaky: VersionSource = {
      documentId: 'doc',
      version: 1,
      sha256: 'x',
      pages: async () => {
        if (fail) throw new Error('database gone');
        return [{ page: 1, text: SENTENCES[0]! }];
      },
    };
    await expect(index.partOfVersion(flaky)).rejects.toThrow('database gone');
    fail = false;
    expect((await index.partOfVersion(flaky)).documents).toHaveLength(1);
  });

  it("ranks with statistics of the asker's passages only: a paper they may not see changes no score", async () => {
    const open = source('open', 1, [SENTENCES.join(' '), 'Dự toán chi đầu tư phát triển năm 2027.']);
    // A restricted paper full of the question's words: it would lower their idf for everyone.
    const secret = source('secret', 1, [
      'Dự toán ngân sách năm 2027 của dự án mật. Dự toán ngân sách bổ sung. Ngân sách dự phòng năm 2027.',
    ]);
    const shared = new PassageIndex();
    const question = 'dự toán ngân sách năm 2027';
    const forKeeper = await search(shared, [open, secret], [], question);
    const forDelegate = await search(shared, [open], [], question);
    const alone = await search(new PassageIndex(), [open], [], question);
    const scores = (hits: typeof alone) => hits.map((h) => [h.document.documentId, h.document.text, h.score]);
    expect(scores(forDelegate)).toEqual(scores(alone));
    expect(forDelegate.some((h) => h.document.documentId === 'secret')).toBe(false);
    expect(forKeeper.some((h) => h.document.documentId === 'secret')).toBe(true);
    // The keeper's scores of the open paper do move: the statistics are not shared.
    const openScore = (hits: typeof alone) => hits.find((h) => h.document.documentId === 'open')?.score;
    expect(openScore(forKeeper)).not.toBe(openScore(forDelegate));
  });

  it('indexes a note under its id and rev, its text as now', async () => {
    const index = new PassageIndex();
    const note = { id: 'n1', rev: 1, documentId: 'doc', page: 2, text: 'Đề nghị làm rõ phương án Cúc Trắng.' };
    expect((await search(index, [], [note], 'Cúc Trắng'))[0]?.document).toMatchObject({ annotationId: 'n1', page: 2 });
    const edited = { ...note, rev: 2, text: 'Đã rõ về phương án Mai Vàng.' };
    expect(await search(index, [], [edited], 'Cúc Trắng')).toEqual([]);
    expect((await search(index, [], [edited], 'mai vang'))[0]?.document.annotationId).toBe('n1');
  });

  it('builds a long paper in slices, leaving the event loop free', async () => {
    const pages = Array.from({ length: 30 }, (_, p) =>
      Array.from(
        { length: 10 },
        (_, i) => `${SENTENCES[(p + i) % SENTENCES.length]!.slice(0, -1)} lần ${p * 10 + i}.`,
      ).join(' '),
    );
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      ticks++;
    }, 1);
    const t0 = performance.now();
    const passages = (await new PassageIndex().partOfVersion(source('long', 1, pages))).documents;
    const took = performance.now() - t0;
    clearInterval(timer);
    expect(passages).toHaveLength(300);
    // Hundreds of milliseconds of segmentation, yet timers ran all along.
    // (Relative bounds: a loaded machine stretches everything; built in one go, the longest
    // gap would be the whole build.)
    expect(ticks).toBeGreaterThan(took / 50);
    expect(longest).toBeLessThan(took / 3);
  });

  it('bounds what it holds by characters, and what one question reads', async () => {
    // Each paper one sentence of about 70 characters.
    const papers = SENTENCES.slice(0, 3).map((text, i) => source(`doc-${i}`, 1, [text]));
    const held = new PassageIndex({ maxCachedChars: 150 });
    const calls = { n: 0 };
    const first = source('doc-0', 1, [SENTENCES[0]!], calls);
    await held.partOfVersion(first);
    for (const p of papers.slice(1)) await held.partOfVersion(p);
    // The oldest is dropped once three are more than 150 characters, and built again when asked.
    expect(held.cachedVersions).toBe(2);
    await held.partOfVersion(first);
    expect(calls.n).toBe(2);

    const asked = new PassageIndex({ maxCharsPerQuestion: 100 });
    const parts = await asked.versionParts([...papers].reverse());
    // By id, until 100 characters are read: the first two papers, not the third.
    expect([...parts.keys()]).toEqual(['doc-0', 'doc-1']);
    expect((await asked.partsFor(papers, [])).flatMap((p) => p.documents.map((d) => d.text))).toEqual(
      SENTENCES.slice(0, 2),
    );
  });
});
