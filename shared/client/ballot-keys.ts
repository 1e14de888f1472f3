import type { ClientStore, MeetingState, OutboxEntry } from './store.js';

/** shared/ has neither DOM nor Node types; both runtimes have WebCrypto's getRandomValues. */
type RandomSource = { getRandomValues<T extends Uint8Array>(array: T): T };

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A new ballot key: 256 bits from the platform's cryptographic generator (WebCrypto in a
 * browser, also on plain http where `crypto.randomUUID` is missing; Node's in Electron's
 * main process), base64url without padding. It is derived from nothing else, so no command
 * id, time or counter the server stores can be turned back into it.
 */
export function makeBallotKey(
  random: RandomSource = (globalThis as unknown as { crypto: RandomSource }).crypto,
): string {
  const bytes = random.getRandomValues(new Uint8Array(32));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += BASE64URL[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += BASE64URL[(value << (6 - bits)) & 63];
  return out;
}

/**
 * The votes whose keys this device must still keep: open votes, and votes a queued ballot
 * still has to reach. Any other key is forgotten: once a vote has ended a key can change
 * nothing, and kept beside a copy of the server's data it would say which ballot was whose.
 */
export function ballotKeysToForget(
  held: readonly string[],
  meetings: readonly MeetingState[],
  outbox: readonly OutboxEntry[],
): string[] {
  const open = new Set(meetings.flatMap((m) => m.votes.filter((v) => v.status === 'open').map((v) => v.id)));
  const queued = new Set(outbox.filter((e) => e.name === 'vote:cast').map((e) => String(e.payload.voteId)));
  return held.filter((voteId) => !open.has(voteId) && !queued.has(voteId));
}

/**
 * The key of this user's ballot in a vote: made at the first cast and kept while the vote
 * is open, so that casting again changes that ballot. The client core owns it, never the UI.
 */
export function ballotKeyFor(store: ClientStore, userId: string, voteId: string): string {
  const held = store.loadBallotKey(userId, voteId);
  if (held) return held;
  const key = makeBallotKey();
  store.saveBallotKey(userId, voteId, key);
  return key;
}

/** Drops the keys of votes that have ended (and whose ballots are no longer queued). */
export function forgetSpentBallotKeys(store: ClientStore, meetings: readonly MeetingState[]): void {
  const spent = ballotKeysToForget(store.listBallotKeyVotes(), meetings, store.listOutbox());
  if (spent.length > 0) store.forgetBallotKeys(spent);
}
