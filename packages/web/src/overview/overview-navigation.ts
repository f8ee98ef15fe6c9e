import { HomeIcon } from '../app/app-icons.js';
import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { commonMessages } from '../i18n/common-messages.js';
import { messageOf } from '../i18n/message-bundle.js';

export const overviewSection: NavigationSection = {
  id: 'workspace',
  label: messageOf(commonMessages, 'sectionWorkspace'),
  pages: [
    {
      path: '/',
      label: messageOf(commonMessages, 'navOverview'),
      icon: HomeIcon,
      page: lazyPage(() => import('./overview-page.js'), 'OverviewPage'),
    },
  ],
};
