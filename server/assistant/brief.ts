import { createHash } from 'node:crypto';
import {
  BRIEF_LABEL,
  MAX_BRIEF_CHANGED_SENTENCES,
  MAX_BRIEF_DATES,
  MAX_BRIEF_FIGURES,
  protocolError,
  type Ack,
  type AgendaItem,
  type BriefChanges,
  type BriefFigure,
  type BriefPaper,
  type BriefSection,
  type BriefSentence,
  type MeetingBrief,
} from '../../shared/protocol/index.js';
import type { Store } from '../db/store.js';
import { paperView, visibleDocuments } from '../documents/document-audience.js';
import { openedVersions } from '../documents/document-opens.js';
import type { DocumentRecord } from '../documents/document-queries.js';
import { listAgenda } from '../meetings/meeting-queries.js';
import type { UserRecord } from '../users/user-queries.js';
import { versionSource } from './ask.js';
import { figureKey, findFigures } from './figures.js';
import type { AssistantPassage, PassageIndex } from './passage-index.js';
import { diffSentences, sameSentenceKey } from './sentence-diff.js';
import { topSentences } from './textrank.js';

/**
 * The brief of a meeting for one person: each paper they may see — by the document list's
 * own rule (`paperView`, `visibleDocuments`), read once — summarised by TextRank over the
 * passages the assistant already holds, with its amounts and dates, and what changed since
 * the version they last opened. Everything is an extract of the papers; nothing is written.
 *
 * A paper the asker may not see contributes nothing, not even to another paper's brief:
 * the boilerplate lines (the national motto, "Kính gửi", signature blocks) are found by
 * their frequency across the asker's papers only.
 */

/** A line in at least this many of the asker's papers is boilerplate ("CỘNG HÒA XÃ HỘI …"). */
const BOILERPLATE_PAPERS = 2;
/** A line on at least this many pages of one paper is its running header or footer. */
const BOILERPLATE_PAGES = 3;
/** Shorter lines ("1.", "CHỦ TỊCH") are too common to mean boilerplate and too short to matter. */
const BOILERPLATE_MIN_CHARS = 8;
/** A sentence with fewer content words is a heading, a signature or a table cell, not a summary. */
const MIN_SUMMARY_WORDS = 6;
/**
 * TextRank compares every pair of sentences: a long paper's candidates are cut to the ones
 * richest in words (kept in order), about a quarter of a second of work at most.
 */
const MAX_TEXTRANK_SENTENCES = 500;
/** Built briefs of a paper, by version and boilerplate, least recently used dropped first. */
const MAX_CACHED = 300;

function lineKey(line: string): string {
  return sameSentenceKey(line).toLowerCase();
}

function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map(lineKey)
    .filter((l) => l.length >= BOILERPLATE_MIN_CHARS);
}

/** Lines repeated across the given papers (each paper's passages), or across pages of one. */
export function boilerplateLines(papers: ReadonlyArray<readonly AssistantPassage[]>): Set<string> {
  const papersWith = new Map<string, number>();
  const found = new Set<string>();
  for (const passages of papers) {
    const pagesWith = new Map<string, Set<number>>();
    for (const p of passages)
      for (const line of linesOf(p.text)) {
        let pages = pagesWith.get(line);
        if (!pages) pagesWith.set(line, (pages = new Set()));
        pages.add(p.page);
      }
    for (const [line, pages] of pagesWith) {
      papersWith.set(line, (papersWith.get(line) ?? 0) + 1);
      if (pages.size >= BOILERPLATE_PAGES) found.add(line);
    }
  }
  for (const [line, n] of papersWith) if (n >= BOILERPLATE_PAPERS) found.add(line);
  return found;
}

/** Mostly capitals: a heading ("I. TÌNH HÌNH THỰC HIỆN …"), not a sentence to quote. */
function isHeading(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  return letters.length === 0 || upper.length / letters.length > 0.6;
}

function wordsOf(p: AssistantPassage): Set<string> {
  // The exact forms (marks kept) of the segmenter's words and syllables, stop words left out.
  return new Set(p.tokens.filter((t) => t.key.startsWith('e:')).map((t) => t.key));
}

/** How many sentences sum up a paper: three, up to five for a long one. */
function summaryLength(candidates: number): number {
  return candidates < 15 ? 3 : candidates < 40 ? 4 : 5;
}

