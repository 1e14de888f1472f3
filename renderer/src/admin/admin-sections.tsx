import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { User } from '../../../shared/protocol/index.js';
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
  { id: 'audit', label: (t) => t('audit.tab'), mayOpen: (user) => user.isAdmin, Screen: AuditScreen },
];

export function adminSectionsFor(user: User): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => section.mayOpen(user));
}
