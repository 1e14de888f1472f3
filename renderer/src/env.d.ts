import type { ClientApi } from '../../shared/client/api.js';

declare global {
  interface Window {
    /** The desktop app's preload bridge; absent in a plain browser tab. */
    cabinet?: ClientApi;
  }
}

export {};
