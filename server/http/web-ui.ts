import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendCode } from './http-errors.js';

/**
 * Serves the built React UI, with index.html for client-side routes. Without a build (unit
 * tests) the API still works and `/` explains how to build the UI.
 */
export async function registerWebUi(app: FastifyInstance, dir: string): Promise<void> {
  const hasUi = existsSync(join(dir, 'index.html'));
  if (hasUi) {
    // wildcard: true looks files up per request, so a rebuilt UI is served without a restart.
    await app.register(fastifyStatic, { root: dir, wildcard: true, index: ['index.html'] });
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
