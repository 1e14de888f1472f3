import { z } from 'zod';
import { DocumentInfoSchema, DocumentListSchema, SearchHitSchema, UploadFieldsSchema } from './documents.js';
import { SharedAnnotationsResultSchema } from './annotations.js';
import { AskAnswerSchema, MeetingBriefSchema } from './assistant.js';
import { ActionItemsAnswerSchema } from './action-items.js';
import { UserSchema, text } from './entities.js';
import {
  CertificateInfoSchema,
  CertificateListSchema,
  CreateEnrollmentCodeRequestSchema,
  EnrollAnswerSchema,
  EnrollmentCodeSchema,
  EnrollRequestSchema,
  RegisterOutsideCertificateRequestSchema,
  RevokeCertificateRequestSchema,
  SignedRecordSchema,
} from './certificates.js';
import { MinutesSigningStartAnswerSchema } from './minutes-signing.js';
import { DeviceClaimSchema } from './devices.js';
import { PersonDetailsSchema, PersonImportResultSchema } from './people.js';

/** HTTP carries what is not live: health, sign-in, accounts, and the documents' bytes. */

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  /** PROTOCOL_VERSION: rises when a change would break older clients. */
  protocol: z.number().int(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const LoginRequestSchema = z.strictObject({
  username: text(100),
  password: z.string().min(1).max(1000),
  /** The device signing in (devices.ts); a revoked one is refused with DEVICE_REVOKED. */
  device: DeviceClaimSchema.optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MeResponseSchema = z.object({ user: UserSchema });

export const CreateUserRequestSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits, dot, dash, underscore'),
  /** As for people made on the administration screens: no bidirectional controls; one line. */
  displayName: PersonDetailsSchema.shape.displayName,
  password: z.string().min(10).max(1000),
  isAdmin: z.boolean().default(false),
  canCreateMeetings: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;
export const CreateUserResponseSchema = z.object({ user: UserSchema });

export const DocumentListAnswerSchema = DocumentListSchema;
export const SearchAnswerSchema = z.array(SearchHitSchema);

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  /** How the body comes: JSON (the default), or multipart/form-data with a `file` part. */
  body?: 'multipart';
  /** What a success answers; a failure answers its error code's status. */
  status: 200 | 201 | 204;
  auth: boolean;
  request: z.ZodType | null;
  response: z.ZodType | null;
  about: string;
}

/** Every HTTP route, for the generated reference and for tests that walk them all. */
export const HTTP_ROUTES = [
  {
    method: 'GET',
    path: '/api/health',
    status: 200,
    auth: false,
    request: null,
    response: HealthResponseSchema,
    about: 'Liveness and version.',
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    status: 200,
    auth: false,
    request: LoginRequestSchema,
    response: LoginResponseSchema,
    about:
      'Password sign-in; answers a session token for HTTP (Bearer) and the Socket.IO handshake (auth.token). Failed attempts are counted per address and name (5 in 5 minutes), per address (30) and per name from every address (15; it stops only addresses that failed for that name), answered RATE_LIMITED past them. Right sign-ins of one name: 10 a minute. A person keeps at most 20 sessions; past that the oldest idle one ends.',
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    status: 204,
    auth: true,
    request: null,
    response: null,
    about: 'Ends the session and disconnects its sockets.',
  },
  {
    method: 'GET',
    path: '/api/auth/me',
    status: 200,
    auth: true,
    request: null,
    response: MeResponseSchema,
    about: 'The signed-in user.',
  },
  {
    method: 'POST',
    path: '/api/users',
    status: 201,
    auth: true,
    request: CreateUserRequestSchema,
    response: CreateUserResponseSchema,
    about: 'Admin only: create an account.',
  },
  {
    method: 'POST',
    path: '/api/users/import',
    status: 201,
    auth: true,
    request: null,
    response: PersonImportResultSchema,
    about:
      'Admins and people managers: creates accounts from a file sent as the body, `text/csv` (UTF-8, with or without a BOM; comma or semicolon) or `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` (the first sheet); or as the part `file` of a `multipart/form-data` body (what the people screen sends: a workbook by its `.xlsx` name or type, CSV otherwise). Header row `username,displayName,title,unit,seat,email` (the first two required); at most 2000 people and 1 MiB (`413` past it). Names are stored NFC-composed, user names lower-cased. Every row is checked; if any is refused nobody is created and the answer is `422 IMPORT_REFUSED` with the same body plus `error`, `errors` naming each row (the header is row 1) with a code and a message in both languages. `?dryRun=1` checks only (`200`). Each account created gets a one-time password, in `accounts` and nowhere else: hand them out; the person should choose another.',
  },
  {
    method: 'POST',
    path: '/api/meetings/{meetingId}/documents',
    status: 201,
    auth: true,
    body: 'multipart',
    request: UploadFieldsSchema,
    response: DocumentInfoSchema,
    about:
      'The meeting\'s secretaries (and admins) upload a PDF: `multipart/form-data` with the fields below (`visibleTo` as JSON text, for example `{"roles":["chair"],"users":["…"]}`) and then the part `file`, last. The server streams the file to storage while hashing it, refuses it past the size limit (default 200 MB; a `Content-Length` beyond it is refused before any byte is read), opens it as a PDF, records its page count and the pages without text, and indexes its text for search. A refused or interrupted upload leaves no row and no bytes behind. `replaces` makes it the next version of that document (it takes the title sent; its item and list stay unless given; a list may not be put on the paper the room is being shown: `RESTRICTED_DOCUMENT`). At most two uploads of one user run at once (`RATE_LIMITED`). An upload is not idempotent: a retry after a lost answer makes another version.',
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/documents',
    status: 200,
    auth: true,
    request: null,
    response: DocumentListAnswerSchema,
    about:
      'The documents of the meeting the caller may see, current versions only. A meeting the caller may not see answers 404.',
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/content',
    status: 200,
    auth: true,
    request: null,
    response: null,
    about:
      "The PDF's bytes (`application/pdf`), current version; `?version=N` for an earlier one. A GET records, for the caller alone, the highest version they fetched (their brief's `lastOpenedVersion`). `ETag` is the quoted SHA-256; `If-None-Match` with it answers `304`. `Accept-Ranges: bytes`: a `Range: bytes=a-b` request answers `206 Partial Content` with `Content-Range` (a range past the end: `416`). Never compressed (pdf.js loads ranges only of an unencoded body). A document the caller may not see, or one recalled, answers `404` like one that does not exist.",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/search',
    status: 200,
    auth: true,
    request: null,
    response: SearchAnswerSchema,
    about:
      '`?q=words`: the pages of the current versions of the documents the caller may see that hold every word, at most 50, best first, then the caller\'s own annotations and those shared with them that hold every word (hits with `annotation`). Letters match without their marks and `đ` as `d` on both sides, so `bieu quyet` finds "biểu quyết" and `dai hoi` finds "Đại hội".',
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/assistant/ask',
    status: 200,
    auth: true,
    request: null,
    response: AskAnswerSchema,
    about:
      '`?q=question` (1 to 300 characters), in Vietnamese or English: the meeting assistant\'s answer, at most 10 passages (a sentence or short paragraph each) best first, drawn from the current versions of the documents the caller may see and from the caller\'s own annotations and those shared with them, each with its document, title, page, the passage as written, its BM25 score over words found by Vietnamese word segmentation, and `highlights` (where the query\'s words stand in the passage). A query written with marks or `đ` matches exactly those words (`bàn` is not `bán`); one without any matches the words without their marks (`dai hoi` finds "Đại hội"). An English question is looked up through the server\'s glossary of council and budget words ("Who chairs the session?" looks for "chủ tọa", "kỳ họp"), its numbers and the words the glossary does not know; the passages stay the papers\' Vietnamese. Scores are computed over the passages the caller may see only, so a paper restricted to others changes neither the passages nor their scores. Extracts only: nothing is generated and nothing leaves the server. One request of the assistant at a time per person (questions, briefs and action items alike: a second waits for the first, a third at once is refused), a few at once on a node, and at most 30 questions a minute (`RATE_LIMITED`). A meeting the caller may not see answers 404.',
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/assistant/brief',
    status: 200,
    auth: true,
    request: null,
    response: MeetingBriefSchema,
    about:
      "The caller's brief of the meeting's papers, `label: \"automatic-extracts\"` (sentences and figures picked from the papers by rule, nothing written). For each agenda item in order (an item's sub-items after it), then `agendaItemId: null` for the papers on no item: each current version the caller may see (the document list's rule) with its title, version, pages; `summary`: its 3 to 5 most central sentences (TextRank over segmented Vietnamese words), each with its page, in the paper's order, lines repeated across the caller's papers or on several pages of one (the national motto, addresses, signatures) left out; `figures` (amounts: `45.312,8 tỷ đồng`, `106,6%`) and `dates` (`31/12/2026`, `ngày 15 tháng 12 năm 2026`; `deadline` for `trước ngày …`, `iso` the day), each once, with its page and sentence (at most 200 amounts and 60 dates, `moreFigures` when there are more); `lastOpenedVersion`, the highest version the caller fetched from `/api/documents/{id}/content` (null: never), and `changes` when the current version is newer than that: pages whose text changed, sentences added and removed (at most 20 each, `truncated`). A paper restricted to others contributes nothing, not even to what counts as boilerplate. One request of the assistant at a time per person (a second waits for the first); at most 30 briefs a minute, a budget apart from the questions' and the action items' (`RATE_LIMITED`). A meeting the caller may not see answers 404.",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/assistant/action-items',
    status: 200,
    auth: true,
    request: null,
    response: ActionItemsAnswerSchema,
    about:
      "The meeting's action items, `label: \"automatic-extracts\"`: sentences of the current versions of the papers the caller may see (and of the minutes' draft, for those who may read the minutes) that assign work or set a deadline (`Giao Sở Tài chính chủ trì …`, `… trước ngày 31/12/2026`), found by rule, each with `who`, `what`, `when` as written (`whenIso`: the day, month or year when known), its source (a paper's version and page, or a minutes item's text) and the sentence. The meeting's secretaries and admins (`mayDecide`) get every candidate with its decision (`status`: candidate, confirmed, dropped; `gone` for a decided item no longer found in its source), and decide with `action-item:*`; everyone else gets only the confirmed items of the papers they may see (and of the minutes if they may read them). A paper restricted to others gives nothing away: not its sentences, not a decision about it, not a count. One request of the assistant at a time per person (a second waits for the first), and at most 30 reads of the action items a minute, a budget of their own: the briefs a tablet fetches unasked at each sync do not use it up (`RATE_LIMITED`). A meeting the caller may not see answers 404.",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/annotations',
    status: 200,
    auth: true,
    request: null,
    response: SharedAnnotationsResultSchema,
    about:
      "The caller's own annotations in the meeting (not deleted), then those others shared, on the documents the caller may see, every version. No parameter selects an author: another person's private annotation is never in it. A meeting the caller may not see answers 404.",
  },
  {
    method: 'GET',
    path: '/api/documents/{documentId}/annotated',
    status: 200,
    auth: true,
    request: null,
    response: null,
    about:
      "A PDF (`application/pdf`, as an attachment) of the document's current version, or `?version=N`, with the caller's annotations as real PDF annotations (Highlight, Ink, FreeText with an appearance of their own in an embedded font, `/T` the author, `/Contents` the text) and a list of them with page numbers appended; `?shared=1` adds those others shared; `?language=vi|en` for the list (default `vi`). Appended to the original as an incremental update, so its signatures still hold (`X-Cabinet-Export: incremental`); when that cannot be done, a rewritten copy that no longer carries them (`X-Cabinet-Export: unsigned-copy`, and the list says so). `X-Cabinet-File-Name`: the suggested file name, URI-encoded. One export at a time per person (`RATE_LIMITED`); more than 5000 annotations: `CONFLICT`.",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/minutes.pdf',
    status: 200,
    auth: true,
    request: null,
    response: null,
    about:
      "The meeting's minutes (biên bản) as a PDF (`application/pdf`, as an attachment) laid out as Decree 30/2020/NĐ-CP prescribes, fonts embedded: once the chair and a secretary have signed it (`minutes:sign`), the latest signed file, byte for byte (`X-Cabinet-Minutes: signed`); before that the secretary's current draft, or before the first `minutes:save` the draft pre-filled from the meeting's record (attendance, agenda, speakers, published votes, approvals) (`X-Cabinet-Minutes: draft`). For the meeting's secretaries, its chair and admins; anyone else gets `404 NOT_FOUND`, as for a meeting that does not exist. One rendering at a time per person (`RATE_LIMITED`).",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/minutes.docx',
    status: 200,
    auth: true,
    request: null,
    response: null,
    about:
      'The same minutes as a Word document (`.docx`), for a secretary who finishes them in Word. The same readers and refusals as `minutes.pdf`.',
  },
  {
    method: 'POST',
    path: '/api/meetings/{meetingId}/minutes/signing',
    status: 200,
    auth: true,
    request: null,
    response: MinutesSigningStartAnswerSchema,
    about:
      "The signer whose turn it is (the meeting's chair while the minutes await the chair, then any of its secretaries) asks for the revision to sign: the minutes as signed so far with a signature field appended as an incremental update (PAdES, `ETSI.CAdES.detached`, the time in /M), /Contents empty. Answers its id, /ByteRange and the SHA-256 of the bytes it covers; asking again replaces it. No body. Refused: a meeting the caller may not read the minutes of (`NOT_FOUND`), someone who never signs minutes (an admin, `FORBIDDEN`), no round awaiting a signature or not the caller's turn (`CONFLICT`).",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/minutes/signing/{signingId}.pdf',
    status: 200,
    auth: true,
    request: null,
    response: null,
    about:
      'The prepared revision (`application/pdf`), for the signer it was prepared for only (anyone else, and a revision signed or replaced since: `NOT_FOUND`). The device checks the digest of its byte range before signing, and may show it.',
  },
  {
    method: 'GET',
    path: '/api/pki/ca',
    status: 200,
    auth: false,
    request: null,
    response: null,
    about:
      "The meeting CA's certificate (PEM, `application/x-pem-file`). Compare its SHA-256 with the fingerprint the server prints at start (and the enrolment QR carries) before trusting it.",
  },
  {
    method: 'GET',
    path: '/api/pki/ca.mobileconfig',
    status: 200,
    auth: false,
    request: null,
    response: null,
    about:
      "The meeting CA as an unsigned iOS/iPadOS configuration profile (`application/x-apple-aspen-config`, an attachment): one `com.apple.security.root` payload with the CA's DER. Its PayloadIdentifier and PayloadUUIDs derive from the CA's SHA-256, so every download (any node, any restart) is the same profile. `x-ca-fingerprint` carries that SHA-256. After installing, a person still enables full trust (Settings → General → About → Certificate Trust Settings).",
  },
  {
    method: 'GET',
    path: '/api/pki/ca.crt',
    status: 200,
    auth: false,
    request: null,
    response: null,
    about:
      "The meeting CA's certificate as DER (`application/x-x509-ca-cert`, an attachment), for Android (Settings → Security → Encryption & credentials → Install a certificate → CA certificate), Windows and macOS. `x-ca-fingerprint` carries its SHA-256.",
  },
  {
    method: 'GET',
    path: '/api/pki/crl',
    status: 200,
    auth: false,
    request: null,
    response: null,
    about:
      'The certificate revocation list of the meeting CA (DER, `application/pkix-crl`), signed by the CA, made again after every revocation.',
  },
  {
    method: 'POST',
    path: '/api/pki/enrollment-codes',
    status: 201,
    auth: true,
    request: CreateEnrollmentCodeRequestSchema,
    response: EnrollmentCodeSchema,
    about:
      "An admin, or the secretary of a meeting the person takes part in, makes a one-time code for one of that person's devices (valid 24 hours; the server keeps only its hash; at most 10 unused ones wait per person: `RATE_LIMITED`). Hand it over as text or as the QR of `link`.",
  },
  {
    method: 'POST',
    path: '/api/pki/enroll',
    status: 201,
    auth: true,
    request: EnrollRequestSchema,
    response: EnrollAnswerSchema,
    about:
      "The signed-in person's device sends its certificate request (its own key pair, which never leaves it) with a code made for this person; the CA issues a certificate bound to the person and a new device id. A code works once. Wrong codes of one person are counted: 5 in 10 minutes, then `RATE_LIMITED`.",
  },
  {
    method: 'GET',
    path: '/api/pki/certificates',
    status: 200,
    auth: true,
    request: null,
    response: CertificateListSchema,
    about: 'Admins: every certificate; anyone else: their own.',
  },
  {
    method: 'POST',
    path: '/api/pki/certificates/{fingerprint}/revoke',
    status: 200,
    auth: true,
    request: RevokeCertificateRequestSchema,
    response: CertificateInfoSchema,
    about:
      'Admin only: revokes a certificate (a lost tablet). Approvals signed with it afterwards are refused; those recorded before stay valid and say so. The CRL is made again; the device wipes its cache at its next connection.',
  },
  {
    method: 'POST',
    path: '/api/pki/outside-certificates',
    status: 201,
    auth: true,
    request: RegisterOutsideCertificateRequestSchema,
    response: CertificateInfoSchema,
    about:
      "Registers the signed-in person's certificate from an outside CA (imported from PKCS#12 on the device) as a signing identity: it must chain to a CA the server trusts by configuration (`--trust-ca`), name no other user, and `proof` must be a signature by its key over the identity statement.",
  },
  {
    method: 'GET',
    path: '/api/meetings/{meetingId}/approvals/export',
    status: 200,
    auth: true,
    request: null,
    response: SignedRecordSchema,
    about:
      "The meeting's approvals of the documents the caller may see, with each statement, signature and certificate, as a record signed by the server. Secretaries, the chair and admins.",
  },
] as const satisfies readonly HttpRoute[];
