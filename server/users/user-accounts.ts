import { uuidv7 } from 'uuidv7';
import type { CreateUserRequest } from '../../shared/protocol/index.js';
import { CreateUserRequestSchema } from '../../shared/protocol/index.js';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from '../db/schema.js';
import { isUniqueViolation } from '../db/store.js';
import { findUserById, findUserByUsername, insertUser, type UserRecord } from './user-queries.js';

export class UsernameTakenError extends Error {}

/** A valid account request with its password hashed: what is written to the database. */
export interface PreparedAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
  canCreateMeetings: boolean;
}

/**
 * Validates and hashes. Hashing takes a quarter of a second, so it runs before any
 * transaction: on SQLite an open transaction holds the one connection every request needs.
 */
export async function prepareUserAccount(input: CreateUserRequest): Promise<PreparedAccount> {
  const u = CreateUserRequestSchema.parse(input);
  return {
    username: u.username,
    displayName: u.displayName,
    passwordHash: await hashPassword(u.password),
    isAdmin: u.isAdmin,
    canCreateMeetings: u.canCreateMeetings,
  };
}

/**
 * Writes a prepared account (in the caller's transaction, with its audit row). A name taken
 * in any case throws UsernameTakenError: found by the lookup, or, when another node created
 * it meanwhile, refused by the unique index. On PostgreSQL that refusal aborts the
 * transaction, so the caller must let the error end it.
 */
export async function insertUserAccount(db: Db, account: PreparedAccount, now: Date): Promise<UserRecord> {
  if (await findUserByUsername(db, account.username)) throw new UsernameTakenError(account.username);
  const id = uuidv7();
  try {
    await insertUser(db, { id, ...account, at: now.toISOString() });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsernameTakenError(account.username);
    throw error;
  }
  const created = await findUserById(db, id);
  if (!created) throw new Error('user was not created');
  return created;
}

/** Creates an account; shared by the admin route, the demo seed and the admin CLI. */
export async function createUserAccount(db: Db, input: CreateUserRequest, now: Date): Promise<UserRecord> {
  return insertUserAccount(db, await prepareUserAccount(input), now);
}
