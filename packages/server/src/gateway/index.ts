import type { PlatformModule } from '../platform/platform-context.js';
import { registerApiKeyRoutes } from './api-keys/api-key-routes.js';
import { createApiKeyService } from './api-keys/api-key-service.js';
import { createApiKeyUsageRecorder } from './api-keys/api-key-usage-recorder.js';
import { createChannelDirectory } from './channels/channel-directory.js';
import { registerChannelRoutes } from './channels/channel-routes.js';
import { createChannelService } from './channels/channel-service.js';
import { createUpstreamModelLister } from './channels/upstream-model-list.js';
import { gatewayMigrations } from './gateway-migrations.js';
import type { GatewayService } from './gateway-service.js';
import { createUpstreamHttpClient, type UpstreamHttpClient } from './proxy/upstream-http-client.js';

export type { ApiKeyPrincipal } from './api-keys/api-key-service.js';
export { gatewayMigrations } from './gateway-migrations.js';
export type {
  GatewayService,
  QuotaHooks,
  QuotaReservationContext,
  QuotaSettlement,
  UsageBuckets,
  UsageSource,
} from './gateway-service.js';

declare module '../platform/platform-context.js' {
  interface PlatformServices {
    gateway: GatewayService;
  }
}

export interface GatewayModuleOptions {
  /** Randomness for weighted channel choice; tests pass a seeded one. */
  random?: () => number;
  http?: UpstreamHttpClient;
}

/** The gateway pillar: channels, API keys, inbound LLM endpoints, routing, metering and request logs. */
export function createGatewayModule(options: GatewayModuleOptions = {}): PlatformModule {
  return {
    name: 'gateway',
    migrations: gatewayMigrations,
    start(context) {
      const { database, clock, secretBox, identity, logger } = context;
      const http = options.http ?? createUpstreamHttpClient();
      const directory = createChannelDirectory({ db: database.db, secretBox, clock });
      const channels = createChannelService({ database, clock, secretBox, audit: identity.audit, directory });
      const apiKeys = createApiKeyService({
        database,
        clock,
        secretBox,
        audit: identity.audit,
        users: identity.users,
      });
      const keyUsage = createApiKeyUsageRecorder({ db: database.db, clock, logger });
      const modelLister = createUpstreamModelLister({ channels, http, clock });
      const service: GatewayService = {
        channels,
        apiKeys,
        quotaHooks: undefined,
        async flush() {
          await keyUsage.flush();
        },
      };
      context.services.gateway = service;
      registerChannelRoutes(context.app, { channels, modelLister, http, clock, guards: identity.guards });
      registerApiKeyRoutes(context.app, { apiKeys, guards: identity.guards });
      context.onClose(async () => {
        await keyUsage.stop();
        if (!options.http) await http.close();
      });
    },
  };
}

export const gatewayModule: PlatformModule = createGatewayModule();
