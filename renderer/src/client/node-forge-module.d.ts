/**
 * node-forge's entry file, typed as nothing: the browser tab's core reads PKCS#12 files with
 * it (shared/client/pkcs12-reader.ts types what it uses). Imported by this path, not as
 * 'node-forge', so that its published types, which pull in all of Node's, stay out of the UI.
 */
declare module 'node-forge/lib/index.js' {
  const forge: unknown;
  export default forge;
}
