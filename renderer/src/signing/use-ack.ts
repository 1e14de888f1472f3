import { useCallback, useState } from 'react';
import type { Ack, ProtocolError } from '../../../shared/protocol/index.js';

/** One call to the core's signing half for a form or button: busy while it runs, its refusal kept. */
export function useAck() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);
  const run = useCallback(async <T>(call: () => Promise<Ack<T>>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      const answer = await call();
      if (answer.ok) return answer.data;
      setError(answer.error);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
