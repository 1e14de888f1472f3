import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { CommandName, CommandPayload } from '../../shared/protocol/index.js';
import { generatePassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import type { CommandRunner } from '../sync/command-runner.js';
import { createUserAccount } from '../users/user-accounts.js';
import type { UserRecord } from '../users/user-queries.js';
import { DEMO_AGENDA, DEMO_MEETING, DEMO_USERS, demoStartTime, type DemoAgendaItem } from './demo-meeting.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: (typeof DEMO_USERS)[number]['role'];
  displayName: string;
}

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

export function readDemoAccounts(dataDir: string): DemoAccount[] | null {
  const file = join(dataDir, DEMO_ACCOUNTS_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
}

/**
 * Seeds an empty database with the demo accounts (passwords made for this data folder)
 * and a published council session. It goes through the command runner like any client,
 * so the demo meeting has a real change log.
 */
export async function seedDemo(
  db: Database,
  runner: CommandRunner,
  dataDir: string,
  now: Date,
): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  const users = new Map<string, UserRecord>();
  for (const u of DEMO_USERS) {
    const password = generatePassword();
    const user = await createUserAccount(
      db,
      {
        username: u.username,
        displayName: u.displayName,
        password,
        isAdmin: u.role === 'admin',
        canCreateMeetings: u.role === 'secretary',
      },
      now,
    );
    users.set(u.role === 'delegate' || u.role === 'observer' ? u.username : u.role, user);
    accounts.push({ username: u.username, password, role: u.role, displayName: u.displayName });
  }
  const secretary = users.get('secretary');
  if (!secretary) throw new Error('demo secretary missing');
  const run = <N extends CommandName>(name: N, payload: Omit<CommandPayload<N>, 'commandId'>) => {
    const answer = runner.execute(secretary, name, { ...payload, commandId: uuidv7() });
    if (!answer.ok) throw new Error(`demo seed: ${name} failed: ${answer.error.code}`);
  };

  const meetingId = uuidv7();
  run('meeting:create', { meetingId, ...DEMO_MEETING, startsAt: demoStartTime(now) });
  const addItems = (items: DemoAgendaItem[], parentId: string | null) => {
    for (const item of items) {
      const itemId = uuidv7();
      run('agenda:add-item', {
        meetingId,
        itemId,
        parentId,
        title: item.title,
        presenter: item.presenter,
        plannedMinutes: item.plannedMinutes,
      });
      addItems(item.children ?? [], itemId);
    }
  };
  addItems(DEMO_AGENDA, null);
  for (const [key, user] of users) {
    if (key === 'secretary' || key === 'admin') continue;
    const role = key === 'chair' ? 'chair' : key === 'phonghop' ? 'observer' : 'delegate';
    run('participant:set', { meetingId, userId: user.id, role });
  }
  run('meeting:publish', { meetingId });

  const file = join(dataDir, DEMO_ACCOUNTS_FILE);
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return accounts;
}
