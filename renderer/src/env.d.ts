import type { ClientApi } from '../../shared/client/api.js';
import type { ServerTrustApi } from '../../shared/client/server-trust.js';

declare global {
  interface Window {
    /** The desktop app's preload bridge; absent in a plain browser tab. */
    cabinet?: ClientApi & {
      /** What only the desktop can do beside the core: pin an https server's meeting CA. */
      desktop?: ServerTrustApi;
    };
  }
}

export {};
