import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

type FuseOptions = NonNullable<Configuration['electronFuses']>;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The fuses flipped in the packaged Electron binary. `satisfies` keeps this list to the names
 * electron-builder's types know, so a misspelt fuse cannot be expected (nor pass) here.
 */
const EXPECTED_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
  runAsNode: false,
  enableCookieEncryption: true,
  // NODE_OPTIONS and --inspect would let anyone with a shell inject code into the main process.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptions;

function builderConfig(): Record<string, unknown> {
  const parsed = load(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('electron-builder.yml is not a mapping');
  return parsed as Record<string, unknown>;
}

/** electron-builder validates its configuration against this JSON schema before packaging. */
function builderSchema(): {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown>; additionalProperties: boolean } };
} {
  // app-builder-lib is electron-builder's own dependency: resolved from there, not hoisting.
  const fromBuilder = createRequire(join(repoRoot, 'node_modules', 'electron-builder', 'package.json'));
  const schemaFile = join(dirname(fromBuilder.resolve('app-builder-lib/package.json')), 'scheme.json');
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as ReturnType<typeof builderSchema>;
}

describe('electron-builder.yml: Electron fuses', () => {
  it('sets every fuse the desktop app relies on', () => {
    const fuses = builderConfig()['electronFuses'];
    expect(fuses).toEqual(EXPECTED_FUSES);
  });

  it('uses only keys electron-builder knows (its schema refuses others, and so does this test)', () => {
    const schema = builderSchema();
    expect(Object.keys(schema.properties)).toContain('electronFuses');
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(schema.definitions.FuseOptionsV1.additionalProperties).toBe(false);
    const fuses = builderConfig()['electronFuses'] as Record<string, unknown> | undefined;
    expect(Object.keys(fuses ?? {}).filter((key) => !known.includes(key))).toEqual([]);
    expect(Object.keys(EXPECTED_FUSES).filter((key) => !known.includes(key))).toEqual([]);
  });
});
