import { createHash } from 'node:crypto';
import { Bm25Part } from './bm25.js';
import { indexTokens, normalizeText, splitSentences, type Passage } from './vietnamese-text.js';

/**
 * The assistant's passages of a meeting, kept in memory on each node.
 *
 * What is cached is keyed by what makes it: a document's passages by (document, version) —
 * a version's page texts never change once uploaded — and a note's by (annotation, rev),
 * which rises with every write of it. A new version, an edited note or a deleted one is
 * therefore never served stale: its key is simply no longer asked for, on any node, with no
 * message to deliver. Visibility is not in any key because nothing cached is shown as is:
 * every question first asks the database which documents (and notes) the asker may see now,
 * and ranks only those (see `partsFor`).
 */

/** A passage of a paper's page, or of a note (then `annotationId`). */
export interface AssistantPassage extends Passage {
  annotationId?: string;
}

/** A (document, version) whose page texts are read from the database when first asked for. */
export interface VersionSource {
  documentId: string;
  version: number;
  /** The version's file hash: a document deleted and made again under its id never meets old passages. */
  sha256: string;
  /** The page texts of that version, page 1 first (a page without text: ''). */
  pages(): Promise<ReadonlyArray<{ page: number; text: string }>>;
}

/** A note's text, as the asker may see it. */
export interface NoteSource {
  id: string;
  rev: number;
  documentId: string;
  page: number;
  text: string;
}

/**
 * Segmentation costs ~1.5 ms a sentence: a paper of a hundred pages is seconds of work. It
 * is cut into slices of at most this long, the event loop served between them (sockets,
 * votes, other requests go on while an index is built).
 */
const SLICE_MS = 8;

/**
 * How much of a version's text is indexed. A page of real text holds a few thousand
 * characters; a PDF can put hundreds of kilobytes on one page in a 1-point font (a 7 KB file
 * made 160 KB of text, 20 s of segmentation and 12 MB of index for one page). Past these the
 * rest of the page, then of the paper, is left out of the assistant (search still reads it).
 */
export const MAX_INDEXED_PAGE_CHARS = 12_000;
export const MAX_INDEXED_VERSION_CHARS = 1_500_000;

/** A page's text cut to `max` characters, never inside a surrogate pair. */
function indexedPart(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/u.test(cut) ? cut.slice(0, -1) : cut;
}

/** Cached versions (a meeting's papers, a few meetings at a time) and notes, least recently used dropped first. */
const MAX_VERSIONS = 300;
const MAX_NOTES = 5000;

/**
 * Passages and their postings weigh about 75 bytes a character of text. The versions held
 * are bounded by their characters too (about a gigabyte), and one question or brief reads at
 * most MAX_CHARS_PER_QUESTION of papers (the first by id, which is upload order): without
 * these, a few meetings of large papers, or one of many, held gigabytes and ended the server.
 */
const MAX_CACHED_CHARS = 12_000_000;
export const MAX_CHARS_PER_QUESTION = 6_000_000;

export interface PassageIndexLimits {
  maxCachedChars?: number;
  maxCharsPerQuestion?: number;
}

