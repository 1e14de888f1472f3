import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// No node: imports here, so the renderer's no-Node lint rule holds for this file too: files
// are read through the bundler's own `this.fs`.
const here = import.meta.dirname;
// `npm run dev:web` talks to a meeting server started separately (npm start).
const devServer = process.env.CABINET_DEV_SERVER ?? 'http://127.0.0.1:8080';

/** Where pdf.js's data lives in the build; renderer/src/reader/pdfjs.ts asks for it there. */
const PDFJS_PUBLIC = 'pdfjs';
/** What pdf.js fetches at run time: character maps, the 14 standard fonts, the wasm decoders. */
const PDFJS_FOLDERS = ['cmaps', 'standard_fonts', 'wasm'] as const;
const pdfjsRoot = `${here}/../node_modules/pdfjs-dist`;

/**
 * The room has no internet: pdf.js's data is served from our own origin. The build copies
 * it from node_modules; the dev server maps the same URLs onto node_modules.
 */
function pdfjsData(): Plugin {
  return {
    name: 'cabinet-pdfjs-data',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const prefix = `/${PDFJS_PUBLIC}/`;
        if (req.url?.startsWith(prefix)) req.url = `/@fs${pdfjsRoot}/${req.url.slice(prefix.length)}`;
        next();
      });
    },
    async generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        for (const name of await this.fs.readdir(`${pdfjsRoot}/${folder}`)) {
          // The licences are not fetched by the viewer (they stay in node_modules' package).
          if (name.startsWith('LICENSE')) continue;
          const source = await this.fs.readFile(`${pdfjsRoot}/${folder}/${name}`);
          this.emitFile({ type: 'asset', fileName: `${PDFJS_PUBLIC}/${folder}/${name}`, source });
        }
      }
    },
  };
}

/** The header's and the page's colours (renderer/src/styles/app.css: --surface, --bg). */
const HEADER_COLOUR = '#ffffff';
const PAGE_COLOUR = '#f3f5f8';

/**
 * Tablets without the desktop app install the web UI and open it with the server out of reach: the
 * service worker keeps the whole build, pdf.js's data included, and never the API (its answers
 * are confidential papers and the client core keeps what it needs). The worker is registered by
 * renderer/src/pwa/, never in the desktop app, and an update waits for the user's Reload.
 */
function installableApp() {
  return VitePWA({
    strategies: 'generateSW',
    registerType: 'prompt',
    // An inline registration script would be refused by the CSP (script-src 'self').
    injectRegister: false,
    // The icons are found by the glob below already: listed once in the precache.
    includeManifestIcons: false,
    manifest: {
      id: './',
      name: 'Phòng họp không giấy — Paperless meeting room',
      short_name: 'Phòng họp',
      description:
        'Phòng họp không giấy: tài liệu, biểu quyết và biên bản cuộc họp — Paperless meeting room: papers, votes and minutes.',
      lang: 'vi',
      dir: 'ltr',
      // Relative: the UI uses hash routes and the same build is served from any path.
      start_url: './',
      scope: './',
      display: 'standalone',
      theme_color: HEADER_COLOUR,
      background_color: PAGE_COLOUR,
      icons: [
        { src: 'pwa-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'pwa-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // Globbed from the written build (closeBundle), so pdf.js's data emitted in generateBundle is in.
      globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff2,ico,json,wasm}', 'pdfjs/**/*'],
      // pdf.js's worker is the largest file; source maps are never precached (not in the patterns).
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      navigateFallback: 'index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io/],
      cleanupOutdatedCaches: true,
      // No runtimeCaching: nothing outside the build, the API above all, goes through a cache.
    },
  });
}

export default defineConfig({
  root: here,
  // Relative asset paths: the desktop app loads the same build from files.
  base: './',
  plugins: [react(), pdfjsData(), installableApp()],
  build: {
    outDir: `${here}/../.build/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // One bundle served over the LAN or loaded from disk by the desktop app: size matters little.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': devServer,
      '/socket.io': { target: devServer, ws: true },
    },
  },
});
