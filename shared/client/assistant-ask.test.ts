import { describe, expect, it } from 'vitest';
import { protocolError } from '../protocol/index.js';
import { fetchAssistantAnswer } from './assistant-ask.js';
import type { HttpFetch, HttpResponse } from './http.js';
import type { StoredSession } from './store.js';

const session = {
  serverUrl: 'http://phong-hop.lan:8080',
  token: 'tok',
  user: { id: 'u' },
} as unknown as StoredSession;
const meetingId = '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e0f';
const hit = {
  documentId: '0190f0c8-7a1b-7c3d-8e4f-5a6b7c8d9e10',
  title: 'Tờ trình',
  page: 2,
  passage: 'Kinh phí là 850 triệu đồng',
  score: 2.5,
  highlights: [{ start: 0, end: 8 }],
};

function answering(status: number, body: unknown, seen: { url?: string; init?: unknown }[] = []): HttpFetch {
  return async (url, init) => {
    seen.push({ url, init });
    return { ok: status < 400, status, json: async () => body } satisfies HttpResponse;
  };
}

describe('fetchAssistantAnswer', () => {
  it("asks the meeting's assistant with the session's token, the question encoded, and returns the passages", async () => {
    const seen: { url?: string; init?: unknown }[] = [];
    const ack = await fetchAssistantAnswer(answering(200, [hit], seen), session, meetingId, 'kinh phí & máy #2?');
    expect(ack).toEqual({ ok: true, data: [hit] });
    expect(seen).toEqual([
      {
        url: `http://phong-hop.lan:8080/api/meetings/${meetingId}/assistant/ask?q=kinh%20ph%C3%AD%20%26%20m%C3%A1y%20%232%3F`,
        init: { method: 'GET', headers: { authorization: 'Bearer tok' } },
      },
    ]);
  });

  it('is OFFLINE when the server cannot be reached, and asks nothing without a session', async () => {
    const unreachable: HttpFetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await fetchAssistantAnswer(unreachable, session, meetingId, 'q')).toMatchObject({
      ok: false,
      error: { code: 'OFFLINE' },
    });
    const seen: { url?: string }[] = [];
    expect(await fetchAssistantAnswer(answering(200, [], seen), null, meetingId, 'q')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(seen).toEqual([]);
  });

  it("passes the server's refusal on, and takes an answer it cannot read for an error, not for passages", async () => {
    const limited = { error: protocolError('RATE_LIMITED') };
    expect(await fetchAssistantAnswer(answering(429, limited), session, meetingId, 'q')).toEqual({
      ok: false,
      error: limited.error,
    });
    for (const body of [null, { hits: [] }, [{ ...hit, page: 0 }], '<html>']) {
      expect(await fetchAssistantAnswer(answering(200, body), session, meetingId, 'q')).toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    }
  });
});
