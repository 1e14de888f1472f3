/**
 * Chromium keeps IndexedDB in LevelDB, where a delete only appends a "deleted" marker: the old
 * values (a signed-out person's titles and token, a ballot key, a delivered ballot with its
 * choice) stay readable in the profile's log files until LevelDB compacts them, which a quiet
 * tablet may never do. Writing some megabytes of throw-away records makes it flush its log
 * and compact: measured on Chromium 156, 4 MB of small records was enough
 * (test/e2e/attack-profile-leftovers.spec.ts checks the profile on disk). Twice that, to spare.
 * Best effort by nature: nothing in IndexedDB's contract promises erasure.
 */
export const SCRUB_BYTES = 8 * 1024 * 1024;
/**
 * The `meta` record a wipe writes in its own transaction and a finished scrub deletes: a tab
 * closed, or a browser quit, in the middle of a scrub finishes it when the app next opens.
 * Each erasure writes a new mark, and a scrub deletes only the mark it found when it began:
 * an erasure committed meanwhile (in this tab or another) keeps its own for the scrub after.
 */
export const SCRUB_PENDING = 'scrubPending';

export function newScrubMark(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
}
const RECORD_BYTES = 4096;
const RECORDS_PER_TRANSACTION = 256;
/** getRandomValues fills at most 64 KiB at a time. */
const RANDOM_LIMIT = 65_536;

/** The little of an idb database this needs: a `scratch` store keyed by number. */
export interface ScrubbableDatabase {
  transaction(
    store: 'scratch',
    mode: 'readwrite',
  ): {
    // idb types a readonly transaction's store without put and clear, hence optional here.
    objectStore(name: 'scratch'): { put?: (value: Uint8Array, key: number) => unknown; clear?: () => unknown };
    done: Promise<void>;
  };
}

export async function scrubFreedRecords(db: ScrubbableDatabase, bytes = SCRUB_BYTES): Promise<void> {
  const records = Math.ceil(bytes / RECORD_BYTES);
  for (let first = 0; first < records; first += RECORDS_PER_TRANSACTION) {
    const tx = db.transaction('scratch', 'readwrite');
    const scratch = tx.objectStore('scratch');
    for (let i = first; i < Math.min(records, first + RECORDS_PER_TRANSACTION); i++) {
      // Random bytes: the log and tables would compress a repeated filler to almost nothing.
      const record = new Uint8Array(RECORD_BYTES);
      for (let at = 0; at < RECORD_BYTES; at += RANDOM_LIMIT)
        crypto.getRandomValues(record.subarray(at, at + RANDOM_LIMIT));
      void scratch.put?.(record, i);
    }
    await tx.done;
  }
  const tx = db.transaction('scratch', 'readwrite');
  void tx.objectStore('scratch').clear?.();
  await tx.done;
}
