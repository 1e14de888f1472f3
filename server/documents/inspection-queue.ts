import { inspectPdf, type PdfInspection } from './pdf-inspector.js';

/**
 * PDFs read at once by this node, each in a worker holding its file in memory: at most
 * `slots` in all and one per user, so a user sending files built to keep pdf.js busy delays
 * only their own uploads, not everyone's.
 */
export class InspectionQueue {
  private running = 0;
  private readonly busyUsers = new Set<string>();
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly slots = 3,
    private readonly read: (path: string) => Promise<PdfInspection> = inspectPdf,
  ) {}

  async inspect(userId: string, path: string): Promise<PdfInspection> {
    while (this.running >= this.slots || this.busyUsers.has(userId))
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    this.busyUsers.add(userId);
    try {
      return await this.read(path);
    } finally {
      this.running--;
      this.busyUsers.delete(userId);
      // Everyone waiting looks again: the freed slot may suit any of them.
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}
