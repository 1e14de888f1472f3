import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { segmentWords, segmenterModelPath } from './segmenter.js';

/**
 * The assistant runs in a council room without internet: vntk must load its model from its
 * own package and nothing it does may open a connection. In a file of its own, so that vntk
 * is loaded here for the first time, with every way out watched.
 */
describe('vntk offline', () => {
  const calls: string[] = [];
  const watch = <T extends object>(target: T, name: keyof T & string, label: string) =>
    vi.spyOn(target, name as never).mockImplementation((() => {
      calls.push(label);
      throw new Error(`network use: ${label}`);
    }) as never);

  beforeAll(() => {
    watch(net.Socket.prototype, 'connect', 'net.Socket.connect');
    watch(dns, 'lookup', 'dns.lookup');
    watch(dns.promises, 'lookup', 'dns.promises.lookup');
    watch(http, 'request', 'http.request');
    watch(https, 'request', 'https.request');
    watch(globalThis, 'fetch', 'fetch');
  });

  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('loads its model from inside the vntk package and segments without the network', () => {
    expect(segmentWords('Hội đồng nhân dân thông qua nghị quyết.').map((w) => w.text)).toEqual([
      'Hội đồng',
      'nhân dân',
      'thông qua',
      'nghị quyết',
      '.',
    ]);
    const vntkDir = dirname(createRequire(import.meta.url).resolve('vntk'));
    const inside = relative(vntkDir, segmenterModelPath());
    expect(inside).toBe('lib/word_tokenizer/model.bin');
    expect(calls).toEqual([]);
  });

  it("answers from the faster dictionary exactly what vntk's own lookup answers", () => {
    const vntk = createRequire(import.meta.url)('vntk') as { dictionary(): { has(word: string): boolean } };
    const dictionary = vntk.dictionary();
    const original = (Object.getPrototypeOf(dictionary) as { has(word: string): boolean }).has;
    expect(dictionary.has).not.toBe(original);
    for (const word of ['hội đồng', 'Hội Đồng', 'nhân dân', 'biểu quyết', 'xyz', '', 'HĐND', 'ngân sách nhà nước', 'a'])
      expect(dictionary.has(word)).toBe(original.call(dictionary, word));
  });

  it('segments a thousand sentences in reasonable time (its dictionary lookups made constant)', () => {
    const sentence = 'Đại biểu biểu quyết thông qua Nghị quyết số 12/NQ-HĐND ngày 31/12/2026 với 1.234,5 tỷ đồng.';
    const started = performance.now();
    for (let i = 0; i < 1000; i++) segmentWords(sentence);
    const ms = performance.now() - started;
    // About 1.5 s on a shared 2-core machine; vntk as shipped takes about 40 s.
    expect(ms).toBeLessThan(15_000);
    expect(calls).toEqual([]);
  });
});
