/** A record the server counts the writes of: of two copies, the one with the higher `rev` is newer. */
export interface Revised {
  readonly rev: number;
}

/** Puts `record` under `key` unless a copy with as many writes or more is there already. */
export function keepNewer<T extends Revised>(byKey: Map<string, T>, key: string, record: T): void {
  const current = byKey.get(key);
  if (!current || record.rev > current.rev) byKey.set(key, record);
}

/**
 * The events that arrived while a meeting's list was on its way. The server may read a list
 * before a write and send the write's event before the list's answer: the event is then the
 * newer word, and a list that replaced what is held would undo it (an invitation, a message
 * or a shared note seen, then gone until the next sync). The answer is taken with these
 * events laid over it, each kept where its `rev` is higher.
 */
export class OvertakingEvents<T extends Revised> {
  private asking = new Map<string, { lists: number; arrived: Map<string, T> }>();
  /** Meetings an event came for since the current sync was asked. */
  private touched = new Set<string>();

  constructor(private readonly keyOf: (record: T) => string) {}

  /** Another person signed in, or the client signed out: lists on their way are not theirs. */
  reset(): void {
    this.asking = new Map();
    this.touched = new Set();
  }

  /**
   * A sync is being asked: its snapshot is read after this, so only an event that comes from
   * now on can be newer than it. One from before must not keep a meeting the sync leaves out
   * (the person taken off it replied earlier): that meeting's records would stay until a
   * later sync.
   */
  syncAsked(): void {
    this.touched.clear();
  }

  /** An event's record, for any list of its meeting now on its way. */
  arrived(meetingId: string, record: T): void {
    this.touched.add(meetingId);
    const asked = this.asking.get(meetingId);
    if (asked) keepNewer(asked.arrived, this.keyOf(record), record);
  }

  /**
   * After a sync: the meetings held that it no longer lists, to be let go. A meeting an event
   * came for since the sync was asked is kept: the snapshot may be older than the event (a
   * meeting published while the sync was on its way is in the next sync, which its change asks for).
   */
  unlisted(held: Iterable<string>, listed: readonly string[]): string[] {
    return [...held].filter((meetingId) => !listed.includes(meetingId) && !this.touched.has(meetingId));
  }

  /** Asks for a list, and answers it with the events that came meanwhile. */
  async around<A>(meetingId: string, ask: () => Promise<A>): Promise<{ answer: A; arrived: readonly T[] }> {
    const asked = this.asking.get(meetingId) ?? { lists: 0, arrived: new Map<string, T>() };
    asked.lists += 1;
    this.asking.set(meetingId, asked);
    try {
      const answer = await ask();
      return { answer, arrived: [...asked.arrived.values()] };
    } finally {
      asked.lists -= 1;
      if (asked.lists === 0 && this.asking.get(meetingId) === asked) this.asking.delete(meetingId);
    }
  }

  /** A listed set by key, with the records that overtook it where they are newer. */
  merged(listed: readonly T[], arrived: readonly T[]): Map<string, T> {
    const byKey = new Map(listed.map((record) => [this.keyOf(record), record]));
    for (const record of arrived) keepNewer(byKey, this.keyOf(record), record);
    return byKey;
  }
}
