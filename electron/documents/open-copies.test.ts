import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpenCopies } from './open-copies.js';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-open-copies-'));
  dirs.push(dir);
  const path = join(dir, 'copy');
  writeFileSync(path, text);
  return path;
}

/** How many of this process's descriptors are open on the file (Linux: /proc/self/fd). */
function descriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

const decode = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

describe('OpenCopies', () => {
  it('opens a copy once for all its ranges, and closes it when asked', async () => {
    const path = file('%PDF-1.7 bien ban phien hop');
    const copies = new OpenCopies();
    const ranges = await Promise.all([copies.read('a', path, 0, 4), copies.read('a', path, 9, 13)]);
    expect(ranges.map(decode)).toEqual(['%PDF', 'bien']);
    expect(descriptorsOn(path)).toBe(1);
    expect(decode(await copies.read('a', path, 0, 2))).toBe('%P');
    expect(descriptorsOn(path)).toBe(1);
    await copies.close('a');
    expect(descriptorsOn(path)).toBe(0);
    expect(decode(await copies.read('a', path, 0, 2))).toBe('%P'); // opened again
    await copies.closeAll();
    expect(descriptorsOn(path)).toBe(0);
  });

  it('answers null past the end, throws for a file that is not there and keeps no handle of it', async () => {
    const path = file('short');
    const copies = new OpenCopies();
    expect(await copies.read('a', path, 2, 100)).toBeNull();
    const missing = join(path, '..', 'missing');
    await expect(copies.read('b', missing, 0, 1)).rejects.toThrow();
    writeFileSync(missing, 'there now');
    expect(decode(await copies.read('b', missing, 0, 5))).toBe('there');
    await copies.closeAll();
  });

  it('closes a copy no range was read from for a while', async () => {
    const path = file('nghi quyet');
    const copies = new OpenCopies();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect(decode(await copies.read('a', path, 0, 4))).toBe('nghi');
    expect(descriptorsOn(path)).toBe(1);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(descriptorsOn(path)).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(descriptorsOn(path)).toBe(0));
  });
});
