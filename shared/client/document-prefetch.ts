import type { CopyStatus, WantedCopy } from './document-plan.js';
import { contentUrl } from './document-plan.js';
import { downloadToCache, type DownloadOutcome } from './document-download.js';
import { CancelSwitch, type DocumentPlatform } from './document-platform.js';
import { pause } from './pause.js';

export interface PrefetchHost {
  /** The server and token to fetch with; null when nobody is signed in. */
  session(): { serverUrl: string; token: string } | null;
  /** The figures changed (bytes arrived, a copy verified or failed). */
  progressChanged(): void;
  /** A copy is complete and checked: a superseded version may go now. */
  copyVerified(sha256: string): void;
}

/** One or two at a time: the room's Wi-Fi is shared by every tablet fetching the same papers. */
const CONCURRENCY = 2;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** Progress is reported at most this often while bytes arrive (each report crosses IPC). */
const PROGRESS_EVERY_MS = 200;

interface ActiveDownload {
  cancel: CancelSwitch;
  done: Promise<DownloadOutcome>;
}

/**
 * Keeps the device's copies in line with the plan it is given: fetches the wanted copies in
 * the background, deletes every copy the plan no longer keeps (at once, cancelling its
 * download), and retries failed downloads later, resuming what arrived.
 */
export class DocumentPrefetch {
  private readonly cached = new Set<string>();
  private readonly partial = new Map<string, number>();
  private readonly failed = new Set<string>();
  private readonly active = new Map<string, ActiveDownload>();
  private wanted = new Map<string, WantedCopy>();
  private keep: ReadonlySet<string> | null = null;
  private readonly ready: Promise<void>;
  private retryMs = RETRY_FIRST_MS;
  private retryArmed = false;
  private lastReport = 0;
  private generation = 0;
  /** Stopped with the link (the app quitting): nothing new starts until `retryNow`. */
  private paused = false;

  constructor(
    private readonly platform: DocumentPlatform,
    private readonly host: PrefetchHost,
  ) {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    for (const sha of await this.platform.cache.list()) this.cached.add(sha);
    // A folder gone under it (the app quitting while it was read) holds no partial copy.
    const partial = await this.platform.cache.listPartial().catch(() => []);
    for (const sha of partial) this.partial.set(sha, await this.platform.cache.partialSize(sha));
    this.host.progressChanged();
  }

  status(): CopyStatus {
    return { cached: this.cached, partial: this.partial, failed: this.failed, active: new Set(this.active.keys()) };
  }

  /** Resolves once the copies already on the device are known (tests, startup). */
  whenLoaded(): Promise<void> {
    return this.ready;
  }

  /** A new plan: delete what may not stay, then fetch what is wanted. */
  async plan(wanted: Map<string, WantedCopy>, keep: ReadonlySet<string>): Promise<void> {
    this.wanted = this.platform.prefetch ? wanted : new Map();
    this.keep = keep;
    await this.ready;
    await this.deleteUnkept();
    this.pump();
  }

  /** The core stopped: downloads end where they are (resumed later), none starts. */
  pause(): void {
    this.paused = true;
    for (const job of this.active.values()) job.cancel.abort();
  }

  /** Back online: what failed is tried again now, from where it stopped. */
  retryNow(): void {
    this.paused = false;
    this.failed.clear();
    this.retryMs = RETRY_FIRST_MS;
    this.pump();
  }

  /** The copy of one document now (the desktop reader asked for it), ahead of the queue. */
  async ensure(copy: WantedCopy): Promise<DownloadOutcome> {
    await this.ready;
    if (this.cached.has(copy.sha256)) return 'verified';
    const running = this.active.get(copy.sha256);
    if (running) {
      const outcome = await running.done;
      if (outcome !== 'cancelled') return outcome;
    }
    return this.start(copy).done;
  }

  async read(sha256: string): Promise<Uint8Array | null> {
    await this.ready;
    return this.cached.has(sha256) ? this.platform.cache.read(sha256) : null;
  }

