import { useEffect, useState } from 'react';
import type { ProtocolError, Vote, VoteResult } from '../../../shared/protocol/index.js';
import { useClient, useClientState } from '../client/ClientContext.js';

export interface PrivateResult {
  result: VoteResult | null;
  error: ProtocolError | null;
}

/**
 * The result of a closed vote, fetched by one who runs it before deciding to publish.
 * Asked of the server for this person alone (`vote:result`): it never travels through the
 * meeting's change log, so nobody else sees it before publication. Asked again after a
 * reconnect if it had not arrived.
 */
export function usePrivateResult(vote: Vote): PrivateResult {
  const client = useClient();
  const { connection } = useClientState();
  const [answer, setAnswer] = useState<PrivateResult & { voteId: string | null }>({
    voteId: null,
    result: null,
    error: null,
  });
  const wanted = vote.status === 'closed';
  const have = answer.voteId === vote.id && answer.result !== null;

  useEffect(() => {
    if (!wanted || have || connection !== 'online') return;
    let live = true;
    void client.request('vote:result', { meetingId: vote.meetingId, voteId: vote.id }).then((ack) => {
      if (!live) return;
      setAnswer(
        ack.ok
          ? { voteId: vote.id, result: ack.data.result, error: null }
          : { voteId: vote.id, result: null, error: ack.error },
      );
    });
    return () => {
      live = false;
    };
  }, [client, connection, wanted, have, vote.meetingId, vote.id]);

  if (!wanted || answer.voteId !== vote.id) return { result: null, error: null };
  return { result: answer.result, error: answer.error };
}
