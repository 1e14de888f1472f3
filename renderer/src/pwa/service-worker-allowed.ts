type Host = Pick<Window, 'cabinet' | 'isSecureContext' | 'location' | 'navigator'>;

/**
 * Only a plain browser tab over http(s) gets a service worker: never the desktop app (it loads
 * the build from its own files, window.cabinet is its bridge), and browsers keep workers to
 * secure contexts (https, or the machine's own 127.0.0.1 / localhost).
 */
export function serviceWorkerAllowed(host: Host): boolean {
  return (
    !host.cabinet &&
    host.isSecureContext &&
    'serviceWorker' in host.navigator &&
    /^https?:$/.test(host.location.protocol)
  );
}