/** The most central sentences of a paper's passages, boilerplate left out, in the paper's order. */
export function summarize(passages: readonly AssistantPassage[], boilerplate: ReadonlySet<string>): BriefSentence[] {
  let candidates = passages
    .map((p) => ({ p, words: wordsOf(p) }))
    .filter(
      ({ p, words }) =>
        words.size >= MIN_SUMMARY_WORDS &&
        !isHeading(p.text) &&
        !p.text.split('\n').some((l) => boilerplate.has(lineKey(l))),
    );
  if (candidates.length > MAX_TEXTRANK_SENTENCES) {
    const kept = new Set(
      [...candidates.keys()]
        .sort((a, b) => candidates[b]!.words.size - candidates[a]!.words.size || a - b)
        .slice(0, MAX_TEXTRANK_SENTENCES),
    );
    candidates = candidates.filter((_, i) => kept.has(i));
  }
  const chosen = topSentences(
    candidates.map((c) => c.words),
    summaryLength(candidates.length),
  );
  return chosen.map((i) => ({ page: candidates[i]!.p.page, text: sameSentenceKey(candidates[i]!.p.text) }));
}

/** The amounts and the dates of a paper, each once (its first mention), in the paper's order. */
export function figuresOf(passages: readonly AssistantPassage[]): {
  figures: BriefFigure[];
  dates: BriefFigure[];
  moreFigures: boolean;
} {
  const figures: BriefFigure[] = [];
  const dates: BriefFigure[] = [];
  const seen = new Set<string>();
  let moreFigures = false;
  for (const p of passages) {
    const sentence = sameSentenceKey(p.text);
    for (const f of findFigures(sentence)) {
      const key = figureKey(f);
      if (seen.has(key)) continue;
      seen.add(key);
      const into = f.kind === 'amount' ? figures : dates;
      if (into.length >= (f.kind === 'amount' ? MAX_BRIEF_FIGURES : MAX_BRIEF_DATES)) {
        moreFigures = true;
        continue;
      }
      into.push({
        text: f.text,
        page: p.page,
        sentence,
        ...(f.iso ? { iso: f.iso } : {}),
        ...(f.kind === 'date' ? { deadline: f.deadline === true } : {}),
      });
    }
  }
  return { figures, dates, moreFigures };
}

/** What changed between two versions' passages: pages whose text differs, sentences added and removed. */
export function changesBetween(
  sinceVersion: number,
  before: readonly AssistantPassage[],
  after: readonly AssistantPassage[],
): BriefChanges {
  const pageTexts = (ps: readonly AssistantPassage[]) => {
    const pages = new Map<number, string[]>();
    for (const p of ps) {
      let list = pages.get(p.page);
      if (!list) pages.set(p.page, (list = []));
      list.push(sameSentenceKey(p.text));
    }
    return new Map([...pages].map(([page, list]) => [page, list.join('\n')]));
  };
  const a = pageTexts(before);
  const b = pageTexts(after);
  const changedPages = [...new Set([...a.keys(), ...b.keys()])]
    .filter((page) => a.get(page) !== b.get(page))
    .sort((x, y) => x - y);
  const toSentences = (ps: readonly AssistantPassage[]) =>
    ps.map((p) => ({ page: p.page, text: sameSentenceKey(p.text) }));
  const { added, removed } = diffSentences(toSentences(before), toSentences(after));
  return {
    sinceVersion,
    changedPages,
    added: added.slice(0, MAX_BRIEF_CHANGED_SENTENCES),
    removed: removed.slice(0, MAX_BRIEF_CHANGED_SENTENCES),
    truncated: added.length > MAX_BRIEF_CHANGED_SENTENCES || removed.length > MAX_BRIEF_CHANGED_SENTENCES,
  };
}

/** The agenda's items depth first: each item, then its sub-items, by position. */
export function agendaInOrder(items: readonly AgendaItem[]): AgendaItem[] {
  const children = new Map<string | null, AgendaItem[]>();
  for (const item of items) {
    let list = children.get(item.parentId);
    if (!list) children.set(item.parentId, (list = []));
    list.push(item);
  }
  for (const list of children.values()) list.sort((x, y) => x.position - y.position || (x.id < y.id ? -1 : 1));
  const out: AgendaItem[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const item of children.get(parent) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
      walk(item.id);
    }
  };
  walk(null);
  // An item whose parent is gone is still listed, last.
  for (const item of items) if (!seen.has(item.id)) out.push(item);
  return out;
}

