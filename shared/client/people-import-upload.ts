import { PersonImportResultSchema, protocolError, type Ack, type PersonImportResult } from '../protocol/index.js';
import type { PeopleImportInput } from './api.js';
import { bearer, type DocumentTransport } from './document-platform.js';
import { readError } from './upload.js';

/**
 * A list of people to import, sent over HTTP (`POST /api/users/import`) through the same
 * transport as documents: a file of 2000 people is too large for a socket message. A file
 * the server refuses row by row (422) is an answer, not a failure: its rows and errors are
 * the preview the screen shows.
 */
export async function uploadPeopleFile(
  transport: DocumentTransport | null,
  session: { serverUrl: string; token: string } | null,
  input: PeopleImportInput,
): Promise<Ack<PersonImportResult>> {
  if (!session) return { ok: false, error: protocolError('UNAUTHENTICATED') };
  if (!transport) return { ok: false, error: protocolError('INTERNAL') };
  let answer;
  try {
    answer = await transport.upload({
      url: `${session.serverUrl}/api/users/import${input.dryRun ? '?dryRun=1' : ''}`,
      headers: bearer(session.token),
      fields: [],
      file: input.file,
      onProgress: () => undefined,
    });
  } catch {
    return { ok: false, error: protocolError('OFFLINE') };
  }
  if (answer.status === 200 || answer.status === 201 || answer.status === 422) {
    const result = PersonImportResultSchema.safeParse(answer.body);
    if (result.success) return { ok: true, data: result.data };
  }
  return { ok: false, error: readError(answer.body) };
}
