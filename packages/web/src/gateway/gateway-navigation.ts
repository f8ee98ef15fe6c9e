import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { messageOf } from '../i18n/message-bundle.js';
import { ChannelIcon, KeyIcon, RequestLogIcon } from './gateway-icons.js';
import { gatewayMessages } from './gateway-messages.js';

/** What every user has: their keys and their own requests. */
export const gatewaySection: NavigationSection = {
  id: 'gateway',
  label: messageOf(gatewayMessages, 'sectionTitle'),
  isService: true,
  pages: [
    {
      path: '/gateway/keys',
      label: messageOf(gatewayMessages, 'navKeys'),
      description: messageOf(gatewayMessages, 'keysDescription'),
      icon: KeyIcon,
      page: lazyPage(() => import('./api-keys-page.js'), 'ApiKeysPage'),
    },
    {
      path: '/gateway/requests',
      label: messageOf(gatewayMessages, 'navMyRequests'),
      description: messageOf(gatewayMessages, 'myRequestsDescription'),
      icon: RequestLogIcon,
      page: lazyPage(() => import('./request-logs-page.js'), 'MyRequestsPage'),
    },
  ],
};

/** Channels and everyone's request logs, for administrators. */
export const gatewayAdminSection: NavigationSection = {
  id: 'gateway-admin',
  label: messageOf(gatewayMessages, 'adminSectionTitle'),
  requiredRole: 'admin',
  pages: [
    {
      path: '/admin/gateway/channels',
      label: messageOf(gatewayMessages, 'navChannels'),
      description: messageOf(gatewayMessages, 'channelsDescription'),
      icon: ChannelIcon,
      page: lazyPage(() => import('./channels-page.js'), 'ChannelsPage'),
    },
    {
      path: '/admin/gateway/logs',
      label: messageOf(gatewayMessages, 'navLogs'),
      description: messageOf(gatewayMessages, 'logsDescription'),
      icon: RequestLogIcon,
      page: lazyPage(() => import('./request-logs-page.js'), 'AdminRequestLogsPage'),
    },
  ],
};
