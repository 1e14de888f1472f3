import type { Change } from '../../shared/protocol/index.js';

/**
 * The server is moving from one event per change (`meeting:change`, a Change) to batches
 * (`meeting:changes`): one meeting's changes in sequence order, from which superseded
 * `vote:ballot-counted` changes of a vote may be left out (so sequence numbers may skip).
 */
export interface ChangeBatch {
  meetingId: string;
  sinceSeq: number;
  changes: Change[];
}

type Listener = (payload: unknown) => void;
/** Any Socket.IO client socket, by event name: neither event needs to be in the typed protocol. */
interface Listening {
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/**
 * Calls `listener` with the changes of every `meeting:change` and every `meeting:changes`
 * the socket receives, so a simulated delegate works with the server before and after the
 * batching. Returns the function that stops listening.
 */
export function onChanges(socket: object, listener: (changes: Change[]) => void): () => void {
  const loose = socket as Listening;
  const one: Listener = (change) => listener([change as Change]);
  const batch: Listener = (payload) => listener((payload as ChangeBatch).changes);
  loose.on('meeting:change', one);
  loose.on('meeting:changes', batch);
  return () => {
    loose.off('meeting:change', one);
    loose.off('meeting:changes', batch);
  };
}

/**
 * Resolves with `performance.now()` at the arrival of the first change that `match` accepts,
 * or rejects after the timeout.
 */
export function arrivalOf(socket: object, match: (change: Change) => boolean, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching change within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = onChanges(socket, (changes) => {
      if (!changes.some(match)) return;
      const at = performance.now();
      clearTimeout(timer);
      stop();
      resolve(at);
    });
  });
}
