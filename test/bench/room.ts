// The room most rows measure: the meeting server as deployed (`server/main.ts` in its own
// process, on its SQLite file, with the default limits), its demo meeting with `count`
// delegates added through the admin API, signed in once and connected, and the chair.
import { DelegateCrowd, mustAllPass } from '../simulator/crowd.js';
import { serverProcesses, type Target } from '../simulator/targets.js';
import { joinMeeting } from '../support/vote-fixtures.js';
import type { TestSocket } from '../support/server-harness.js';

export class Room {
  /** Whether the delegates are checked in (they start absent); a ballot needs it. */
  present = false;

  private constructor(
    readonly target: Target,
    readonly crowd: DelegateCrowd,
    readonly chair: TestSocket,
    readonly meetingId: string,
  ) {}

  static async open(count: number, log: (line: string) => void): Promise<Room> {
    const target = await serverProcesses(1, { postgres: false });
    try {
      const t0 = performance.now();
      const crowd = await DelegateCrowd.prepare(target.access, count, 'room');
      await crowd.connect(target.urls);
      log(
        `room: ${count} delegates made, signed in and connected in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
      const chair = await joinMeeting(target.access, 'chutoa');
      return new Room(target, crowd, chair.socket, chair.meeting.id);
    } catch (error) {
      await target.stop();
      throw error;
    }
  }

  get url(): string {
    return this.target.urls[0] as string;
  }

  async ensurePresent(): Promise<void> {
    if (!this.present)
      await this.crowd.settled(mustAllPass(await this.crowd.burst((d) => d.checkIn()), 'check-ins').lastSeq);
    this.present = true;
  }

  async close(): Promise<void> {
    this.crowd.disconnect();
    this.chair.disconnect();
    await this.target.stop();
  }
}
