import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// No node: imports here, so the renderer's no-Node lint rule holds for this file too.
const here = import.meta.dirname;
// `npm run dev:web` talks to a meeting server started separately (npm start).
const devServer = process.env.CABINET_DEV_SERVER ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: here,
  // Relative asset paths: the desktop app loads the same build from files.
  base: './',
  plugins: [react()],
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
