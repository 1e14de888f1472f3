import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { protocolError, type ErrorCode } from '../../shared/protocol/index.js';
import { sendError } from './http-errors.js';
import { securityHeaders } from './security-headers.js';

/**
 * Requests Node's parser refuses (a NUL byte in a header, a broken request line, headers too
 * large) never reach Fastify's routes or error handler: Node emits `clientError` on the raw
 * socket. Answered here in the protocol's own shape, like every other refusal.
 */
export function answerClientError(this: FastifyInstance | undefined, error: ConnectionError, socket: Socket): void {
  // The peer is gone: there is nobody to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) return;
  // A keep-alive socket may be mid-way through an earlier answer: raw bytes would corrupt it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  this?.log.debug({ err: error }, 'malformed HTTP request');
  const [status, code] = clientErrorAnswer(error.code);
  const body = Buffer.from(JSON.stringify({ error: protocolError(code) }), 'utf8');
  const headers: Record<string, string> = {
    ...securityHeaders(undefined),
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    // The parser's state after a malformed request cannot be trusted for the next one.
    connection: 'close',
  };
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));
}

/** The HTTP status and the protocol code for a parser error (Node's or llhttp's code). */
function clientErrorAnswer(code: string): [number, ErrorCode] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'PAYLOAD_TOO_LARGE'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_REQUEST_HEADERS_TIMEOUT') {
    return [408, 'VALIDATION_FAILED'];
  }
  return [400, 'VALIDATION_FAILED'];
}

/**
 * Fastify's router answers a path with a bad percent escape by itself, before any hook, unless
 * given this handler: the answer would lack both the protocol's shape and the security headers.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(securityHeaders(request.headers.host));
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    // A fixed message: the path itself is not echoed back.
    sendError(reply, protocolError('VALIDATION_FAILED', [{ path: '(url)', message: 'not a valid URL path' }]));
    return;
  }
  request.log.error({ err: error }, 'request failed in the router');
  sendError(reply, protocolError('INTERNAL'));
}

/** The Fastify server options that route malformed requests to the handlers above. */
export const MALFORMED_REQUEST_OPTIONS = {
  clientErrorHandler: answerClientError,
  frameworkErrors: answerFrameworkError,
} as const;

/**
 * JSON bodies must be UTF-8. Fastify's own parser reads the bytes as a string, and bytes
 * that are no UTF-8 would become U+FFFD and be stored (a display name of replacement
 * characters); such a body is refused instead, as the socket refuses such a frame.
 */
export function refuseBodiesThatAreNotUtf8(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(Object.assign(new Error('The body is not UTF-8.'), { statusCode: 400 }), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
