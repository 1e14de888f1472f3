import { X509Certificate } from 'node:crypto';
import type { Ack, LocalizedText, ProtocolError } from '../../shared/protocol/index.js';
import { protocolError, type ErrorCode } from '../../shared/protocol/index.js';
import type { TrustedServer } from '../../shared/client/server-trust.js';
import { displayCaFingerprint } from '../../shared/client/server-trust.js';
import { httpsOrigin, type PinnedCa, type PinnedCaStore } from './pinned-ca-store.js';
import {
  PinningError,
  normalizeFingerprint,
  pinnedTlsOptions,
  probeServerCa,
  type PinnedTlsOptions,
  type PinningProblem,
} from './pinning.js';

/**
 * TLS options for one request or connection to this URL: the pinned CA's for an https URL,
 * null for plain http that may go unpinned (loopback, development); throws a PinningError
 * where nothing may go (an https server with no pin, plain http to a pinned host).
 */
export type TlsResolver = (url: URL) => PinnedTlsOptions | null;

type TrustProblem = PinningProblem | 'NOT_PINNED' | 'DOWNGRADE' | 'ALREADY_PINNED';

/** What the person reads when a server cannot be trusted or reached: the two languages. */
const PROBLEMS: Record<TrustProblem, { code: ErrorCode; text: LocalizedText }> = {
  NOT_PINNED: {
    code: 'CERTIFICATE_UNTRUSTED',
    text: {
      vi: 'Máy chủ dùng kết nối bảo mật (https) nhưng thiết bị chưa tin cậy CA của nó. Nhập dấu vân tay CA (SHA-256) — máy chủ in ra khi khởi động, và có trên phiếu đăng ký / mã QR — rồi chọn "Tin cậy máy chủ này".',
      en: 'The server uses a secure connection (https) but this device does not trust its CA yet. Enter the CA fingerprint (SHA-256) — the server prints it at start, and it is on the enrolment sheet / QR code — then choose "Trust this server".',
    },
  },
  DOWNGRADE: {
    code: 'CERTIFICATE_UNTRUSTED',
    text: {
      vi: 'Thiết bị đã tin cậy máy chủ này qua https; không kết nối tới nó bằng http không mã hóa. Dùng địa chỉ https://.',
      en: 'This device trusts this server over https and does not reach it over unencrypted http. Use its https:// address.',
    },
  },
  ALREADY_PINNED: {
    code: 'CERTIFICATE_UNTRUSTED',
    text: {
      vi: 'Thiết bị đã tin cậy một CA khác cho máy chủ này; CA đó không được thay từ đây.',
      en: 'This device already trusts another CA for this server; it is not replaced from here.',
    },
  },
  CA_MISMATCH: {
    code: 'CERTIFICATE_UNTRUSTED',
    text: {
      vi: 'Máy chủ không trình chứng thư của CA có dấu vân tay này.',
      en: 'The server did not present a CA with this fingerprint.',
    },
  },
  CERTIFICATE_INVALID: {
    code: 'CERTIFICATE_UNTRUSTED',
    text: {
      vi: 'Chứng thư TLS của máy chủ không hợp lệ theo CA này (sai tên máy chủ, hết hạn hoặc không do CA này cấp).',
      en: "The server's TLS certificate does not hold under this CA (wrong host name, expired, or not issued by it).",
    },
  },
  UNREACHABLE: {
    code: 'OFFLINE',
    text: {
      vi: 'Không kết nối được tới máy chủ. Kiểm tra địa chỉ và mạng rồi thử lại.',
      en: 'The server cannot be reached. Check the address and the network, then try again.',
    },
  },
  NOT_TLS: {
    code: 'VALIDATION_FAILED',
    text: {
      vi: 'Chỉ tin cậy được máy chủ có địa chỉ https://.',
      en: 'Only a server with an https:// address can be trusted.',
    },
  },
};

/** The protocol error the UI shows for a trust problem: the catalogue's code, the problem's words. */
export function trustError(problem: TrustProblem): ProtocolError {
  const { code, text } = PROBLEMS[problem];
  return protocolError(code, undefined, text);
}

/** The CA's name as a person reads it: its common name, else its whole subject. */
export function caDisplayName(pem: string): string {
  const subject = new X509Certificate(pem).subject;
  const cn = /^CN=(.*)$/m.exec(subject)?.[1];
  return (cn ?? subject.replace(/\n/g, ', ')).trim();
}

function described(pin: PinnedCa): TrustedServer {
  return { origin: pin.origin, fingerprint: displayCaFingerprint(pin.fingerprint), subject: caDisplayName(pin.caPem) };
}

/**
 * The desktop's trust in meeting servers, per origin, read by the core's HTTP, socket and
 * documents at each request or connection: a pin taken now holds for the next request, with
 * no restart. An https origin with no pin is reached by nothing; a host with a pin is never
 * reached over plain http; a plain http server with no pin (loopback, development) is.
 */
export class ServerTrust {
  private readonly options = new Map<string, PinnedTlsOptions>();

  constructor(
    private readonly store: PinnedCaStore,
    private readonly probe: typeof probeServerCa = probeServerCa,
  ) {}

  /** The pinned CA of this server, as the UI shows it. */
  pinned(serverUrl: string): TrustedServer | null {
    const pin = this.store.get(serverUrl);
    return pin ? described(pin) : null;
  }

  /** Why nothing may go to this server now, or null: what sign-in answers before it tries. */
  refusal(serverUrl: string): ProtocolError | null {
    try {
      this.tlsFor(new URL(serverUrl));
      return null;
    } catch (error) {
      return error instanceof TrustRefusal ? trustError(error.problem) : null;
    }
  }

  readonly tlsFor: TlsResolver = (url) => {
    if (url.protocol === 'https:') {
      const pin = this.store.get(url.href);
      if (!pin) throw new TrustRefusal('NOT_PINNED');
      let options = this.options.get(pin.fingerprint);
      if (!options) this.options.set(pin.fingerprint, (options = pinnedTlsOptions(pin.caPem)));
      return options;
    }
    if (this.store.hasPinnedHost(url.hostname)) throw new TrustRefusal('DOWNGRADE');
    return null;
  };

  /**
   * Probes the server for the CA with this fingerprint and pins it. Never replaces the CA of
   * an origin already pinned (the same one again is a success).
   */
  async trust(serverUrl: string, fingerprint: string): Promise<Ack<TrustedServer>> {
    const origin = httpsOrigin(serverUrl);
    if (!origin) return { ok: false, error: trustError('NOT_TLS') };
    const expected = normalizeFingerprint(fingerprint);
    const existing = this.store.get(origin);
    if (existing) {
      return existing.fingerprint === expected
        ? { ok: true, data: described(existing) }
        : { ok: false, error: trustError('ALREADY_PINNED') };
    }
    let pem: string;
    try {
      pem = await this.probe(origin, expected);
    } catch (error) {
      return { ok: false, error: trustError(error instanceof PinningError ? error.problem : 'UNREACHABLE') };
    }
    // Another call may have pinned meanwhile: the first pin stands.
    const raced = this.store.get(origin);
    if (raced) return this.trust(origin, fingerprint);
    return { ok: true, data: described(this.store.set(origin, pem)) };
  }
}

/** A request refused before it left (no pin, or plain http to a pinned host). */
export class TrustRefusal extends Error {
  override name = 'TrustRefusal';
  constructor(readonly problem: 'NOT_PINNED' | 'DOWNGRADE') {
    super(`Refused: ${PROBLEMS[problem].text.en}`);
  }
}
