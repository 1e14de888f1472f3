import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Tools that are not ours (qpdf, poppler, pypdf), run on the PDFs our code writes. */

const run = promisify(execFile);

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a tool; a missing tool is a failure (ENOENT as the code), never a skip. */
export async function runTool(cmd: string, args: string[]): Promise<ToolRun> {
  try {
    const { stdout, stderr } = await run(cmd, args, { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string; message?: string };
    return {
      code: typeof err.code === 'number' ? err.code : -1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? err.message ?? '',
    };
  }
}

const LIST_ANNOTATIONS = fileURLToPath(new URL('./list-pdf-annotations.py', import.meta.url));

/**
 * The Python that has pypdf: the one on PATH, else Debian's (python3-pypdf installs into
 * /usr/bin/python3, which a pyenv or venv on PATH may hide).
 */
let python: Promise<string> | undefined;

async function findPythonWithPypdf(): Promise<string> {
  for (const python of ['python3', '/usr/bin/python3']) {
    if ((await runTool(python, ['-c', 'import pypdf'])).code === 0) return python;
  }
  throw new Error("No python3 with pypdf: install Debian's python3-pypdf (.ci/run does)");
}

export interface ListedAnnotation {
  page: number;
  subtype: string;
  author: string | null;
  contents: string | null;
  id: string | null;
}

/** pypdf's reading of the file: its page count and every page's annotations. */
export async function pypdfAnnotations(file: string): Promise<{ pages: number; annotations: ListedAnnotation[] }> {
  python ??= findPythonWithPypdf();
  const listed = await runTool(await python, [LIST_ANNOTATIONS, file]);
  if (listed.code !== 0) throw new Error(`pypdf could not read ${file}: ${listed.stderr}`);
  return JSON.parse(listed.stdout) as { pages: number; annotations: ListedAnnotation[] };
}
