import { useCallback, useSyncExternalStore } from 'react';

/**
 * Routes live in the hash: the desktop app loads the UI from files, where only the hash
 * can change without a navigation.
 */
export type Route =
  | { name: 'meetings' }
  | { name: 'meeting'; meetingId: string }
  /** The room display: read-only, full screen, for the projector. */
  | { name: 'display'; meetingId: string }
  /** The minutes (biên bản): the secretary's editor, the chair's reading. */
  | { name: 'minutes'; meetingId: string }
  /** The office's administration: people, groups, devices, the audit log (admin-sections.ts). */
  | { name: 'admin'; section: string | null };

export function parseRoute(hash: string): Route {
  const admin = /^#\/admin(?:\/([a-z-]{1,32}))?$/.exec(hash);
  if (admin) return { name: 'admin', section: admin[1] ?? null };
  const match = /^#\/(meetings|display)\/([0-9a-f-]{36})(\/minutes)?$/i.exec(hash);
  if (!match?.[2]) return { name: 'meetings' };
  if (match[3]) return match[1] === 'meetings' ? { name: 'minutes', meetingId: match[2] } : { name: 'meetings' };
  return { name: match[1] === 'display' ? 'display' : 'meeting', meetingId: match[2] };
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function meetingHref(meetingId: string): string {
  return `#/meetings/${meetingId}`;
}

export function minutesHref(meetingId: string): string {
  return `#/meetings/${meetingId}/minutes`;
}

export function displayHref(meetingId: string): string {
  return `#/display/${meetingId}`;
}

export function adminHref(section?: string): string {
  return section ? `#/admin/${section}` : '#/admin';
}

export function useHashRoute(): { route: Route; go: (href: string) => void } {
  const hash = useSyncExternalStore(subscribe, getHash);
  const go = useCallback((href: string) => {
    window.location.hash = href.replace(/^#/, '');
  }, []);
  return { route: parseRoute(hash), go };
}
