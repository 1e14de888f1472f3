import type { OneTimePassword } from '../../../../shared/protocol/index.js';

/**
 * A CSV quoted cell: the names hold commas ("Ban Kinh tế, Ngân sách"). Quotes do not stop
 * Excel from running a cell that starts like a formula (`=HYPERLINK(...)` in an imported name,
 * sending the passwords beside it away): such a cell starts with an apostrophe, shown as text.
 */
const cell = (s: string) => `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;

/**
 * The one-time passwords as a CSV for the office to print or mail-merge: with a BOM, so that
 * Excel opens the Vietnamese names as UTF-8.
 */
export function passwordsCsv(accounts: readonly OneTimePassword[]): string {
  const lines = [
    ['username', 'displayName', 'password'],
    ...accounts.map((a) => [a.username, a.displayName, a.password]),
  ];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Offers the text as a file download (the browser's or the desktop's save dialog). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
