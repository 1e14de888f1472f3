import { useCallback, useState } from 'react';

const key = (userId: string) => `cabinet.dismissed-notices.${userId}`;
/** The notices kept: a meeting's notices are few, and older ones fall off the server's list anyway. */
const KEEP = 500;

function load(userId: string): Set<string> {
  try {
    const raw = globalThis.localStorage?.getItem(key(userId));
    const ids: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The notices this user has dismissed on this device: a banner stays until its reader closes
 * it, also across a reload. Kept on the device only (a dismissal is nobody else's business,
 * and each tablet shows its own banner).
 */
export function useDismissedNotices(userId: string) {
  const [dismissed, setDismissed] = useState(() => load(userId));
  const dismiss = useCallback(
    (id: string) => {
      setDismissed((current) => {
        const next = new Set([...current, id].slice(-KEEP));
        try {
          globalThis.localStorage?.setItem(key(userId), JSON.stringify([...next]));
        } catch {
          // Storage full or refused: the banner is gone for this session all the same.
        }
        return next;
      });
    },
    [userId],
  );
  return { dismissed, dismiss };
}