type Extract = Pick<BriefPaper, 'summary' | 'figures' | 'dates' | 'moreFigures'>;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Briefs of papers, kept per node: a version's text never changes, so neither does its extract. */
export class BriefCache {
  private readonly extracts = new Map<string, Extract>();

  get(key: string): Extract | undefined {
    const value = this.extracts.get(key);
    if (value) {
      this.extracts.delete(key);
      this.extracts.set(key, value);
    }
    return value;
  }

  set(key: string, value: Extract): void {
    this.extracts.set(key, value);
    while (this.extracts.size > MAX_CACHED) {
      const oldest = this.extracts.keys().next().value;
      if (oldest === undefined) break;
      this.extracts.delete(oldest);
    }
  }
}

interface Read {
  documents: DocumentRecord[];
  agenda: AgendaItem[];
  opened: Map<string, number>;
  /** The sha256 of each version the asker last opened that is older than the current one. */
  openedSha: Map<string, string>;
}

export async function meetingBrief(
  store: Store,
  index: PassageIndex,
  cache: BriefCache,
  user: UserRecord,
  meetingId: string,
): Promise<Ack<MeetingBrief>> {
  const read = await store.snapshot(async (db): Promise<Read | null> => {
    const view = await paperView(db, meetingId, user);
    if (!view) return null;
    const documents = await visibleDocuments(db, view);
    const agenda = await listAgenda(db, meetingId);
    const opened = await openedVersions(
      db,
      user.id,
      documents.map((d) => d.id),
    );
    const older = documents.filter((d) => (opened.get(d.id) ?? d.version) < d.version);
    const openedSha = new Map<string, string>();
    if (older.length > 0) {
      const rows = await db
        .selectFrom('document_versions')
        .select(['document_id', 'version', 'sha256'])
        .where(
          'document_id',
          'in',
          older.map((d) => d.id),
        )
        .execute();
      for (const r of rows) if (opened.get(r.document_id) === r.version) openedSha.set(r.document_id, r.sha256);
    }
    return { documents, agenda, opened, openedSha };
  });
  if (!read) return { ok: false, error: protocolError('NOT_FOUND') };

  const built = await index.versionParts(read.documents.map((d) => versionSource(store.db, d.id, d.version, d.sha256)));
  const passages = new Map<string, readonly AssistantPassage[]>();
  for (const d of read.documents) passages.set(d.id, built.get(d.id)?.documents ?? []);
  const boilerplate = boilerplateLines([...passages.values()]);

  const papers = new Map<string, BriefPaper>();
  for (const d of read.documents) {
    const current = passages.get(d.id) ?? [];
    // The key names the boilerplate this paper holds: another asker's papers may make other lines boilerplate.
    const own = [...new Set(current.flatMap((p) => linesOf(p.text)).filter((l) => boilerplate.has(l)))].sort();
    const key = `${d.id}@${d.version}:${d.sha256}:${createHash('sha256').update(own.join('\n')).digest('base64url')}`;
    let extract = cache.get(key);
    if (!extract) {
      extract = { summary: summarize(current, boilerplate), ...figuresOf(current) };
      cache.set(key, extract);
      await yieldToEventLoop();
    }
    const lastOpened = read.opened.get(d.id) ?? null;
    const oldSha = read.openedSha.get(d.id);
    let changes: BriefChanges | null = null;
    if (lastOpened !== null && lastOpened < d.version && oldSha) {
      const before = (await index.partOfVersion(versionSource(store.db, d.id, lastOpened, oldSha))).documents;
      changes = changesBetween(lastOpened, before, current);
    }
    papers.set(d.id, {
      documentId: d.id,
      title: d.title,
      version: d.version,
      pages: d.pages,
      ...extract,
      lastOpenedVersion: lastOpened,
      changes,
    });
  }

  const sections: BriefSection[] = [];
  const placed = new Set<string>();
  for (const item of agendaInOrder(read.agenda)) {
    const on = read.documents.filter((d) => d.agendaItemId === item.id);
    for (const d of on) placed.add(d.id);
    sections.push({
      agendaItemId: item.id,
      parentId: item.parentId,
      title: item.title,
      papers: on.map((d) => papers.get(d.id)!),
    });
  }
  const others = read.documents.filter((d) => !placed.has(d.id));
  if (others.length > 0)
    sections.push({ agendaItemId: null, parentId: null, title: null, papers: others.map((d) => papers.get(d.id)!) });
  return { ok: true, data: { meetingId, label: BRIEF_LABEL, sections } };
}
