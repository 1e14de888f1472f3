import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendCode } from './http-errors.js';

/**
 * The files that say which build is current (the page, the service worker, the app manifest):
 * the browser asks the server again each time, or an installed tablet stays on an old version.
 * The others keep the header @fastify/static gave them before.
 */
const ALWAYS_REVALIDATED = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);

/**
 * Serves the built React UI, with index.html for client-side routes. Without a build (unit
 * tests) the API still works and `/` explains how to build the UI.
 */
export async function registerWebUi(app: FastifyInstance, dir: string): Promise<void> {
  const hasUi = existsSync(join(dir, 'index.html'));
  if (hasUi) {
    // wildcard: true looks files up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: true,
      index: ['index.html'],
      // Set per file below instead (@fastify/static's own header would override setHeaders).
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', ALWAYS_REVALIDATED.has(basename(path)) ? 'no-cache' : 'public, max-age=0');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A missing file (an old asset after a rebuild) is a 404, never index.html served as script.
    const lastSegment = path.split('/').at(-1) ?? '';
    if (
      path.startsWith('/api/') ||
      path.startsWith('/socket.io') ||
      path.startsWith('/assets/') ||
      lastSegment.includes('.') ||
      request.method !== 'GET'
    ) {
      return sendCode(reply, 'NOT_FOUND');
    }
    if (!hasUi) return reply.code(503).type('text/plain; charset=utf-8').send('Web UI not built: run `npm run build`.');
    return reply.sendFile('index.html');
  });
}
