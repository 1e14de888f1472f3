import { useCallback, useEffect, useState } from 'react';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { followed, openedOn, refused, restore, type StaleState } from './stale-edit.js';

/**
 * One editing session of a versioned thing (a meeting's details, an agenda item), from the
 * moment its form opens: mount it with the form. See stale-edit.ts.
 */
export function useStaleEdit<T extends { version: number }, F>(current: T) {
  const [state, setState] = useState<StaleState<T, F>>(() => openedOn(current));

  useEffect(() => {
    setState((s) => followed(s, current));
  }, [current]);

  /** For `run(…, onRefused)`: a stale refusal resets the form to `current`. */
  const onRefused = useCallback(
    (mine: F) => (error: ProtocolError) => {
      if (error.code === 'STALE_EDIT') setState((s) => refused(s, current, mine));
    },
    [current],
  );
  const restoreMine = useCallback(() => setState(restore), []);

  return { ...state, onRefused, restoreMine };
}
