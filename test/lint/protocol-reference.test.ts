import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, ERROR_CODES, HTTP_ROUTES, REQUEST_SCHEMAS } from '../../shared/protocol/index.js';
import { renderProtocolReference } from '../../shared/protocol/reference.js';

describe('protocol reference', () => {
  const committed = readFileSync(new URL('../../shared/protocol/README.md', import.meta.url), 'utf8');

  it('is up to date with the schemas (run `npm run protocol:docs`)', () => {
    expect(committed).toBe(renderProtocolReference());
  });

  it('names every event, route and error code', () => {
    for (const name of [...COMMAND_NAMES, ...Object.keys(REQUEST_SCHEMAS)])
      expect(committed).toContain(`### \`${name}\``);
    for (const r of HTTP_ROUTES) expect(committed).toContain(`${r.method} ${r.path}`);
    for (const code of ERROR_CODES) expect(committed).toContain(`\`${code}\``);
  });
});
