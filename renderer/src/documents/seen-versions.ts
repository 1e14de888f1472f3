import { useSyncExternalStore } from 'react';

/**
 * The version of each document this device last opened, for the "updated" badge. Kept in
 * localStorage: the badge is about this tablet, whoever signs in on it, and survives a reload.
 */
const KEY = 'cabinet.documents.seen';
const listeners = new Set<() => void>();
let cache: Record<string, number> | null = null;

function read(): Record<string, number> {
  if (cache) return cache;
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '{}');
    cache = parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    cache = {};
  }
  return cache;
}

export function markSeen(documentId: string, version: number): void {
  const seen = read();
  if ((seen[documentId] ?? 0) >= version) return;
  cache = { ...seen, [documentId]: version };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(cache));
  } catch {
    // Private mode: the badge resets with the page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A document is "updated" when it has had a version since this device last opened it (or, never opened, more than one). */
export function isUpdated(seen: Readonly<Record<string, number>>, documentId: string, version: number): boolean {
  return version > (seen[documentId] ?? 1);
}

export function useSeenVersions(): Readonly<Record<string, number>> {
  return useSyncExternalStore(subscribe, read);
}
