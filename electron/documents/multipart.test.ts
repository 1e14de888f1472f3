import { describe, expect, it } from 'vitest';
import { multipartEnvelope } from './multipart.js';

describe('multipartEnvelope', () => {
  it('puts the fields first and the file part last, in UTF-8, with one boundary', () => {
    const env = multipartEnvelope(
      [
        ['title', 'Nghị quyết Đại hội'],
        ['visibleTo', '{"roles":["chair"]}'],
      ],
      'nghi-quyet.pdf',
      'B0UND',
    );
    expect(env.contentType).toBe('multipart/form-data; boundary=B0UND');
    const body = Buffer.concat([env.head, Buffer.from('%PDF'), env.tail]).toString('utf8');
    expect(body).toBe(
      '--B0UND\r\nContent-Disposition: form-data; name="title"\r\n\r\nNghị quyết Đại hội\r\n' +
        '--B0UND\r\nContent-Disposition: form-data; name="visibleTo"\r\n\r\n{"roles":["chair"]}\r\n' +
        '--B0UND\r\nContent-Disposition: form-data; name="file"; filename="nghi-quyet.pdf"\r\n' +
        'Content-Type: application/pdf\r\n\r\n%PDF\r\n--B0UND--\r\n',
    );
  });

  it('a file name cannot close its quotes or start a header of its own', () => {
    const env = multipartEnvelope([], 'a"\r\nX-Evil: 1\\.pdf', 'B');
    expect(env.head.toString('utf8')).toContain('filename="a___X-Evil: 1_.pdf"');
  });

  it('draws a fresh random boundary each time', () => {
    expect(multipartEnvelope([], 'a.pdf').contentType).not.toBe(multipartEnvelope([], 'a.pdf').contentType);
  });
});
