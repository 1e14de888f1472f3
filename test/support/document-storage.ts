import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Harness } from './server-harness.js';

/**
 * Everything an upload could have left behind: rows of every document table, blob rows,
 * and files in the data folder's document store (blobs and uploads in flight).
 */
export async function documentTraces(h: Pick<Harness, 'server' | 'dataDir'>): Promise<{
  rows: number;
  files: string[];
}> {
  const db = h.server.store.db;
  let rows = 0;
  for (const table of ['documents', 'document_versions', 'document_pages', 'document_blobs'] as const) {
    rows +=
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n * 1;
  }
  return { rows: Number(rows), files: filesUnder(join(h.dataDir, 'documents')) };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}
