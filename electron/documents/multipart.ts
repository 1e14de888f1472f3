import { randomBytes } from 'node:crypto';

/**
 * The envelope of a `multipart/form-data` upload around the file's bytes: the fields first,
 * then the header of the `file` part (the server reads the fields before the file), and the
 * closing boundary. The bytes go between `head` and `tail` as they are, never copied whole.
 */
export interface MultipartEnvelope {
  contentType: string;
  head: Buffer;
  tail: Buffer;
}

export function multipartEnvelope(
  fields: ReadonlyArray<readonly [string, string]>,
  fileName: string,
  boundary = `----cabinet${randomBytes(16).toString('hex')}`,
): MultipartEnvelope {
  let head = '';
  for (const [name, value] of fields) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(fileName)}"\r\n` +
    'Content-Type: application/pdf\r\n\r\n';
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(head, 'utf8'),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  };
}

/**
 * A name inside a quoted header parameter: no quote, backslash or line break may end it early
 * or start a header of its own. The title travels as a field, so a file name needs no more.
 */
function quoted(name: string): string {
  return name.replace(/[\r\n"\\]/g, '_');
}
