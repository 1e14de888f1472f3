import { describe, expect, it } from 'vitest';
import type { BriefPaper, DocumentInfo, MeetingBrief } from '../protocol/index.js';
import type { ClientState } from './api.js';
import { BriefSync } from './brief-sync.js';
import type { HttpFetch } from './http.js';
import { MemoryClientStore } from './memory-store.js';
import type { MeetingState } from './store.js';

const M = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e00';
const CLOSED = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e0a';
const A = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e01';
const B = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e02';

const paper = (documentId: string, text: string): BriefPaper => ({
  documentId,
  title: text,
  version: 1,
  pages: 1,
  summary: [{ page: 1, text }],
  figures: [],
  dates: [],
  moreFigures: false,
  lastOpenedVersion: null,
  changes: null,
});
const brief = (meetingId: string, papers: BriefPaper[]): MeetingBrief => ({
  meetingId,
  label: 'automatic-extracts',
  sections: [{ agendaItemId: null, parentId: null, title: null, papers }],
});
const meeting = (id: string, status: 'published' | 'closed') =>
  ({ meeting: { id, status, archivedAt: null, cancellation: null }, agenda: [] }) as unknown as MeetingState;
const doc = (id: string) => ({ id, version: 1, agendaItemId: null, title: id }) as DocumentInfo;

/** The sync over a memory store, a state object and a server answering from `answers` (by meeting id). */
function rig(answers: Map<string, () => { status: number; body: unknown }>) {
  const store = new MemoryClientStore();
  store.saveSession({ serverUrl: 'http://s', token: 't', user: { id: 'u' } as ClientState['user'] & object });
  const asked: string[] = [];
  const http: HttpFetch = async (url) => {
    const id = /meetings\/([^/]+)\/assistant\/brief$/.exec(url)?.[1] ?? '';
    asked.push(id);
    const answer = answers.get(id);
    if (!answer) throw new Error('unreachable');
    const { status, body } = answer();
    return { ok: status === 200, status, json: async () => body };
  };
  let state = {
    user: { id: 'u' },
    meetings: { [M]: meeting(M, 'published'), [CLOSED]: meeting(CLOSED, 'closed') },
    documents: { [M]: [doc(A), doc(B)], [CLOSED]: [doc(A)] },
  } as unknown as ClientState;
  const sync = new BriefSync(store, {
    state: () => state,
    update: (patch) => (state = { ...state, ...patch }),
    session: () => store.loadSession(),
    http,
    now: () => new Date('2026-11-30T01:00:00Z'),
  });
  return {
    store,
    asked,
    sync,
    state: () => state,
    set: (patch: Partial<ClientState>) => (state = { ...state, ...patch }),
  };
}

const ok = (meetingId: string, papers: BriefPaper[]) => (): { status: number; body: unknown } => ({
  status: 200,
  body: brief(meetingId, papers),
});

describe("the client's briefs", () => {
  it('after a sync fetches the meetings still to be held that have papers, and keeps each in the store', async () => {
    const r = rig(new Map([[M, ok(M, [paper(A, 'Câu của A'), paper(B, 'Câu của B')])]]));
    await r.sync.synced([M, CLOSED]);
    expect(r.asked).toEqual([M]);
    expect(r.state().briefs?.[M]?.brief.sections[0]?.papers).toHaveLength(2);
    expect(r.store.loadBriefs()).toEqual([r.state().briefs?.[M]]);
    expect(r.state().briefs?.[M]?.fetchedAt).toBe('2026-11-30T01:00:00.000Z');
  });

  it('drops at once, from the screen and the store, a paper that left the list (access withdrawn), before asking again', async () => {
    const r = rig(new Map([[M, ok(M, [paper(A, 'Câu của A'), paper(B, 'Bí mật của B')])]]));
    await r.sync.synced([M]);
    r.set({ documents: { [M]: [doc(A)] } });
    r.sync.changed(M);
    const kept = r.state().briefs?.[M]?.brief.sections[0]?.papers.map((p) => p.documentId);
    expect(kept).toEqual([A]);
    expect(JSON.stringify(r.store.loadBriefs())).not.toContain('Bí mật của B');
    r.sync.pause();
  });

  it('keeps the brief when the server cannot be reached, and forgets it when the server says it is not theirs', async () => {
    let answer = ok(M, [paper(A, 'Câu của A')]);
    const r = rig(new Map([[M, () => answer()]]));
    await r.sync.synced([M]);
    const held = r.state().briefs?.[M];
    answer = () => {
      throw new Error('unreachable');
    };
    expect(await r.sync.refresh(M)).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(r.state().briefs?.[M]).toEqual(held);
    answer = () => ({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: { vi: 'Không thấy', en: 'Not found' } } },
    });
    expect(await r.sync.refresh(M)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(r.state().briefs?.[M]).toBeUndefined();
    expect(r.store.loadBriefs()).toEqual([]);
  });

  it('refuses an answer that is not a brief, and keeps none', async () => {
    const r = rig(
      new Map([[M, () => ({ status: 200, body: { meetingId: M, label: 'written-by-ai', sections: [] } })]]),
    );
    expect(await r.sync.refresh(M)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.store.loadBriefs()).toEqual([]);
  });

  it('is deleted with the meeting and with everything else', async () => {
    const r = rig(new Map([[M, ok(M, [paper(A, 'Câu của A')])]]));
    await r.sync.synced([M]);
    r.store.deleteMeeting(M);
    expect(r.store.loadBriefs()).toEqual([]);
    await r.sync.refresh(M);
    expect(r.store.loadBriefs()).toHaveLength(1);
    r.store.clear();
    expect(r.store.loadBriefs()).toEqual([]);
  });
});
