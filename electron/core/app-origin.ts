import { extname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The renderer is served from a custom privileged scheme rather than file://, so that it has a
 * real origin: file:// pages share one origin with every file on the disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cabinet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for a URL of the app's own origin. Node gives non-special schemes a null origin, so compare parts. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file under the renderer's folder, or null when the URL is not
 * the app's or would leave the folder (`..`, encoded or not, an absolute path, a NUL byte).
 * A path without an extension is a client-side route and gets the entry page.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  const wanted = pathname === '/' || extname(pathname) === '' ? '/index.html' : pathname;
  const file = join(rootDir, wanted);
  const inside = relative(rootDir, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
