import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LocalBallot } from './ballot-queue.js';

interface Ballots {
  /** Per vote id: what this device remembers about its ballot while the app runs. */
  local: Readonly<Record<string, LocalBallot>>;
  update(voteId: string, patch: Partial<LocalBallot>): void;
  /** Bring the ballot to the front: from the banner, or to change a ballot already cast. */
  show(voteId: string): void;
}

const BallotContext = createContext<Ballots | null>(null);

export function BallotProvider({ children }: { children: ReactNode }) {
  const [local, setLocal] = useState<Readonly<Record<string, LocalBallot>>>({});
  const update = useCallback((voteId: string, patch: Partial<LocalBallot>) => {
    setLocal((prev) => ({ ...prev, [voteId]: { phase: 'choosing', ...prev[voteId], ...patch } }));
  }, []);
  const show = useCallback((voteId: string) => {
    setLocal((prev) => {
      const phase = prev[voteId]?.phase;
      // A ballot being sent, or refused, stays as it is; a closed or recorded one opens for a (new) choice.
      const next = phase === 'queued' || phase === 'failed' ? phase : 'choosing';
      return { ...prev, [voteId]: { ...prev[voteId], phase: next, collapsed: false } };
    });
  }, []);
  const value = useMemo(() => ({ local, update, show }), [local, update, show]);
  return <BallotContext.Provider value={value}>{children}</BallotContext.Provider>;
}

export function useBallots(): Ballots {
  const ballots = useContext(BallotContext);
  if (!ballots) throw new Error('BallotProvider is missing');
  return ballots;
}
