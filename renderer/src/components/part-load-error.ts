/**
 * Whether an error is a part of the app that could not be fetched: a lazily loaded chunk (the
 * reader, the projector's page) whose file is gone because the server was updated while this
 * page stayed open, or that could not be fetched offline. Each browser words it its own way.
 */
const CHUNK_FAILURES = [
  // Chromium
  /Failed to fetch dynamically imported module/i,
  // Safari (iPadOS)
  /Importing a module script failed/i,
  // Firefox
  /error loading dynamically imported module/i,
  // Vite's preload of a chunk's CSS or imports
  /Unable to preload CSS/i,
];

export function isPartLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return CHUNK_FAILURES.some((pattern) => pattern.test(message));
}
