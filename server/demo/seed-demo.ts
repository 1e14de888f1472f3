import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { CommandName, CommandPayload } from '../../shared/protocol/index.js';
import { generatePassword } from '../auth/passwords.js';
import type { Store } from '../db/store.js';
import type { CommandRunner } from '../sync/command-runner.js';
import { insertUserAccount, prepareUserAccount, type PreparedAccount } from '../users/user-accounts.js';
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

/** The lock a first start takes before it looks for users and creates the first ones. */
export const FIRST_START_LOCK = 'first-start';

/**
 * Seeds an empty database with the demo accounts (passwords made for this data folder)
 * and a published council session. It goes through the command runner like any client,
 * so the demo meeting has a real change log.
 *
 * Null when the database had users after all: another node sharing it seeded first (its
 * data folder holds the accounts file), so this one leaves the data as it is.
 */
export async function seedDemo(
  store: Store,
  runner: CommandRunner,
  dataDir: string,
  now: Date,
): Promise<DemoAccount[] | null> {
  const accounts: DemoAccount[] = [];
  // Hashing comes first: an open transaction on SQLite holds the one connection.
  const prepared: Array<[(typeof DEMO_USERS)[number], PreparedAccount]> = [];
  for (const u of DEMO_USERS) {
    const password = generatePassword();
    const account = await prepareUserAccount({
      username: u.username,
      displayName: u.displayName,
      password,
      isAdmin: u.role === 'admin',
      canCreateMeetings: u.role === 'secretary',
    });
    prepared.push([u, account]);
    accounts.push({ username: u.username, password, role: u.role, displayName: u.displayName });
  }
  const users = await store.transaction(async (tx) => {
    await store.lockName(tx, FIRST_START_LOCK);
    if (await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
    const created = new Map<string, UserRecord>();
    for (const [u, account] of prepared) {
      const user = await insertUserAccount(tx, account, now);
      created.set(u.role === 'delegate' || u.role === 'observer' ? u.username : u.role, user);
    }
    return created;
  });
  if (!users) return null;
  const secretary = users.get('secretary');
  if (!secretary) throw new Error('demo secretary missing');
  const run = async <N extends CommandName>(name: N, payload: Omit<CommandPayload<N>, 'commandId'>) => {
    const answer = await runner.execute(secretary, name, { ...payload, commandId: uuidv7() });
    if (!answer.ok) throw new Error(`demo seed: ${name} failed: ${answer.error.code}`);
  };

  const meetingId = uuidv7();
  await run('meeting:create', { meetingId, ...DEMO_MEETING, startsAt: demoStartTime(now) });
  const addItems = async (items: DemoAgendaItem[], parentId: string | null) => {
    for (const item of items) {
      const itemId = uuidv7();
      await run('agenda:add-item', {
        meetingId,
        itemId,
        parentId,
        title: item.title,
        presenter: item.presenter,
        plannedMinutes: item.plannedMinutes,
      });
      await addItems(item.children ?? [], itemId);
    }
  };
  await addItems(DEMO_AGENDA, null);
  for (const [key, user] of users) {
    if (key === 'secretary' || key === 'admin') continue;
    const role = key === 'chair' ? 'chair' : key === 'phonghop' ? 'observer' : 'delegate';
    await run('participant:set', { meetingId, userId: user.id, role });
  }
  await run('meeting:publish', { meetingId });

  const file = join(dataDir, DEMO_ACCOUNTS_FILE);
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return accounts;
}
