import { useCallback, useEffect, useState } from 'react';
import type { ProtocolError, RequestName, RequestPayload, RequestResult } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';

/**
 * A socket request for an administration screen: busy while it runs, its refusal kept for
 * the screen to show beside the control. Administration writes are requests (no meeting, no
 * outbox): offline they are refused at once rather than queued.
 */
export function useAdminRequest() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);
  const run = useCallback(
    async <N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResult<N> | null> => {
      setError(null);
      setBusy(true);
      try {
        const answer = await client.request(name, payload);
        if (answer.ok) return answer.data;
        setError(answer.error);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [client],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

/** A list read by a request when online, again after a reconnect or when `reload` is called. */
export function useAdminList<N extends 'people:list' | 'group:list'>(name: N) {
  const client = useClient();
  const { connection } = useClientState();
  const [data, setData] = useState<RequestResult<N> | null>(null);
  const [error, setError] = useState<ProtocolError | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (connection !== 'online') return;
    let live = true;
    void client.request(name, {} as RequestPayload<N>).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setData(answer.data);
        setError(null);
      } else setError(answer.error);
    });
    return () => {
      live = false;
    };
  }, [client, connection, name, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, reload };
}
