// The `virtual:pwa-register` module vite-plugin-pwa serves (renderer/vite.config.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
