import { uuidv7 } from 'uuidv7';
import type { CreateUserRequest } from '../../shared/protocol/index.js';
import { CreateUserRequestSchema } from '../../shared/protocol/index.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { findUserByUsername, insertUser, type UserRecord } from './user-queries.js';

export class UsernameTakenError extends Error {}

/** Creates an account; shared by the admin route, the demo seed and the admin CLI. */
export async function createUserAccount(db: Database, input: CreateUserRequest, now: Date): Promise<UserRecord> {
  const u = CreateUserRequestSchema.parse(input);
  const passwordHash = await hashPassword(u.password);
  if (findUserByUsername(db, u.username)) throw new UsernameTakenError(u.username);
  const id = uuidv7();
  insertUser(db, {
    id,
    username: u.username,
    displayName: u.displayName,
    passwordHash,
    isAdmin: u.isAdmin,
    canCreateMeetings: u.canCreateMeetings,
    at: now.toISOString(),
  });
  const created = findUserByUsername(db, u.username);
  if (!created) throw new Error('user was not created');
  return created;
}
