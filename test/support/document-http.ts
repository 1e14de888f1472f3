import { request, type ClientRequest } from 'node:http';
import type { DocumentInfo, ProtocolError, SearchHit, VisibleTo } from '../../shared/protocol/index.js';

/** The documents' HTTP API as an outside system would call it: fetch, FormData, a bearer token. */
export interface UploadOptions {
  title?: string;
  agendaItemId?: string;
  replaces?: string;
  visibleTo?: VisibleTo;
  fileName?: string;
}

export async function uploadPdf(
  url: string,
  token: string,
  meetingId: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<{ status: number; body: DocumentInfo & { error?: ProtocolError } }> {
  const form = new FormData();
  form.set('title', options.title ?? 'Tờ trình');
  if (options.agendaItemId) form.set('agendaItemId', options.agendaItemId);
  if (options.replaces) form.set('replaces', options.replaces);
  if (options.visibleTo) form.set('visibleTo', JSON.stringify(options.visibleTo));
  form.set('file', new Blob([bytes], { type: 'application/pdf' }), options.fileName ?? 'to-trinh.pdf');
  const res = await fetch(`${url}/api/meetings/${meetingId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as DocumentInfo & { error?: ProtocolError } };
}

export async function mustUpload(
  url: string,
  token: string,
  meetingId: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<DocumentInfo> {
  const { status, body } = await uploadPdf(url, token, meetingId, bytes, options);
  if (status !== 201) throw new Error(`upload refused: ${status} ${JSON.stringify(body)}`);
  return body;
}

export async function getContent(
  url: string,
  token: string,
  documentId: string,
  headers: Record<string, string> = {},
  query = '',
): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await fetch(`${url}/api/documents/${documentId}/content${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

export async function listDocuments(
  url: string,
  token: string,
  meetingId: string,
): Promise<{ status: number; documents: DocumentInfo[] }> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/documents`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { documents?: DocumentInfo[] };
  return { status: res.status, documents: body.documents ?? [] };
}

export async function searchMeeting(
  url: string,
  token: string,
  meetingId: string,
  q: string,
): Promise<{ status: number; hits: SearchHit[] }> {
  const res = await fetch(`${url}/api/meetings/${meetingId}/search?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as SearchHit[];
  return { status: res.status, hits: res.ok ? body : [] };
}

/**
 * A POST written by hand, past fetch's checks: `send` writes the body as the attack needs
 * (cut short, or other than its announced length). 'cut' when the server hangs up instead.
 */
export function handWrittenPost(
  serverUrl: string,
  path: string,
  token: string,
  headers: Record<string, string>,
  send: (req: ClientRequest) => void,
): Promise<{ status: number; body: string } | 'cut'> {
  const url = new URL(`${serverUrl}${path}`);
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', () => resolve('cut'));
      },
    );
    req.on('error', () => resolve('cut'));
    send(req);
  });
}
