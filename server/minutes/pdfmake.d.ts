/**
 * The part of pdfmake 0.3's Node API the minutes use (the package ships no types, and
 * @types/pdfmake describes 0.2's).
 */
declare module 'pdfmake' {
  interface PdfMakeFontFamily {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface PdfMakeOutput {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, PdfMakeFontFamily>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(definition: object, options?: object): PdfMakeOutput;
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}
