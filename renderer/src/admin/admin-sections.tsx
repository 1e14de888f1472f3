import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { User } from '../../../shared/protocol/index.js';
import { DevicesScreen } from './devices/DevicesScreen.js';
import { canManagePeople } from '../../../shared/domain/permissions.js';
import { GroupsScreen } from './groups/GroupsScreen.js';
import { PeopleScreen } from './people/PeopleScreen.js';
import { AuditScreen } from './audit/AuditScreen.js';

/** One screen of the administration: its path under #/admin/, its tab label, who may open it. */
export interface AdminSection {
  id: string;
  /** The tab's label, in the UI's language. */
  label: (t: TFunction) => string;
  mayOpen: (user: User) => boolean;
  Screen: ComponentType<{ user: User }>;
}

/** The screens, in tab order; each area of administration adds its own. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { id: 'people', label: (t) => t('people.tab'), mayOpen: canManagePeople, Screen: PeopleScreen },
  { id: 'groups', label: (t) => t('groups.tab'), mayOpen: canManagePeople, Screen: GroupsScreen },
  { id: 'devices', label: (t) => t('devices.tab'), mayOpen: (user) => user.isAdmin, Screen: DevicesScreen },
  { id: 'audit', label: (t) => t('audit.tab'), mayOpen: (user) => user.isAdmin, Screen: AuditScreen },
];

export function adminSectionsFor(user: User): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => section.mayOpen(user));
}
