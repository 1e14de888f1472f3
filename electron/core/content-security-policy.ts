/**
 * The renderer's Content-Security-Policy. Only the app's own scripts run; nothing is framed,
 * embedded or posted anywhere; the only remote the page may reach is the meeting server.
 * Styles stay 'self' too: React's style props go through the CSSOM, which CSP does not block.
 */
export function buildContentSecurityPolicy(serverUrls: readonly string[]): string {
  const connect = new Set<string>(["'self'"]);
  for (const url of serverUrls) for (const origin of serverOrigins(url)) connect.add(origin);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // pdf.js's wasm decoders (JPEG 2000, colour profiles) need 'wasm-unsafe-eval': no JavaScript eval.
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // pdf.js runs its parser in a worker loaded from the app's own files.
    'worker-src': ["'self'", 'blob:'],
    'connect-src': [...connect],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** http(s) origin of the server plus the matching ws(s) one; anything else is ignored. */
export function serverOrigins(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  // URL accepts `;` and `'` in a host, which would end the directive and start another one.
  if (!SAFE_HOST.test(parsed.host)) return [];
  const socket = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return [`${parsed.protocol}//${parsed.host}`, `${socket}//${parsed.host}`];
}
