import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Identity } from '../identity/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Settings } from '../kernel/config.js';
import type { Database } from '../kernel/db/database.js';
import type { Migration } from '../kernel/db/migrations.js';
import type { Logger } from '../kernel/logging.js';
import type { SecretBox } from '../kernel/secrets/secret-box.js';

/**
 * Services modules offer each other. Each module adds its own entry by declaration merging:
 * `declare module '../platform/platform-context.js' { interface PlatformServices { gateway: GatewayService } }`
 * and sets it in `start`. Modules start in the order of platform-modules.ts.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module.
export interface PlatformServices {}

export interface PlatformContext {
  settings: Settings;
  database: Database;
  clock: Clock;
  secretBox: SecretBox;
  logger: Logger;
  app: FastifyInstance;
  identity: Identity;
  metrics: Registry;
  services: PlatformServices;
  /** Runs on shutdown, in reverse order of registration, before the database closes. */
  onClose(handler: () => Promise<void> | void): void;
  /** Runs once the HTTP server listens, with its base URL (e.g. to start the built-in agent). */
  onListen(handler: (baseUrl: string) => Promise<void> | void): void;
}

/** A pillar: its tables (migrations) and what it starts (services, routes, background work). */
export interface PlatformModule {
  name: string;
  migrations: Migration[];
  start(context: PlatformContext): Promise<void> | void;
}
