import type { ImportErrorCode, LocalizedText, PersonImportColumn } from '../../shared/protocol/index.js';

/** What each column is called on the people screens, for the messages of an import. */
export const COLUMN_NAMES: Record<PersonImportColumn, LocalizedText> = {
  username: { vi: 'tên đăng nhập', en: 'user name' },
  displayName: { vi: 'họ và tên', en: 'full name' },
  title: { vi: 'chức vụ', en: 'title' },
  unit: { vi: 'đơn vị', en: 'unit' },
  seat: { vi: 'số ghế', en: 'seat' },
  email: { vi: 'email', en: 'email' },
};

/** The most characters of a cell quoted in a message. */
const MAX_QUOTED = 80;

/** The message of a refused row, in both languages, naming the row and what to fix. */
export function importMessage(
  code: ImportErrorCode,
  row: number,
  detail: { field?: PersonImportColumn; value?: string; max?: number; firstRow?: number; reason?: string } = {},
): LocalizedText {
  const field = detail.field ? COLUMN_NAMES[detail.field] : { vi: '', en: '' };
  // A value is quoted to be recognised, not whole: a long one would be in the answer twice more.
  if (detail.value !== undefined && [...detail.value].length > MAX_QUOTED)
    detail = { ...detail, value: `${[...detail.value].slice(0, MAX_QUOTED).join('')}…` };
  const at = { vi: `Dòng ${row}: `, en: `Row ${row}: ` };
  const say = (vi: string, en: string): LocalizedText => ({ vi: at.vi + vi, en: at.en + en });
  switch (code) {
    case 'MALFORMED_FILE':
      return say(
        `tệp không đọc được (${detail.reason ?? 'sai định dạng'}).`,
        `the file cannot be read (${detail.reason ?? 'bad format'}).`,
      );
    case 'BAD_HEADER':
      return say(
        `dòng tiêu đề phải là username,displayName,title,unit,seat,email (hoặc Tên đăng nhập, Họ và tên, Chức vụ, Đơn vị, Số ghế, Email)${detail.value ? ` (cột lạ: "${detail.value}")` : ''}.`,
        `the header must be username,displayName,title,unit,seat,email (or, in Vietnamese, Tên đăng nhập, Họ và tên, Chức vụ, Đơn vị, Số ghế, Email)${detail.value ? ` (unknown column "${detail.value}")` : ''}.`,
      );
    case 'MISSING_FIELD':
      return say(`thiếu ${field.vi}.`, `the ${field.en} is missing.`);
    case 'BAD_USERNAME':
      return say(
        `tên đăng nhập "${detail.value ?? ''}" chỉ được gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới, từ 2 đến 64 ký tự.`,
        `the user name "${detail.value ?? ''}" may hold only lower-case letters without marks, digits, dot, dash and underscore, 2 to 64 of them.`,
      );
    case 'DUPLICATE_IN_FILE':
      return say(
        `tên đăng nhập "${detail.value ?? ''}" đã có ở dòng ${detail.firstRow ?? '?'} của tệp.`,
        `the user name "${detail.value ?? ''}" is already on row ${detail.firstRow ?? '?'} of the file.`,
      );
    case 'USERNAME_TAKEN':
      return say(
        `tên đăng nhập "${detail.value ?? ''}" đã có tài khoản.`,
        `the user name "${detail.value ?? ''}" already has an account.`,
      );
    case 'TOO_LONG':
      return say(
        `${field.vi} dài quá ${detail.max ?? 0} ký tự.`,
        `the ${field.en} is longer than ${detail.max ?? 0} characters.`,
      );
    case 'BAD_TEXT':
      return say(`${field.vi} chứa ký tự điều khiển.`, `the ${field.en} holds control characters.`);
    case 'BAD_EMAIL':
      return say(
        `"${detail.value ?? ''}" không phải địa chỉ email.`,
        `"${detail.value ?? ''}" is not an email address.`,
      );
    case 'BAD_SEAT':
      return say(
        `số ghế "${detail.value ?? ''}" chỉ được gồm chữ, số, dấu cách, dấu chấm, gạch chéo, gạch ngang.`,
        `the seat "${detail.value ?? ''}" may hold only letters, digits, space, dot, slash and dash.`,
      );
    case 'TOO_MANY_ROWS':
      return say(
        `tệp có quá ${detail.max ?? 0} người; hãy chia thành nhiều tệp.`,
        `the file has more than ${detail.max ?? 0} people; split it into several files.`,
      );
    case 'EMPTY_FILE':
      return say('tệp không có người nào dưới dòng tiêu đề.', 'the file has nobody below the header.');
  }
}
