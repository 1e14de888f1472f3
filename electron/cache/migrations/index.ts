import { migration0010Initial } from './0010-initial.js';
import { migration0020BallotKeys } from './0020-ballot-keys.js';
import { migration0030Documents } from './0030-documents.js';
import { migration0040Identities } from './0040-identities.js';
import { migration0050Annotations } from './0050-annotations.js';
import { migration0060Device } from './0060-device.js';
import { migration0070Briefs } from './0070-briefs.js';
import { checkedMigrations } from './migration.js';

export type { Migration } from './migration.js';
export { checkedMigrations } from './migration.js';

/** Every migration of the offline cache, oldest first. Add new ones at the end. */
export const CACHE_MIGRATIONS = checkedMigrations([
  migration0010Initial,
  migration0020BallotKeys,
  migration0030Documents,
  migration0040Identities,
  migration0050Annotations,
  migration0060Device,
  migration0070Briefs,
]);
