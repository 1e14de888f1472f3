import { expect, openDemoMeeting, signIn, test } from './fixtures.js';

/**
 * The server sends a strict CSP with the UI. A violation does not fail the other specs by
 * itself (Socket.IO quietly stays on long-polling when its WebSocket is refused), so this one
 * watches for violations and for the WebSocket directly.
 */
test('the UI runs under the server’s Content-Security-Policy, WebSocket included', async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));

  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

  await signIn(page, 'daibieu1');
  await openDemoMeeting(page);
  await expect.poll(() => sockets.filter((url) => url.includes('/socket.io/')).length).toBeGreaterThan(0);

  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  // Not even zod's probe of `new Function`: the renderer turns it off (renderer/src/zod-config.ts).
  expect(violations).toEqual([]);
  expect(refused).toEqual([]);
});
