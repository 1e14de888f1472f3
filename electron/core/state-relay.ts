import type { ClientState } from '../../shared/client/index.js';

export interface StateSource {
  getState(): ClientState;
  subscribe(listener: (state: ClientState) => void): () => void;
}

/**
 * Forwards the core's state to the renderer. A sync may change state many times in one tick;
 * only the last one crosses IPC (a structured clone of every meeting each time would be waste).
 */
export function relayState(
  source: StateSource,
  push: (state: ClientState) => void,
  schedule: (task: () => void) => void = (task) => setImmediate(task),
): () => void {
  let scheduled = false;
  let stopped = false;
  const unsubscribe = source.subscribe(() => {
    if (scheduled || stopped) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      if (!stopped) push(source.getState());
    });
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
