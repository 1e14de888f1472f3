import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { DocumentInfo } from '../protocol/index.js';
import {
  contentUrl,
  copiesToKeep,
  leftTheList,
  noticesFor,
  prefetchable,
  progressOf,
  upsertDocuments,
  wantedCopies,
} from './document-plan.js';
import type { MeetingState } from './store.js';

const sha = (c: string) => c.repeat(64);

function doc(meetingId: string, over: Partial<DocumentInfo> = {}): DocumentInfo {
  return {
    id: uuidv7(),
    meetingId,
    agendaItemId: null,
    title: 'Tờ trình',
    version: 1,
    sha256: sha('a'),
    size: 100,
    pages: 1,
    textlessPages: [],
    visibleTo: null,
    createdAt: '2026-01-01T00:00:00Z',
    versionAt: '2026-01-01T00:00:00Z',
    versionBy: { id: uuidv7(), displayName: 'Thư ký' },
    revision: 1,
    ...over,
  };
}

function meeting(id: string, status: 'draft' | 'published' | 'closed', recalled = false): MeetingState {
  return {
    meeting: { id, status, documentsRecalledAt: recalled ? '2026-01-02T00:00:00Z' : null },
  } as unknown as MeetingState;
}

describe('document plan', () => {
  it('fetches ahead the papers of published and closed meetings, not drafts nor recalled ones', () => {
    expect(prefetchable(meeting('m', 'draft'))).toBe(false);
    expect(prefetchable(meeting('m', 'published'))).toBe(true);
    expect(prefetchable(meeting('m', 'closed'))).toBe(true);
    expect(prefetchable(meeting('m', 'closed', true))).toBe(false);
    expect(prefetchable(undefined)).toBe(false);
    const lists = new Map([
      ['p', [doc('p', { sha256: sha('a') }), doc('p', { sha256: sha('a') })]],
      ['d', [doc('d', { sha256: sha('b') })]],
    ]);
    const wanted = wantedCopies(lists, { p: meeting('p', 'published'), d: meeting('d', 'draft') });
    expect([...wanted.keys()]).toEqual([sha('a')]); // one copy for the same bytes
  });

  it("keeps every listed copy, and a superseded one only until the new version's copy is in", () => {
    const current = doc('m', { sha256: sha('b'), version: 2 });
    const lists = new Map([['m', [current]]]);
    const superseded = new Map([[current.id, sha('a')]]);
    expect([...copiesToKeep(lists, superseded, new Set())].sort()).toEqual([sha('a'), sha('b')]);
    expect([...copiesToKeep(lists, superseded, new Set([sha('b')]))]).toEqual([sha('b')]);
    expect([...copiesToKeep(new Map(), superseded, new Set())]).toEqual([]); // the document left: both go
  });

  it('counts progress: documents, bytes (partial ones too), failures, activity', () => {
    const a = doc('m', { sha256: sha('a'), size: 100 });
    const b = doc('m', { sha256: sha('b'), size: 300 });
    const c = doc('m', { sha256: sha('c'), size: 50 });
    const status = {
      cached: new Set([sha('a')]),
      partial: new Map([[sha('b'), 120]]),
      failed: new Set([sha('c')]),
      active: new Set([sha('b')]),
    };
    expect(progressOf('m', [a, b, c], status)).toEqual({
      meetingId: 'm',
      total: 3,
      cached: 1,
      bytesTotal: 450,
      bytesCached: 220,
      failed: 1,
      active: true,
    });
  });

  it('notices name the document, its title and the reason, once per revision', () => {
    const a = doc('m', { title: 'Báo cáo tài chính', revision: 4 });
    expect(noticesFor([a], 'recalled')).toEqual([
      { id: `${a.id}:recalled:4`, meetingId: 'm', documentId: a.id, title: 'Báo cáo tài chính', reason: 'recalled' },
    ]);
    expect(leftTheList([a], [])).toEqual([a]);
    expect(leftTheList([a], [a])).toEqual([]);
  });

  it('upserts by id in place and appends new ones; builds content URLs', () => {
    const a = doc('m');
    const b = doc('m');
    const a2 = { ...a, version: 2 };
    expect(
      upsertDocuments([a, b], [a2, doc('m', { id: 'n' } as Partial<DocumentInfo>)]).map((d) => [d.id, d.version]),
    ).toEqual([
      [a.id, 2],
      [b.id, 1],
      ['n', 1],
    ]);
    expect(contentUrl('http://lan:8080', 'd')).toBe('http://lan:8080/api/documents/d/content');
    expect(contentUrl('http://lan:8080', 'd', 3)).toBe('http://lan:8080/api/documents/d/content?version=3');
  });
});
