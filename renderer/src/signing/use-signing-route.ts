import { useSyncExternalStore } from 'react';

/** The signing pages, beside the routes of `client/use-hash-route.ts`. */
export type SigningRoute = 'enroll' | 'devices';

export const ENROLL_HREF = '#/enroll';
export const DEVICES_HREF = '#/devices';

export function parseSigningRoute(hash: string): SigningRoute | null {
  const match = /^#\/(enroll|devices)(?:\?.*)?$/.exec(hash);
  return (match?.[1] as SigningRoute | undefined) ?? null;
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** The hash as it is now, re-read on every change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, getHash);
}

export function useSigningRoute(): SigningRoute | null {
  return parseSigningRoute(useHash());
}
