import { z } from 'zod';

/**
 * Every error the server can answer with. The code is the contract for programs; the
 * two messages are what a person reads. Keep the table complete: the protocol reference
 * is generated from it.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    http: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ.',
    en: 'The request data is not valid.',
  },
  UNKNOWN_EVENT: {
    http: 404,
    vi: 'Máy chủ không hỗ trợ yêu cầu này.',
    en: 'The server does not know this request.',
  },
  UNAUTHENTICATED: {
    http: 401,
    vi: 'Bạn cần đăng nhập lại.',
    en: 'Please sign in again.',
  },
  INVALID_CREDENTIALS: {
    http: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong user name or password.',
  },
  RATE_LIMITED: {
    http: 429,
    vi: 'Quá nhiều lần thử. Vui lòng đợi rồi thử lại.',
    en: 'Too many attempts. Please wait and try again.',
  },
  FORBIDDEN: {
    http: 403,
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: {
    http: 404,
    vi: 'Không tìm thấy mục được yêu cầu.',
    en: 'The requested item was not found.',
  },
  CONFLICT: {
    http: 409,
    vi: 'Thao tác xung đột với trạng thái hiện tại.',
    en: 'This conflicts with the current state.',
  },
  DUPLICATE_COMMAND_ID: {
    http: 409,
    vi: 'Mã lệnh đã được dùng cho một yêu cầu khác.',
    en: 'This command id was already used for a different request.',
  },
  VOTE_NOT_OPEN: {
    http: 409,
    vi: 'Biểu quyết không mở (chưa bắt đầu hoặc đã kết thúc). Phiếu không được ghi nhận.',
    en: 'The vote is not open (not started yet, or already closed). The ballot was not recorded.',
  },
  NOT_PRESENT: {
    http: 409,
    vi: 'Bạn cần điểm danh có mặt trước khi biểu quyết.',
    en: 'You must check in as present before voting.',
  },
  NO_VOTING_RIGHT: {
    http: 403,
    vi: 'Bạn không có quyền biểu quyết trong cuộc họp này.',
    en: 'You have no vote in this meeting.',
  },
  INVALID_CHOICE: {
    http: 400,
    vi: 'Lựa chọn không hợp lệ cho biểu quyết này.',
    en: 'This choice is not valid for this vote.',
  },
  ALREADY_VOTED: {
    http: 409,
    vi: 'Bạn đã biểu quyết; biểu quyết này không cho phép thay đổi phiếu.',
    en: 'You have already voted; this vote does not allow changing a ballot.',
  },
  OTHER_DEVICE_BALLOT: {
    http: 409,
    vi: 'Chỉ có thể đổi phiếu của chính mình, trên thiết bị đã dùng để bỏ phiếu. Phiếu trước vẫn được giữ.',
    en: 'A ballot can only be changed by its own voter, on the device it was cast from. The earlier ballot stands.',
  },
  VOTE_IN_PROGRESS: {
    http: 409,
    vi: 'Đang có biểu quyết mở: không thể thay đổi người được biểu quyết hay người điều hành biểu quyết cho đến khi biểu quyết kết thúc.',
    en: 'A vote is open: who may vote and who runs votes cannot change until it ends.',
  },
  OWN_ROLE: {
    http: 403,
    vi: 'Không ai tự thay đổi vai trò của mình trong cuộc họp.',
    en: 'Nobody changes their own role in a meeting.',
  },
  CHAIR_ADMIN_ONLY: {
    http: 403,
    vi: 'Chỉ quản trị viên mới thay đổi được chủ tọa của cuộc họp đã phát hành.',
    en: 'Only an administrator can change the chair of a published meeting.',
  },
  STALE_EDIT: {
    http: 409,
    vi: 'Mục này vừa được người khác thay đổi. Nội dung hiện tại đã được hiển thị; hãy sửa lại nếu cần.',
    en: 'This was just changed by someone else. The current text is shown; edit again if needed.',
  },
  REASON_REQUIRED: {
    http: 400,
    vi: 'Cần nêu lý do hủy biểu quyết đã mở.',
    en: 'Cancelling a vote that was opened needs a reason.',
  },
  NO_ATTENDANCE: {
    http: 409,
    vi: 'Vai trò này không điểm danh (chỉ thành viên có quyền biểu quyết và thư ký).',
    en: 'This role has no attendance (only voting members and secretaries check in).',
  },
  PAYLOAD_TOO_LARGE: {
    http: 413,
    vi: 'Dữ liệu gửi lên quá lớn.',
    en: 'The request is too large.',
  },
  NOT_A_PDF: {
    http: 422,
    vi: 'Tệp không phải là PDF hợp lệ (tệp rỗng, bị cắt, hoặc là loại tệp khác đổi tên). Không có gì được lưu.',
    en: 'The file is not a valid PDF (empty, cut short, or another kind of file renamed). Nothing was stored.',
  },
  DOCUMENT_TOO_LARGE: {
    http: 413,
    vi: 'Tệp vượt quá dung lượng cho phép. Không có gì được lưu.',
    en: 'The file is larger than allowed. Nothing was stored.',
  },
  UPLOAD_INCOMPLETE: {
    http: 400,
    vi: 'Tải lên bị gián đoạn hoặc thiếu tệp. Không có gì được lưu; hãy thử lại.',
    en: 'The upload was interrupted or had no file. Nothing was stored; please try again.',
  },
  RESTRICTED_DOCUMENT: {
    http: 409,
    vi: 'Tài liệu bị giới hạn người xem nên không thể trình chiếu cho cả phòng.',
    en: 'This document is restricted, so it cannot be shown to the whole room.',
  },
  MEETING_CLOSED: {
    http: 409,
    vi: 'Cuộc họp đã kết thúc.',
    en: 'The meeting is closed.',
  },
  MEETING_NOT_CLOSED: {
    http: 409,
    vi: 'Chỉ thu hồi tài liệu được sau khi cuộc họp kết thúc.',
    en: 'Documents can be recalled only after the meeting is closed.',
  },
  DOCUMENTS_RECALLED: {
    http: 409,
    vi: 'Tài liệu của cuộc họp này đã được thu hồi.',
    en: 'The documents of this meeting have been recalled.',
  },
  MEETING_CANCELLED: {
    http: 409,
    vi: 'Cuộc họp đã bị hủy: không thể biểu quyết, điểm danh hay điều hành phiên họp.',
    en: 'The meeting has been cancelled: no votes, attendance or session any more.',
  },
  MEETING_ARCHIVED: {
    http: 409,
    vi: 'Cuộc họp đã được lưu trữ: chỉ còn xem và sao chép. Bỏ lưu trữ nếu cần làm tiếp.',
    en: 'The meeting is archived: it can only be read and copied. Take it out of the archive to work on it.',
  },
  ENROLLMENT_CODE_INVALID: {
    http: 403,
    vi: 'Mã đăng ký thiết bị không đúng, đã dùng, đã hết hạn hoặc không dành cho bạn.',
    en: 'The device enrolment code is wrong, used, expired or not meant for you.',
  },
  CSR_INVALID: {
    http: 400,
    vi: 'Yêu cầu cấp chứng thư không hợp lệ (cần khóa RSA từ 2048 bit, tự ký đúng).',
    en: 'The certificate request is not valid (an RSA key of 2048 bits or more, correctly self-signed, is needed).',
  },
  SIGNATURE_INVALID: {
    http: 422,
    vi: 'Chữ ký số không hợp lệ: nội dung đã bị thay đổi hoặc chữ ký bị hỏng.',
    en: 'The digital signature is not valid: the content was changed or the signature is broken.',
  },
  CERTIFICATE_UNTRUSTED: {
    http: 422,
    vi: 'Chứng thư số không do CA của phòng họp hoặc một CA được tin cậy cấp.',
    en: 'The certificate was not issued by the meeting CA or a trusted CA.',
  },
  CERTIFICATE_EXPIRED: {
    http: 422,
    vi: 'Chứng thư số đã hết hạn hoặc chưa có hiệu lực.',
    en: 'The certificate has expired or is not valid yet.',
  },
  CERTIFICATE_REVOKED: {
    http: 422,
    vi: 'Chứng thư số đã bị thu hồi: chữ ký sau thời điểm thu hồi không được chấp nhận.',
    en: 'The certificate has been revoked: signatures made after the revocation are refused.',
  },
  DEVICE_REVOKED: {
    http: 403,
    vi: 'Thiết bị này đã bị quản trị viên thu hồi. Dữ liệu cuộc họp trên thiết bị đã được xóa; hãy liên hệ quản trị viên.',
    en: 'An administrator has revoked this device. The meeting data on it has been erased; contact the administrator.',
  },
  CERTIFICATE_NOT_YOURS: {
    http: 422,
    vi: 'Chứng thư số này không cấp cho người đang đăng nhập.',
    en: 'This certificate was not issued to the signed-in person.',
  },
  STALE_DOCUMENT_VERSION: {
    http: 409,
    vi: 'Chữ ký dành cho một phiên bản khác của tài liệu, không phải phiên bản hiện hành.',
    en: 'The signature is for another version of the document, not the current one.',
  },
  SIGNING_TIME_SKEW: {
    http: 422,
    vi: 'Thời điểm ký lệch quá 5 phút so với máy chủ. Kiểm tra đồng hồ thiết bị rồi ký lại.',
    en: "The signing time is more than 5 minutes from the server's clock. Check the device's clock and sign again.",
  },
  SIGNATURE_REPLAYED: {
    http: 409,
    vi: 'Chữ ký này đã được ghi nhận trước đó.',
    en: 'This signature was already recorded.',
  },
  ALREADY_IN_QUEUE: {
    http: 409,
    vi: 'Bạn đã đăng ký phát biểu; hãy chờ đến lượt hoặc rút đăng ký trước.',
    en: 'You have already asked to speak; wait for your turn or withdraw first.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    http: 403,
    vi: 'Bạn đã đăng nhập bằng mật khẩu dùng một lần: hãy đặt mật khẩu của riêng mình trước khi làm việc khác.',
    en: 'You signed in with a one-time password: choose your own password before anything else.',
  },
  IMPORT_REFUSED: {
    http: 422,
    vi: 'Tệp có dòng không hợp lệ nên chưa tạo tài khoản nào. Hãy sửa các dòng được nêu rồi nhập lại.',
    en: 'The file has rows that are not valid, so no account was created. Fix the rows listed and import it again.',
  },
  OFFLINE: {
    http: 503,
    vi: 'Không có kết nối tới máy chủ. Thao tác sẽ được gửi khi có kết nối.',
    en: 'No connection to the server. It will be sent when the connection is back.',
  },
  STORAGE_FULL: {
    http: 507,
    vi: 'Máy chủ đã hết chỗ lưu trữ nên chưa ghi được thao tác này. Thao tác được giữ lại và sẽ gửi lại; hãy báo quản trị viên.',
    en: 'The server has run out of storage and could not record this. It is kept and will be sent again; tell the administrator.',
  },
  INTERNAL: {
    http: 500,
    vi: 'Lỗi máy chủ. Vui lòng thử lại: một lệnh gửi lại chỉ được thực hiện một lần.',
    en: 'Server error. Please try again: a command sent again is applied once at most.',
  },
} as const satisfies Record<string, { http: number; vi: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/**
 * Answers that are no verdict on the command itself: the client keeps such a command in its
 * outbox and sends it again later (the command id makes that safe). Every other code is a
 * refusal the person can read and act on, and the command is dropped.
 */
