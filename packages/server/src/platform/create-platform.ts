import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { buildHttpApp, finishHttpApp } from '../http/http-app.js';
import { createIdentity, type Identity, identityMigrations } from '../identity/index.js';
import { type Clock, systemClock } from '../kernel/clock.js';
import type { Settings } from '../kernel/config.js';
import { type Database, openDatabase } from '../kernel/db/database.js';
import { type Migration, runMigrations } from '../kernel/db/migrations.js';
import { createLogger, type Logger } from '../kernel/logging.js';
import { createSecretBox, loadMasterKey } from '../kernel/secrets/secret-box.js';
import type { PlatformContext, PlatformModule, PlatformServices } from './platform-context.js';
import { platformModules } from './platform-modules.js';

export interface Platform {
  app: FastifyInstance;
  database: Database;
  identity: Identity;
  services: PlatformServices;
  settings: Settings;
  logger: Logger;
  /** Starts listening; resolves to the base URL (http://host:port). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  settings: Settings;
  /** An already-open database (tests); otherwise opened from settings.databaseUrl. */
  database?: Database;
  clock?: Clock;
  logger?: Logger;
  modules?: PlatformModule[];
}

const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Every migration of every module, in order: identity first, then the modules'. */
export function collectMigrations(modules: PlatformModule[] = platformModules): Migration[] {
  return [...identityMigrations, ...modules.flatMap((module) => module.migrations)];
}

export async function createPlatform(options: CreatePlatformOptions): Promise<Platform> {
  const { settings } = options;
  const modules = options.modules ?? platformModules;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: settings.logLevel });
  const database = options.database ?? (await openDatabase({ url: settings.databaseUrl }));
  await runMigrations(database, collectMigrations(modules));
  const secretBox = createSecretBox(
    loadMasterKey({ configuredKey: settings.masterKey, dataDir: settings.dataDir }),
  );
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });

  const app = await buildHttpApp({ settings, logger, database, metrics });
  const identity = createIdentity({ database, clock, secretBox, settings });
  identity.registerRoutes(app);
  await identity.users.bootstrapAdmin({ username: settings.adminUsername, password: settings.adminPassword });

  const closeHandlers: Array<() => Promise<void> | void> = [];
  const listenHandlers: Array<(baseUrl: string) => Promise<void> | void> = [];
  const services = {} as PlatformServices;
  const context: PlatformContext = {
    settings,
    database,
    clock,
    secretBox,
    logger,
    app,
    identity,
    metrics,
    services,
    onClose: (handler) => closeHandlers.push(handler),
    onListen: (handler) => listenHandlers.push(handler),
  };
  for (const module of modules) await module.start(context);
  await finishHttpApp(app, { webDir: settings.webDir ?? defaultWebDir });

  let isClosed = false;
  const closeGraceMs = 2_000;
  return {
    app,
    database,
    identity,
    services,
    settings,
    logger,
    async listen() {
      await app.listen({ port: settings.port, host: settings.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : settings.port;
      const baseUrl = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
      for (const handler of listenHandlers) await handler(baseUrl);
      return baseUrl;
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      for (const handler of closeHandlers.reverse()) await handler();
      // Modules have drained their own long work (gateway calls, log streams) above. Keep-alive sockets
      // that are idle close at once; a socket that never sent a request is not "idle" to Node and would
      // hold close() until its headers timeout, so whatever is still open after a short grace is cut.
      const cut = setTimeout(() => app.server.closeAllConnections(), closeGraceMs);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
      }
      await database.close();
    },
  };
}
