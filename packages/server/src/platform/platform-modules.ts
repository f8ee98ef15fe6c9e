import { billingModule } from '../billing/index.js';
import { fleetModule } from '../fleet/index.js';
import { gatewayModule } from '../gateway/index.js';
import type { PlatformModule } from './platform-context.js';

/**
 * Every pillar module, in start order (a module may use the services of those before it).
 * Identity is not listed: it is the kernel of auth and starts before all of these.
 */
export const platformModules: PlatformModule[] = [gatewayModule, billingModule, fleetModule];
