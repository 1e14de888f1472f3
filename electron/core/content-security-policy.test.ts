import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, serverOrigins } from './content-security-policy.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  it('allows only the app itself when no server is known', () => {
    const d = directives(buildContentSecurityPolicy([]));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated script', () => {
    const policy = buildContentSecurityPolicy(['http://192.168.1.10:8080']);
    // 'wasm-unsafe-eval' compiles WebAssembly only (pdf.js's decoders); it allows no eval() of JavaScript.
    expect(policy.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('lets the page reach the LAN server over http and ws, or https and wss', () => {
    const d = directives(buildContentSecurityPolicy(['http://192.168.1.10:8080/', 'https://phonghop.local']));
    expect(d.get('connect-src')).toEqual([
      "'self'",
      'http://192.168.1.10:8080',
      'ws://192.168.1.10:8080',
      'https://phonghop.local',
      'wss://phonghop.local',
    ]);
  });

  it('ignores anything that is not an http(s) server URL', () => {
    expect(serverOrigins('javascript:alert(1)')).toEqual([]);
    expect(serverOrigins("http://x'; script-src *")).toEqual([]);
    expect(serverOrigins('not a url')).toEqual([]);
    // A host URL parsing lets through, but that would inject a directive.
    expect(serverOrigins('http://x;script-src/')).toEqual([]);
    expect(serverOrigins("http://x';a")).toEqual([]);
    expect(serverOrigins('http://[::1]:8080')).toEqual(['http://[::1]:8080', 'ws://[::1]:8080']);
    expect(directives(buildContentSecurityPolicy(['file:///etc'])).get('connect-src')).toEqual(["'self'"]);
  });
});
