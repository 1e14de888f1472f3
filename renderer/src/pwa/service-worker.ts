import { registerSW } from 'virtual:pwa-register';
import { serviceWorkerAllowed } from './service-worker-allowed.js';

/** What the page knows of a newer version of the web app. */
export interface UpdateState {
  /** Rises each time a newer version is installed and waits for the user's Reload (0: none yet). */
  offer: number;
  /** The newer version has taken over (Reload pressed, here or in another tab): reload when allowed. */
  reloadWanted: boolean;
}

/** A new build is looked for this often while the app stays open (a fetch of sw.js, compared). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let state: UpdateState = { offer: 0, reloadWanted: false };
const listeners = new Set<() => void>();
let acceptUpdate: ((reloadPage?: boolean) => Promise<void>) | null = null;

function change(next: Partial<UpdateState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function subscribeUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateState(): UpdateState {
  return state;
}

/** Lets the waiting version take over (SKIP_WAITING); the page reloads once it controls it. */
export function loadNewVersion(): void {
  void acceptUpdate?.(true);
}

function checkForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (!navigator.onLine || registration.installing) return;
    // The server may be out of reach (the room's LAN is off): the next check tries again.
    registration.update().catch(() => undefined);
  };
  setInterval(check, UPDATE_CHECK_MS);
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/** Registers the build's service worker (sw.js, next to index.html), where one is allowed. */
export function startServiceWorker(): void {
  if (acceptUpdate || !serviceWorkerAllowed(window)) return;
  acceptUpdate = registerSW({
    onNeedRefresh: () => change({ offer: state.offer + 1 }),
    // Instead of the plugin's immediate reload: UpdatePrompt reloads once no vote holds it.
    onNeedReload: () => change({ reloadWanted: true }),
    onRegisteredSW: (_url, registration) => {
      if (registration) checkForUpdates(registration);
    },
    onRegisterError: (error: unknown) => console.warn('service worker not registered', error),
  });
}
