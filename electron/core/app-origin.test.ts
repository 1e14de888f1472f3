import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, resolveAppFile } from './app-origin.js';

const root = join('/', 'opt', 'cabinet', '.build', 'renderer');

describe('isAppUrl', () => {
  it('accepts only the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/assets/index-abc.js`)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/#/meetings/1`)).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://cabinet.evil.com/',
      'app://user:pw@cabinet/',
      'http://cabinet/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'about:blank',
      'devtools://devtools/',
      '',
      null,
      undefined,
      'not a url',
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });
});

describe('resolveAppFile', () => {
  it('maps app URLs into the renderer folder', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/index.html`)).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js?v=1`)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/fonts/Be%20Vietnam.woff2`)).toBe(
      join(root, 'fonts', 'Be Vietnam.woff2'),
    );
  });

  it('sends a client-side route to the entry page', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/meetings/abc`)).toBe(join(root, 'index.html'));
  });

  it('refuses every way out of the folder', () => {
    for (const url of [
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc%2fpasswd.txt`,
      `${APP_ORIGIN}/..%2F..%2Fsecret.json`,
      `${APP_ORIGIN}/%2Fetc%2Fpasswd.txt`.replace('%2F', '..%2F..%2F..%2F..%2F..%2F..%2F'),
      `${APP_ORIGIN}/a%00.js`,
      `${APP_ORIGIN}/%E0%A4%A.js`,
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('normalised dots that stay inside are harmless', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/../../etc/passwd.txt`)).toBe(join(root, 'etc', 'passwd.txt'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd.txt`)).toBe(join(root, 'etc', 'passwd.txt'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/../index.html`)).toBe(join(root, 'index.html'));
  });
});
