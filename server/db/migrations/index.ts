import type { Database } from 'better-sqlite3';
import * as initial from './010-initial.js';
import * as votesAttendance from './020-votes-attendance.js';
import * as voteManagers from './030-vote-managers.js';
import * as voteIntegrity from './040-vote-integrity.js';
import * as severalNodes from './050-several-nodes.js';
import * as documents from './060-documents.js';
import * as meetingCa from './070-meeting-ca.js';
import * as certificates from './080-certificates.js';
import * as annotations from './090-annotations.js';
import * as meetingSession from './100-meeting-session.js';
import * as minutes from './120-minutes.js';
import * as minutesSigning from './130-minutes-signing.js';
import * as messages from './110-messages.js';
import * as devices from './160-devices.js';
import * as meetingLifecycle from './150-meeting-lifecycle.js';
import * as peopleGroups from './140-people-groups.js';
import * as documentOpens from './170-document-opens.js';
import * as actionItems from './180-action-items.js';

/**
 * One step of the schema, written for both engines: the same tables and columns, each in
 * its engine's dialect (SQLite: run on the better-sqlite3 handle; PostgreSQL: one script
 * run in a transaction).
 */
export interface Migration {
  version: number;
  name: string;
  sqlite(db: Database): void;
  postgres: string;
}

/** In order. Numbers rise in steps of ten so a fix can slot in between. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', ...initial },
  { version: 20, name: 'votes and attendance', ...votesAttendance },
  { version: 30, name: 'vote managers', ...voteManagers },
  { version: 40, name: 'vote integrity', ...voteIntegrity },
  { version: 50, name: 'several nodes: audit chains, due votes', ...severalNodes },
  { version: 60, name: 'documents', ...documents },
  { version: 70, name: 'meeting CA', ...meetingCa },
  { version: 80, name: 'certificates, enrolment, approvals', ...certificates },
  { version: 90, name: 'annotations', ...annotations },
  { version: 100, name: 'meeting session and speakers', ...meetingSession },
  { version: 110, name: 'meeting messages', ...messages },
  { version: 120, name: 'minutes draft', ...minutes },
  { version: 130, name: 'minutes signing', ...minutesSigning },
  { version: 140, name: 'people administration and groups', ...peopleGroups },
  { version: 150, name: 'invitations; meetings cancelled, postponed, archived', ...meetingLifecycle },
  { version: 160, name: 'devices', ...devices },
  { version: 170, name: 'the version of each document a person last opened', ...documentOpens },
  { version: 180, name: "the secretary's decisions on action items", ...actionItems },
];

export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (previous && m.version <= previous.version) {
      throw new Error(`Migration ${m.version} (${m.name}) does not rise above ${previous.version}`);
    }
  });
}
