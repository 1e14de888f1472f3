import { useCallback, useSyncExternalStore } from 'react';

/**
 * Routes live in the hash: the desktop app loads the UI from files, where only the hash
 * can change without a navigation.
 */
export type Route = { name: 'meetings' } | { name: 'meeting'; meetingId: string };

function parse(hash: string): Route {
  const match = /^#\/meetings\/([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ? { name: 'meeting', meetingId: match[1] } : { name: 'meetings' };
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function meetingHref(meetingId: string): string {
  return `#/meetings/${meetingId}`;
}

export function useHashRoute(): { route: Route; go: (href: string) => void } {
  const hash = useSyncExternalStore(subscribe, getHash);
  const go = useCallback((href: string) => {
    window.location.hash = href.replace(/^#/, '');
  }, []);
  return { route: parse(hash), go };
}