/** The characters of text a part holds. */
function charsOf(part: Part): number {
  let n = 0;
  for (const p of part.documents) n += p.text.length;
  return n;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `work` over `items`, handing the event loop back every SLICE_MS. */
async function sliced<T, R>(items: readonly T[], work: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const item of items) {
    out.push(work(item));
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return out;
}

/** A Map used as a least-recently-used cache, bounded in entries and in their total weight. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  private readonly weights = new Map<string, number>();
  private total = 0;
  constructor(
    private readonly max: number,
    private readonly maxWeight = Infinity,
  ) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    this.evict();
  }

  /** The weight of an entry, once known (a build finished); the oldest are dropped past the bound. */
  weigh(key: string, weight: number): void {
    if (!this.map.has(key)) return;
    this.total += weight - (this.weights.get(key) ?? 0);
    this.weights.set(key, weight);
    this.evict();
  }

  delete(key: string): void {
    this.map.delete(key);
    this.total -= this.weights.get(key) ?? 0;
    this.weights.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  private evict(): void {
    while (this.map.size > this.max || (this.total > this.maxWeight && this.map.size > 1)) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }
}

/** The sentences of a text with their index entries, built slice by slice. */
async function passagesOf(documentId: string, page: number, text: string): Promise<Passage[]> {
  const nfc = normalizeText(text);
  return sliced(splitSentences(nfc), ({ start, end }) => {
    const sentence = nfc.slice(start, end);
    return { documentId, page, start, end, text: sentence, tokens: indexTokens(sentence) };
  });
}

type Part = Bm25Part<AssistantPassage>;

export class PassageIndex {
  private readonly versions: Lru<Promise<Part>>;
  private readonly notes = new Lru<Promise<Part>>(MAX_NOTES);
  private readonly maxCharsPerQuestion: number;

  constructor(limits: PassageIndexLimits = {}) {
    this.versions = new Lru(MAX_VERSIONS, limits.maxCachedChars ?? MAX_CACHED_CHARS);
    this.maxCharsPerQuestion = limits.maxCharsPerQuestion ?? MAX_CHARS_PER_QUESTION;
  }

  /** How many (document, version) pairs are held (tests). */
  get cachedVersions(): number {
    return this.versions.size;
  }

  /**
   * The passages of a document version with their postings, built once (concurrent askers
   * wait on the same build). A failed build is forgotten, so the next question tries again.
   */
  partOfVersion(source: VersionSource): Promise<Part> {
    const key = `${source.documentId}@${source.version}:${source.sha256}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const built = (async () => {
      const pages = await source.pages();
      const all: AssistantPassage[] = [];
      let budget = MAX_INDEXED_VERSION_CHARS;
      for (const { page, text } of pages) {
        if (budget <= 0) break;
        const kept = indexedPart(text, Math.min(MAX_INDEXED_PAGE_CHARS, budget));
        budget -= kept.length;
        all.push(...(await passagesOf(source.documentId, page, kept)));
      }
      await yieldToEventLoop();
      return new Bm25Part(all);
    })();
    built.then(
      (part) => this.versions.weigh(key, charsOf(part)),
      () => this.versions.delete(key),
    );
    this.versions.set(key, built);
    return built;
  }

  private partOfNote(note: NoteSource): Promise<Part> {
    // The text is in the key too: a rev is per author, and cheap to double-check.
    const key = `${note.id}:${note.rev}:${createHash('sha256').update(note.text).digest('base64url')}`;
    const cached = this.notes.get(key);
    if (cached) return cached;
    const built = passagesOf(note.documentId, note.page, note.text).then(
      (ps) => new Bm25Part<AssistantPassage>(ps.map((p) => ({ ...p, annotationId: note.id }))),
    );
    built.catch(() => this.notes.delete(key));
    this.notes.set(key, built);
    return built;
  }

  /**
   * The parts of exactly these versions and notes — what one asker may see — in a fixed
   * order (so ties fall the same way for everyone). `searchParts` takes its statistics
   * (passage count, average length, each word's document frequency) from these parts only,
   * so a paper the asker may not see weighs nothing in their scores.
   */
  async partsFor(versions: readonly VersionSource[], notes: readonly NoteSource[]): Promise<Part[]> {
    const byId =
      <T>(id: (x: T) => string) =>
      (a: T, b: T) =>
        id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0;
    const parts: Part[] = [...(await this.versionParts(versions)).values()];
    for (const n of [...notes].sort(byId((x) => x.id))) parts.push(await this.partOfNote(n));
    return parts;
  }

  /**
   * The parts of these versions by document, in the order of their ids, one after another
   * (the first asker of a meeting builds each paper once), until MAX_CHARS_PER_QUESTION of
   * text is read: the papers past it are left out.
   */
  async versionParts(versions: readonly VersionSource[]): Promise<Map<string, Part>> {
    const parts = new Map<string, Part>();
    let chars = 0;
    for (const v of [...versions].sort((a, b) =>
      a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0,
    )) {
      if (chars >= this.maxCharsPerQuestion) break;
      const part = await this.partOfVersion(v);
      parts.set(v.documentId, part);
      chars += charsOf(part);
    }
    return parts;
  }
}