export const RETRYABLE_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INTERNAL',
  'STORAGE_FULL',
  'RATE_LIMITED',
  'OFFLINE',
  'UNAUTHENTICATED',
]);
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const LocalizedTextSchema = z.object({ vi: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const ProtocolErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: LocalizedTextSchema,
  /** Field-level problems for VALIDATION_FAILED: path and what is wrong. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** RATE_LIMITED at sign-in: after how many seconds a new attempt is let through. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type ProtocolError = z.infer<typeof ProtocolErrorSchema>;

export function protocolError(
  code: ErrorCode,
  issues?: ProtocolError['issues'],
  message?: LocalizedText,
): ProtocolError {
  const entry = ERROR_CATALOGUE[code];
  const error: ProtocolError = { code, message: message ?? { vi: entry.vi, en: entry.en } };
  if (issues && issues.length > 0) error.issues = issues;
  return error;
}

/** Turns zod's issues into the protocol's flat form, so clients need no zod to read them. */
export function validationError(error: z.ZodError): ProtocolError {
  return protocolError(
    'VALIDATION_FAILED',
    error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}

/** RATE_LIMITED saying how long to wait, in its message and as a number a UI can word itself. */
export function rateLimitedError(retryAfterSeconds: number): ProtocolError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.ceil(seconds / 60);
  const vi = seconds < 60 ? `${seconds} giây` : `${minutes} phút`;
  const en =
    seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return {
    ...protocolError('RATE_LIMITED', undefined, {
      vi: `Quá nhiều lần thử. Vui lòng thử lại sau ${vi}.`,
      en: `Too many attempts. Please try again in ${en}.`,
    }),
    retryAfterSeconds: seconds,
  };
}
