import { readFile } from 'node:fs/promises';

/**
 * Liberation Serif 2.1 (SIL OFL 1.1, server/fonts/LICENSE-OFL.txt): a Times-like face with
 * every Vietnamese letter, vendored so that the export looks the same on every server. The
 * build copies server/fonts to .build/server/fonts (scripts/copy-server-assets.mjs), so this
 * URL holds under tsx and in .build alike.
 */
const FONT_URL = new URL('../../fonts/LiberationSerif-Regular.ttf', import.meta.url);

let loaded: Promise<Uint8Array> | undefined;

export function liberationSerif(): Promise<Uint8Array> {
  loaded ??= readFile(FONT_URL).then(
    (bytes) => new Uint8Array(bytes),
    (e: unknown) => {
      loaded = undefined;
      throw e;
    },
  );
  return loaded;
}
