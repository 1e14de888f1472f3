import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProtocolError } from '../../../shared/protocol/index.js';
import { followed, openedOn, refused, restore, type StaleState } from './stale-edit.js';

/**
 * One editing session of a versioned thing (a meeting's details, an agenda item), from the
 * moment its form opens: mount it with the form. See stale-edit.ts.
 */
export function useStaleEdit<T extends { version: number }, F>(current: T) {
  const [state, setState] = useState<StaleState<T, F>>(() => openedOn(current));
  // The refusal arrives after the save's render: it must reset to what the client holds then.
  const latest = useRef(current);

  useEffect(() => {
    latest.current = current;
    setState((s) => followed(s, current));
  }, [current]);

  /** For `run(…, onRefused)`: a stale refusal resets the form to the current version. */
  const onRefused = useCallback(
    (mine: F) => (error: ProtocolError) => {
      if (error.code === 'STALE_EDIT') setState((s) => refused(s, latest.current, mine));
    },
    [],
  );
  const restoreMine = useCallback(() => setState(restore), []);

  return { ...state, onRefused, restoreMine };
}
