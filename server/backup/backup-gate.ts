/**
 * While a backup copies the documents its database copy names, no document file may go:
 * removals (a document deleted, its blob no longer named) wait here until every backup in
 * progress has ended. Uploads need no gate: a file is in place before its row commits.
 */
export class BackupGate {
  private active = 0;
  private waiting: Array<() => void> = [];

  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      if (this.active === 0) for (const run of this.waiting.splice(0)) run();
    }
  }

  /** Runs `removal` now, or once no backup is in progress. */
  afterBackups(removal: () => void): void {
    if (this.active === 0) removal();
    else this.waiting.push(removal);
  }
}
