import { UserIcon } from '../app/app-icons.js';
import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { commonMessages } from '../i18n/common-messages.js';
import { messageOf } from '../i18n/message-bundle.js';

export const accountSection: NavigationSection = {
  id: 'account',
  label: messageOf(commonMessages, 'sectionAccount'),
  pages: [
    {
      path: '/profile',
      label: messageOf(commonMessages, 'navProfile'),
      icon: UserIcon,
      page: lazyPage(() => import('./profile-page.js'), 'ProfilePage'),
    },
  ],
};
