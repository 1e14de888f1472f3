import type { ClientApi, DocumentSource } from '../../shared/client/index.js';
import { MAX_RANGE_BYTES } from '../../shared/client/index.js';

/** The whole file of a `cached` source, read the way the reader reads it: by ranges. */
export async function readWhole(
  client: Pick<ClientApi, 'readDocumentRange'>,
  source: Extract<DocumentSource, { kind: 'cached' }>,
): Promise<Uint8Array> {
  const whole = new Uint8Array(source.length);
  for (let begin = 0; begin < source.length; begin += MAX_RANGE_BYTES) {
    const end = Math.min(source.length, begin + MAX_RANGE_BYTES);
    const answer = await client.readDocumentRange(source.sha256, begin, end);
    if (!answer.ok) throw new Error(`range ${begin}-${end}: ${answer.error.code}`);
    whole.set(answer.data, begin);
  }
  return whole;
}
