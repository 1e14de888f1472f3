import { fileURLToPath } from 'node:url';

/**
 * Liberation Serif 2.1 (SIL OFL 1.1, ../fonts/LICENSE-OFL.txt), metric-compatible with Times
 * New Roman, which Decree 30 asks for: the PDF embeds it (as a subset), so a signed copy
 * reads the same everywhere; the .docx names Times New Roman and Word uses its own. The build
 * copies server/fonts beside the compiled modules (scripts/copy-server-assets.mjs).
 */
const font = (file: string) => fileURLToPath(new URL(`../fonts/${file}`, import.meta.url));

export const MINUTES_FONT_FILES = {
  normal: font('LiberationSerif-Regular.ttf'),
  bold: font('LiberationSerif-Bold.ttf'),
  italics: font('LiberationSerif-Italic.ttf'),
  bolditalics: font('LiberationSerif-BoldItalic.ttf'),
} as const;

/** The font the .docx names: Word and LibreOffice substitute their own (Liberation Serif on Linux). */
export const DOCX_FONT = 'Times New Roman';

const MM = 72 / 25.4;
export const mm = (millimetres: number) => millimetres * MM;

/**
 * Decree 30, appendix I: A4 portrait; margins top and bottom 20–25 mm, left 30–35 mm, right
 * 15–20 mm; text 13–14 pt. The low end of each range leaves the most room for the text.
 */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginMm: { top: 20, bottom: 20, left: 30, right: 15 },
  /** The page number sits centred in the top margin, this far from the edge. */
  pageNumberFromTopMm: 10,
  bodyPt: 13,
  /** Tên cơ quan and Quốc hiệu: 12–13 pt; tiêu ngữ 13–14 pt. */
  headerPt: 12.5,
  mottoPt: 13,
  titlePt: 14,
  tablePt: 12,
  /** Empty room under a signer's title, for a hand signature or a visible stamp (≥ 25 mm). */
  signatureRoomMm: 30,
} as const;
