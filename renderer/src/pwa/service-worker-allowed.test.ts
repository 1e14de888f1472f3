import { describe, expect, it } from 'vitest';
import { serviceWorkerAllowed } from './service-worker-allowed.js';

type Host = Parameters<typeof serviceWorkerAllowed>[0];

function host(protocol: string, options: { secure?: boolean; desktop?: boolean; workers?: boolean } = {}): Host {
  const { secure = true, desktop = false, workers = true } = options;
  return {
    cabinet: desktop ? ({} as NonNullable<Host['cabinet']>) : undefined,
    isSecureContext: secure,
    location: { protocol } as Location,
    navigator: (workers ? { serviceWorker: {} } : {}) as Navigator,
  };
}

describe('where the web app registers its service worker', () => {
  it('in a browser tab over https, or http on the machine itself (a secure context)', () => {
    expect(serviceWorkerAllowed(host('https:'))).toBe(true);
    expect(serviceWorkerAllowed(host('http:'))).toBe(true);
  });

  it('never in the desktop app, on an insecure LAN address, or without service workers', () => {
    expect(serviceWorkerAllowed(host('app:', { desktop: true }))).toBe(false);
    expect(serviceWorkerAllowed(host('https:', { desktop: true }))).toBe(false);
    expect(serviceWorkerAllowed(host('http:', { secure: false }))).toBe(false);
    expect(serviceWorkerAllowed(host('https:', { workers: false }))).toBe(false);
    expect(serviceWorkerAllowed(host('file:'))).toBe(false);
  });
});
