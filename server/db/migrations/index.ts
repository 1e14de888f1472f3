import type { Database } from 'better-sqlite3';
import { up as initial } from './010-initial.js';
import { up as votesAttendance } from './020-votes-attendance.js';
import { up as voteManagers } from './030-vote-managers.js';
import { up as voteIntegrity } from './040-vote-integrity.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** In order. Numbers rise in steps of ten so a fix can slot in between. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: initial },
  { version: 20, name: 'votes and attendance', up: votesAttendance },
  { version: 30, name: 'vote managers', up: voteManagers },
  { version: 40, name: 'vote integrity', up: voteIntegrity },
];
