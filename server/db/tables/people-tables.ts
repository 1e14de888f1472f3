import type { Generated } from 'kysely';

// The accounts, their sessions and devices, the groups, and the PostgreSQL-only throttles of
// sign-ins and events. Part of the schema: schema.ts says the column types' common ground.

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: Generated<number>;
  can_create_meetings: Generated<number>;
  disabled: Generated<number>;
  created_at: string;
  /** Chức vụ, đơn vị, seat label, email: '' when not known. */
  title: Generated<string>;
  unit: Generated<string>;
  seat: Generated<string>;
  email: Generated<string>;
  /** May administer people and groups without being an admin (an office secretary). */
  manages_people: Generated<number>;
  /** The password is a one-time one: the person must choose another at the next sign-in. */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the token: a stolen database yields no usable token. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  /** The device signed in from (migration 160); null for older sessions. */
  device_id: string | null;
}

/** A device as one person used it (migration 160): the same id for each person on a shared tablet. */
export interface DevicesTable {
  id: string;
  user_id: string;
  name: string;
  platform: string;
  first_seen_at: string;
  last_seen_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** PostgreSQL only: the sign-in throttle shared by every node (login-throttle.ts). */
export interface SignInMarksTable {
  /** SHA-256 of the throttle's key (address, user name): typed names are not kept. */
  key: string;
  kind: 'failure' | 'success' | 'slot';
  /** The attempt holding a slot; null for failures and successes. */
  attempt: string | null;
  /** Milliseconds since the epoch. */
  at: number;
}

/** PostgreSQL only: each user's event budget, leased to the nodes in chunks (event-budget.ts). */
export interface EventBudgetsTable {
  user_id: string;
  tokens: number;
  /** Milliseconds since the epoch of the last refill. */
  at: number;
}

export interface GroupsTable {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}
