// Copies the files the server reads beside its modules (not TypeScript, so tsc leaves them
// out) into .build/server, at the same place relative to the compiled modules: a module's
// `new URL('../fonts/…', import.meta.url)` then works from the sources and from the build.
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders below server/, copied whole. */
const ASSET_FOLDERS = ['fonts'];

for (const folder of ASSET_FOLDERS) {
  cpSync(join(repoRoot, 'server', folder), join(repoRoot, '.build', 'server', folder), { recursive: true });
}
