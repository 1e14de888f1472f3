/**
 * One catch-up per meeting at a time. A gap seen while one is on its way may hold changes
 * committed after that catch-up read the log (another node's batch): it runs again once the
 * first is in, until no gap was seen meanwhile.
 */
export class CatchUps {
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(private readonly catchUpOnce: (meetingId: string) => Promise<boolean>) {}

  async run(meetingId: string): Promise<void> {
    if (this.running.has(meetingId)) {
      this.again.add(meetingId);
      return;
    }
    this.running.add(meetingId);
    try {
      do {
        this.again.delete(meetingId);
        if (!(await this.catchUpOnce(meetingId))) return;
      } while (this.again.has(meetingId));
    } finally {
      this.running.delete(meetingId);
      this.again.delete(meetingId);
    }
  }
}
