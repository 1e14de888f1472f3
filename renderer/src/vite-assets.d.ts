// Vite's `?url` imports (pdf.js's worker): the file is emitted into the build and its URL imported.
// Ambient (no import or export here), so it declares the module pattern for the whole renderer.
declare module '*?url' {
  const url: string;
  export default url;
}
