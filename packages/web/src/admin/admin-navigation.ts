import { AuditIcon, UsersIcon } from '../app/app-icons.js';
import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { commonMessages } from '../i18n/common-messages.js';
import { messageOf } from '../i18n/message-bundle.js';
import { adminMessages } from './admin-messages.js';

export const adminSection: NavigationSection = {
  id: 'admin',
  label: messageOf(commonMessages, 'sectionAdmin'),
  requiredRole: 'admin',
  pages: [
    {
      path: '/admin/users',
      label: messageOf(commonMessages, 'navUsers'),
      description: messageOf(adminMessages, 'usersSubtitle'),
      icon: UsersIcon,
      page: lazyPage(() => import('./admin-users-page.js'), 'AdminUsersPage'),
    },
    {
      path: '/admin/audit',
      label: messageOf(commonMessages, 'navAudit'),
      description: messageOf(adminMessages, 'auditSubtitle'),
      icon: AuditIcon,
      page: lazyPage(() => import('./admin-audit-page.js'), 'AdminAuditPage'),
    },
  ],
};
