import type { Language } from '../../i18n/index.js';

/**
 * The import's template, made here (no server round trip): the header row and one example
 * person. In Vietnamese its header is the Vietnamese names the server also reads
 * (server/users/person-import-file.ts), so the office fills in a sheet in its own words.
 * With a BOM, so that Excel opens it as UTF-8.
 */
const HEADERS: Record<Language, readonly string[]> = {
  vi: ['Tên đăng nhập', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Số ghế', 'Email'],
  en: ['username', 'displayName', 'title', 'unit', 'seat', 'email'],
};
const EXAMPLE = ['nguyenvanan', 'Nguyễn Văn An', 'Đại biểu', 'Ban Pháp chế', 'A12', 'nguyenvanan@example.vn'];

export function importTemplateCsv(lang: Language): string {
  return `\uFEFF${[HEADERS[lang], EXAMPLE].map((line) => line.join(',')).join('\r\n')}\r\n`;
}

export const importTemplateName = (lang: Language) =>
  lang === 'vi' ? 'mau-danh-sach-nguoi-dung.csv' : 'people-template.csv';
