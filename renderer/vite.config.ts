import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: here,
  // Relative asset paths: the desktop app loads the same build from files.
  base: './',
  plugins: [react(), pdfjsData()],
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
