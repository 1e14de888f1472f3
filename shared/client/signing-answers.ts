import { protocolError, type Ack, type ProtocolError } from '../protocol/index.js';
import { FREE_WRONG_PINS } from './pin-lock.js';

/**
 * The answers of the device's own checks (the PIN, the identity), in the protocol's error
 * shape. The code is one the UI already handles; `issues[0]` says exactly which check
 * (`path` 'pin' or 'identity', `message` one of the names below), the message what to do.
 */
export type SigningCheck =
  'PIN_FORMAT' | 'PIN_INCORRECT' | 'PIN_LOCKED' | 'PIN_ERASED' | 'NO_IDENTITY' | 'NO_PKCS12' | 'PREPARED_CHANGED';

function refusal(code: ProtocolError['code'], path: string, check: SigningCheck, vi: string, en: string): Ack<never> {
  return { ok: false, error: protocolError(code, [{ path, message: check }], { vi, en }) };
}

export const pinFormatRefused = (): Ack<never> =>
  refusal('VALIDATION_FAILED', 'pin', 'PIN_FORMAT', 'Mã PIN gồm 6 đến 12 chữ số.', 'The PIN is 6 to 12 digits.');

export function pinIncorrect(attemptsLeft: number): Ack<never> {
  const wait = attemptsLeft <= 10 - FREE_WRONG_PINS;
  return refusal(
    'VALIDATION_FAILED',
    'pin',
    'PIN_INCORRECT',
    `Mã PIN không đúng. Còn ${attemptsLeft} lần thử${wait ? ', mỗi lần sau phải đợi lâu hơn' : ''}.`,
    `Wrong PIN. ${attemptsLeft} tries left${wait ? ', each after a longer wait' : ''}.`,
  );
}

export const pinLocked = (until: Date): Ack<never> =>
  refusal(
    'RATE_LIMITED',
    'pin',
    'PIN_LOCKED',
    `Nhập sai mã PIN nhiều lần. Thử lại sau ${until.toLocaleTimeString('vi-VN')}.`,
    `Too many wrong PINs. Try again after ${until.toISOString()}.`,
  );

export const pinErased = (): Ack<never> =>
  refusal(
    'VALIDATION_FAILED',
    'pin',
    'PIN_ERASED',
    'Nhập sai mã PIN 10 lần: khóa ký trên thiết bị đã bị xóa. Hãy đăng ký lại thiết bị.',
    'Ten wrong PINs: the signing key on this device was erased. Enrol the device again.',
  );

export const noIdentity = (): Ack<never> =>
  refusal(
    'FORBIDDEN',
    'identity',
    'NO_IDENTITY',
    'Thiết bị này chưa có chứng thư ký số của bạn. Hãy đăng ký thiết bị.',
    'This device holds no signing certificate of yours. Enrol the device first.',
  );

export const noPkcs12Reader = (): Ack<never> =>
  refusal(
    'INTERNAL',
    'p12',
    'NO_PKCS12',
    'Thiết bị này không đọc được tệp PKCS#12.',
    'This device cannot read PKCS#12 files.',
  );

export const untrusted = (en: string): Ack<never> => ({
  ok: false,
  error: protocolError('CERTIFICATE_UNTRUSTED', [{ path: 'certificate', message: en }]),
});

/** The minutes the device downloaded to sign are not what the server says it prepared: nothing is signed. */
export const preparedMinutesChanged = (): Ack<never> =>
  refusal(
    'SIGNATURE_INVALID',
    'document',
    'PREPARED_CHANGED',
    'Biên bản tải về không khớp với bản máy chủ chuẩn bị để ký. Chưa ký gì; hãy thử lại.',
    'The minutes downloaded do not match what the server prepared for signing. Nothing was signed; try again.',
  );