  /** Bytes of a verified copy held, or null. */
  async size(sha256: string): Promise<number | null> {
    await this.ready;
    return this.cached.has(sha256) ? this.platform.cache.size(sha256) : null;
  }

  async readRange(sha256: string, begin: number, end: number): Promise<Uint8Array | null> {
    await this.ready;
    return this.cached.has(sha256) ? this.platform.cache.readRange(sha256, begin, end) : null;
  }

  /** Sign-out or another person: every copy and partial copy goes. */
  async forgetAll(): Promise<void> {
    this.generation += 1;
    this.wanted = new Map();
    this.keep = new Set();
    const running = [...this.active.values()];
    for (const job of running) job.cancel.abort();
    await Promise.all(running.map((job) => job.done));
    await this.platform.cache.clear();
    this.cached.clear();
    this.partial.clear();
    this.failed.clear();
    this.host.progressChanged();
  }

  private async deleteUnkept(): Promise<void> {
    const keep = this.keep;
    if (!keep) return;
    const doomed = new Set([...this.cached, ...this.partial.keys(), ...this.active.keys()].filter((s) => !keep.has(s)));
    if (doomed.size === 0) return;
    const waits: Promise<unknown>[] = [];
    for (const sha of doomed) {
      const job = this.active.get(sha);
      job?.cancel.abort();
      if (job) waits.push(job.done);
    }
    await Promise.all(waits);
    for (const sha of doomed) {
      if (this.keep?.has(sha)) continue; // listed again meanwhile
      await this.platform.cache.delete(sha);
      this.cached.delete(sha);
      this.partial.delete(sha);
      this.failed.delete(sha);
    }
    this.host.progressChanged();
  }

  private pump(): void {
    if (this.paused || !this.host.session()) return;
    for (const copy of this.wanted.values()) {
      if (this.active.size >= CONCURRENCY) break;
      if (this.cached.has(copy.sha256) || this.active.has(copy.sha256) || this.failed.has(copy.sha256)) continue;
      this.start(copy);
    }
  }

  private start(copy: WantedCopy): ActiveDownload {
    const session = this.host.session();
    const cancel = new CancelSwitch();
    const generation = this.generation;
    const done = session
      ? downloadToCache({
          transport: this.platform.transport,
          cache: this.platform.cache,
          url: contentUrl(session.serverUrl, copy.documentId),
          token: session.token,
          sha256: copy.sha256,
          size: copy.size,
          signal: cancel,
          onBytes: (held) => this.arrived(copy.sha256, held),
        })
      : Promise.resolve<DownloadOutcome>('failed');
    const job: ActiveDownload = { cancel, done: done.then((outcome) => this.ended(copy.sha256, outcome, generation)) };
    this.active.set(copy.sha256, job);
    this.host.progressChanged();
    return job;
  }

  private arrived(sha256: string, held: number): void {
    this.partial.set(sha256, held);
    const now = Date.now();
    if (now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    this.host.progressChanged();
  }

  private async ended(sha256: string, outcome: DownloadOutcome, generation: number): Promise<DownloadOutcome> {
    this.active.delete(sha256);
    if (generation !== this.generation) return 'cancelled';
    if (outcome === 'verified') {
      this.cached.add(sha256);
      this.partial.delete(sha256);
      this.failed.delete(sha256);
      this.retryMs = RETRY_FIRST_MS;
      if (this.keep && !this.keep.has(sha256)) await this.deleteUnkept();
      else this.host.copyVerified(sha256);
    } else if (outcome !== 'cancelled') {
      if (outcome === 'mismatch') this.partial.delete(sha256);
      else this.partial.set(sha256, await this.platform.cache.partialSize(sha256));
      this.failed.add(sha256);
      this.armRetry();
    }
    this.lastReport = 0;
    this.host.progressChanged();
    this.pump();
    return outcome;
  }

  /** Failed downloads are tried again after a pause that doubles up to a minute. */
  private armRetry(): void {
    if (this.retryArmed) return;
    this.retryArmed = true;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    void pause(wait).then(() => {
      this.retryArmed = false;
      this.failed.clear();
      this.pump();
    });
  }
}
