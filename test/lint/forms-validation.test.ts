import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every form of the UI checks its own fields (noValidate): the browser's checks speak the
 * browser's language ("Please fill out this field" on a Vietnamese screen) and their bubbles
 * are out of reach of a screen reader on some tablets.
 */
const renderer = join(import.meta.dirname, '../../renderer/src');

function components(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return components(path);
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [path] : [];
  });
}

/** Each `<form …>` opening tag, up to the `>` that closes it (attributes may hold arrows). */
function formTags(source: string): string[] {
  return [...source.matchAll(/<form\b[\s\S]*?(?:\n\s*>|["}]\s*>)/g)].map((m) => m[0]);
}

describe('forms', () => {
  const files = components(renderer);
  const tags = files.flatMap((f) =>
    formTags(readFileSync(f, 'utf8')).map((tag) => ({ file: relative(renderer, f), tag })),
  );

  it('finds the forms (the scan works)', () => {
    expect(tags.length).toBeGreaterThan(15);
    expect(formTags('<form className="x" onSubmit={(e) => go(e)}>')).toHaveLength(1);
  });

  it('all check their own fields', () => {
    expect(tags.filter((t) => !/\bnoValidate\b/.test(t.tag)).map((t) => t.file)).toEqual([]);
  });
});
