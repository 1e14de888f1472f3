import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
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

/**
 * Writes the accounts file whole or not at all (a temp file renamed over it), readable by
 * the server's OS user only, and on the disk before the caller goes on.
 */
function writeAccountsFile(dataDir: string, accounts: DemoAccount[]): void {
  const file = join(dataDir, DEMO_ACCOUNTS_FILE);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(accounts, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // The rename itself is on the disk once the folder is.
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * Removes an accounts file left by a first start that was killed before its users were
 * committed: its passwords belong to no account. Only under the first-start lock, once no
 * users are found (otherwise it may be the file of the start that made them).
 */
export function removeStaleDemoAccounts(dataDir: string): void {
  rmSync(join(dataDir, DEMO_ACCOUNTS_FILE), { force: true });
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
 *
 * The accounts file is written before the users are committed: a start killed in between
 * leaves a file and no users (the next start seeds again and replaces it), never users
 * whose passwords nobody has. It is written under the first-start lock, once no users are
 * found, so a node that lost the race (perhaps sharing this data folder) never touches the
 * winner's file; if the transaction fails, the file goes.
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
  let written = false;
  const users = await store
    .transaction(async (tx) => {
      await store.lockName(tx, FIRST_START_LOCK);
      if (await tx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
      writeAccountsFile(dataDir, accounts);
      written = true;
      const created = new Map<string, UserRecord>();
      for (const [u, account] of prepared) {
        const user = await insertUserAccount(tx, account, now);
        // The office secretary keeps the council's accounts (issue 13): people managed without being an admin.
        if (u.role === 'secretary')
          await tx.updateTable('users').set({ manages_people: 1 }).where('id', '=', user.id).execute();
        created.set(u.role === 'delegate' || u.role === 'observer' ? u.username : u.role, user);
      }
      return created;
    })
    .catch((error: unknown) => {
      // Not committed: passwords of accounts that do not exist must not be shown next time.
      if (written) removeStaleDemoAccounts(dataDir);
      throw error;
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
  return accounts;
}
