import type { PlatformModule } from '../platform/platform-context.js';
import { createApiKeyRateLimiter } from './api-keys/api-key-rate-limiter.js';
import { registerApiKeyRoutes } from './api-keys/api-key-routes.js';
import { createApiKeyService } from './api-keys/api-key-service.js';
import { createApiKeyUsageRecorder } from './api-keys/api-key-usage-recorder.js';
import { createChannelDirectory } from './channels/channel-directory.js';
import { registerChannelRoutes } from './channels/channel-routes.js';
import { createChannelService } from './channels/channel-service.js';
import { createUpstreamModelLister } from './channels/upstream-model-list.js';
import { createGatewayMetrics } from './gateway-metrics.js';
import { gatewayMigrations } from './gateway-migrations.js';
import type { GatewayService } from './gateway-service.js';
import { loadGatewaySettings } from './gateway-settings.js';
import { createExchangeTracker } from './inbound/exchange-tracker.js';
import { registerInboundRoutes } from './inbound/register-inbound-routes.js';
import { createUpstreamHttpClient, type UpstreamHttpClient } from './proxy/upstream-http-client.js';
import { registerRequestLogRoutes } from './request-logs/request-log-routes.js';
import { createRequestLogWriter } from './request-logs/request-log-writer.js';
import { createChannelHealth } from './routing/channel-health.js';
import { createChannelRouter } from './routing/channel-router.js';

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
/** Deterministic randomness for tests of the weighted channel choice. */
export { createSeededRandom } from './routing/pick-weighted-channel.js';

declare module '../platform/platform-context.js' {
  interface PlatformServices {
    gateway: GatewayService;
  }
}

export interface GatewayModuleOptions {
  /** Randomness for the weighted channel choice; tests pass a seeded one. */
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
      const settings = loadGatewaySettings(context.settings.env);
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
      const logWriter = createRequestLogWriter({ db: database.db, logger });
      const health = createChannelHealth({
        clock,
        failuresBeforeCooldown: settings.failuresBeforeCooldown,
        cooldownMs: settings.cooldownMs,
      });
      const router = createChannelRouter({ directory, health, random: options.random ?? Math.random });
      const tracker = createExchangeTracker();
      const writeBatched = () => Promise.all([keyUsage.flush(), logWriter.flush()]);
      const service: GatewayService = {
        channels,
        apiKeys,
        quotaHooks: undefined,
        billing: undefined,
        async flush() {
          await tracker.waitForIdle();
          await writeBatched();
        },
        async catchUp() {
          await tracker.waitForAnswered();
          await writeBatched();
        },
      };
      context.services.gateway = service;
      registerChannelRoutes(context.app, {
        channels,
        modelLister: createUpstreamModelLister({ channels, http, clock }),
        http,
        clock,
        guards: identity.guards,
      });
      registerApiKeyRoutes(context.app, {
        apiKeys,
        guards: identity.guards,
        billing: () => service.billing,
        catchUp: () => service.catchUp(),
      });
      registerRequestLogRoutes(context.app, {
        db: database.db,
        guards: identity.guards,
        billing: () => service.billing,
        catchUp: () => service.catchUp(),
      });
      registerInboundRoutes(context.app, {
        apiKeys,
        limiter: createApiKeyRateLimiter({ clock }),
        keyUsage,
        router,
        failover: {
          router,
          health,
          maxAttempts: settings.maxAttempts,
          autoDisableChannel: (id, reason) => channels.autoDisable(id, reason),
        },
        http,
        logWriter,
        metrics: createGatewayMetrics(context.metrics),
        clock,
        logger,
        directory,
        quotaHooks: () => service.quotaHooks,
        tracker,
      });
      // In-flight streams are not awaited here: a hung one would block shutdown.
      context.onClose(async () => {
        await Promise.all([keyUsage.stop(), logWriter.stop()]);
        if (!options.http) await http.close();
      });
    },
  };
}

export const gatewayModule: PlatformModule = createGatewayModule();
