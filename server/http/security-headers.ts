import type { FastifyInstance } from 'fastify';

/**
 * The same policy the desktop shell gives the renderer (electron/core/content-security-policy.ts),
 * for the same UI served to browsers over the LAN: only the server's own scripts and styles run,
 * nothing is framed, embedded or posted elsewhere. server/ may not import electron/, so the
 * directive list is repeated here rather than shared.
 */
const FIXED_DIRECTIVES: readonly (readonly [string, readonly string[]])[] = [
  ['default-src', ["'self'"]],
  // pdf.js decodes JPEG 2000 and colour profiles with WebAssembly modules served from 'self';
  // compiling them needs 'wasm-unsafe-eval' (it allows no eval() of JavaScript).
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  // React's style props go through the CSSOM, which style-src does not restrict.
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['font-src', ["'self'", 'data:']],
  ['worker-src', ["'self'", 'blob:']],
  ['object-src', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
];

// Anything else (`;`, `'`, spaces, commas) could end the directive and start another one.
const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * CSP Level 3 lets 'self' match the page's own ws: origin, but older WebKit (tablets' Safari)
 * does not, and Socket.IO's WebSocket would then fall back to polling or fail. So the ws origin
 * of the Host the page was loaded from is named too: wss: when the page came over TLS.
 */
export function buildContentSecurityPolicy(host: string | undefined, secure = false): string {
  const connect = ["'self'"];
  if (host && SAFE_HOST.test(host)) connect.push(`${secure ? 'wss' : 'ws'}://${host}`);
  return [...FIXED_DIRECTIVES, ['connect-src', connect] as const]
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Meeting and vote ids sit in the UI's URLs.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Every header of a response, also for answers written to the raw socket. */
export function securityHeaders(host: string | undefined, secure = false): Record<string, string> {
  return { 'content-security-policy': buildContentSecurityPolicy(host, secure), ...STATIC_SECURITY_HEADERS };
}

/**
 * Set on request, not on send: the static files, the 404 handler and the error handler all
 * keep headers set earlier, and an API answer needs them as much as a page does (a JSON body
 * opened as a document must not run anything either).
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders(request.headers.host, request.protocol === 'https'));
    done();
  });
}
