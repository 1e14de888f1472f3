import { useCallback, useState } from 'react';
import { uuidv7 } from 'uuidv7';
import type { CommandInput } from '../../../shared/client/api.js';
import type { CommandName, ProtocolError } from '../../../shared/protocol/index.js';
import { useClient } from './ClientContext.js';

export type CommandOutcome = 'done' | 'queued' | 'failed';

/**
 * Sends a command for a form or a button. Online, it waits for the server's answer so a
 * refusal shows beside the control that caused it; offline, the command is queued by the
 * core and the form lets go at once (the badge counts what waits).
 */
export function useCommand() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ProtocolError | null>(null);

  const run = useCallback(
    async <N extends CommandName>(
      name: N,
      payload: CommandInput<N>,
      /** For a form that answers a particular refusal itself (a stale edit resets its fields). */
      onRefused?: (error: ProtocolError) => void,
    ): Promise<CommandOutcome> => {
      // A caller that must recognise a later refusal (a ballot queued offline) brings its own id.
      const commandId = payload.commandId ?? uuidv7();
      setError(null);
      const answer = client.send(name, { ...payload, commandId } as CommandInput<N>);
      if (client.getState().connection !== 'online') return 'queued';
      setBusy(true);
      try {
        const ack = await answer;
        if (ack.ok) return 'done';
        // Said beside the control that sent it: not again in the list of refused commands.
        void client.dismissRejected(commandId);
        setError(ack.error);
        onRefused?.(ack.error);
        return 'failed';
      } finally {
        setBusy(false);
      }
    },
    [client],
  );

  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
