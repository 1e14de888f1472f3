/** PDF signatures (PAdES B-B) and PKCS#12 signers, over shared/signatures' CMS. */
export { loadPkcs12, importSigningKey, Pkcs12Error } from './pkcs12.js';
export {
  signPdf,
  preparePdfSignature,
  completePdfSignature,
  signedContent,
  PdfSignError,
  type ByteRange,
  type PdfSignOptions,
  type PreparedPdfSignature,
} from './pdf-sign.js';
export { verifyPdfSignatures, extractPdfSignatureCms, type PdfSignatureReport } from './pdf-verify.js';
