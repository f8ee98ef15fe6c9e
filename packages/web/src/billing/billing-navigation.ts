import { lazyPage, type NavigationSection } from '../app/navigation-types.js';
import { messageOf } from '../i18n/message-bundle.js';
import { PriceTagIcon, UsageIcon } from './billing-icons.js';
import { billingMessages } from './billing-messages.js';

/** Every user's own balance and usage. */
export const billingSection: NavigationSection = {
  id: 'billing',
  label: messageOf(billingMessages, 'sectionTitle'),
  isService: true,
  pages: [
    {
      path: '/billing/usage',
      label: messageOf(billingMessages, 'navUsage'),
      description: messageOf(billingMessages, 'usageDescription'),
      icon: UsageIcon,
      page: lazyPage(() => import('./usage-page.js'), 'UsagePage'),
    },
  ],
};

/** Prices and everyone's usage, for administrators. */
export const billingAdminSection: NavigationSection = {
  id: 'billing-admin',
  label: messageOf(billingMessages, 'adminSectionTitle'),
  requiredRole: 'admin',
  pages: [
    {
      path: '/admin/billing/pricing',
      label: messageOf(billingMessages, 'navPricing'),
      description: messageOf(billingMessages, 'pricingDescription'),
      icon: PriceTagIcon,
      page: lazyPage(() => import('./pricing-page.js'), 'PricingPage'),
    },
    {
      path: '/admin/billing/usage',
      label: messageOf(billingMessages, 'navAllUsage'),
      description: messageOf(billingMessages, 'allUsageDescription'),
      icon: UsageIcon,
      page: lazyPage(() => import('./usage-page.js'), 'AdminUsagePage'),
    },
  ],
};
