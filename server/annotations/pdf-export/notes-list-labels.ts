import type { AnnotationKind } from '../../../shared/protocol/annotations.js';

/** The words of the notes list, in the delegate's language. */

export type ExportLanguage = 'vi' | 'en';

export interface NotesListLabels {
  heading: string;
  document: (title: string) => string;
  exportedAt: (time: string) => string;
  count: (n: number) => string;
  none: string;
  page: (n: number) => string;
  kinds: Record<AnnotationKind, string>;
  noText: string;
  /** The top line of a copy that is not the original plus an update. */
  rewrittenSigned: string;
  rewritten: string;
  footer: (page: number, pages: number) => string;
}

const LABELS: Record<ExportLanguage, NotesListLabels> = {
  vi: {
    heading: 'Danh sách ghi chú',
    document: (title) => `Tài liệu: ${title}`,
    exportedAt: (time) => `Xuất lúc: ${time}`,
    count: (n) => `${n} ghi chú`,
    none: 'Không có ghi chú nào.',
    page: (n) => `Trang ${n}`,
    kinds: { highlight: 'Tô sáng', ink: 'Nét vẽ', note: 'Ghi chú' },
    noText: '(không có lời ghi)',
    rewrittenSigned: 'Bản sao này không còn chữ ký số của bản gốc.',
    rewritten: 'Bản sao này được ghi lại toàn bộ, không giữ nguyên từng byte của bản gốc.',
    footer: (page, pages) => `Danh sách ghi chú — ${page}/${pages}`,
  },
  en: {
    heading: 'List of notes',
    document: (title) => `Document: ${title}`,
    exportedAt: (time) => `Exported: ${time}`,
    count: (n) => (n === 1 ? '1 note' : `${n} notes`),
    none: 'No notes.',
    page: (n) => `Page ${n}`,
    kinds: { highlight: 'Highlight', ink: 'Drawing', note: 'Note' },
    noText: '(no comment)',
    rewrittenSigned: "This copy no longer carries the original's digital signatures.",
    rewritten: 'This copy was rewritten in full: it does not keep the original byte for byte.',
    footer: (page, pages) => `List of notes — ${page}/${pages}`,
  },
};

export function notesListLabels(language: ExportLanguage): NotesListLabels {
  return LABELS[language];
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A time with its offset spelled out ("19:45 GMT+7 30/11/2026"), so no reader has to guess the zone. */
export function formatTime(time: Date | string, language: ExportLanguage, timeZone: string): string {
  const key = `${language} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'shortOffset',
    });
    formats.set(key, format);
  }
  return format.format(typeof time === 'string' ? new Date(time) : time);
}
