import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Notices {
  /** Command ids whose rejection the user has seen (dismissed, or shown beside the form). */
  handled: ReadonlySet<string>;
  markHandled(commandId: string): void;
}

const NoticesContext = createContext<Notices | null>(null);

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [handled, setHandled] = useState<ReadonlySet<string>>(() => new Set());
  const markHandled = useCallback((commandId: string) => {
    setHandled((prev) => new Set(prev).add(commandId));
  }, []);
  const value = useMemo(() => ({ handled, markHandled }), [handled, markHandled]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

export function useNotices(): Notices {
  const notices = useContext(NoticesContext);
  if (!notices) throw new Error('NoticesProvider is missing');
  return notices;
}
