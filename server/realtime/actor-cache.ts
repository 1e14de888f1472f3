import type { Db } from '../db/schema.js';
import { findUserBySession, type UserRecord } from '../users/user-queries.js';

/** How long a socket's session and account are trusted without asking the database again. */
export const ACTOR_CACHE_MS = 5000;

/**
 * Who is behind a socket's session, asked on every event. On PostgreSQL that is a round
 * trip to another machine per event; here it is one query per session every few seconds.
 * What may go stale is bounded by ACTOR_CACHE_MS and by the session's own expiry, and is
 * cut short: a logout, on any node, is told to every node (`forget`), and its sockets are
 * disconnected everywhere through the adapter anyway.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: UserRecord | null; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly lifetimeMs = ACTOR_CACHE_MS,
  ) {}

  async actorOf(sessionId: string): Promise<UserRecord | null> {
    const at = this.now().getTime();
    const hit = this.entries.get(sessionId);
    if (hit && hit.until > at) return hit.actor;
    const found = await findUserBySession(this.db, sessionId, this.now());
    if (this.entries.size > 10_000) this.sweep(at);
    // A refusal is not kept: the socket is cut at once, and a new session is another key.
    if (found) {
      this.entries.set(sessionId, {
        actor: found.user,
        until: Math.min(at + this.lifetimeMs, Date.parse(found.expiresAt)),
      });
    } else this.entries.delete(sessionId);
    return found?.user ?? null;
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [id, e] of this.entries) if (e.actor?.id === userId) this.entries.delete(id);
  }

  private sweep(at: number): void {
    for (const [id, e] of this.entries) if (e.until <= at) this.entries.delete(id);
  }
}
