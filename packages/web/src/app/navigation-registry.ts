import { adminSection } from '../admin/admin-navigation.js';
import { billingAdminSection, billingSection } from '../billing/billing-navigation.js';
import { fleetAdminSection, fleetSection } from '../fleet/fleet-navigation.js';
import { gatewayAdminSection, gatewaySection } from '../gateway/gateway-navigation.js';
import { overviewSection } from '../overview/overview-navigation.js';
import { accountSection } from '../profile/profile-navigation.js';
import type { NavigationSection } from './navigation-types.js';

/**
 * Every section of the console, in menu order. The menu and the routes are both built from this
 * list, so a link exists exactly when its page does. A pillar adds its folder `src/<pillar>/`
 * with a `<pillar>-navigation.ts` exporting a NavigationSection (and its `<pillar>-messages.ts`),
 * then appends that section here, after the ones it builds on.
 */
export const navigationSections: readonly NavigationSection[] = [
  overviewSection,
  // Pillars go here, e.g. gatewaySection, relaySection, fleetSection, oiSection.
  gatewaySection,
  billingSection,
  fleetSection,
  accountSection,
  adminSection,
  gatewayAdminSection,
  billingAdminSection,
  fleetAdminSection,
];
