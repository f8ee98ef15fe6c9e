import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import type { Settings } from '../kernel/config.js';
import type { Database } from '../kernel/db/database.js';
import type { Logger } from '../kernel/logging.js';
import { installErrorMapper } from './error-mapper.js';
import { installHttpMetrics } from './http-metrics.js';
import { installStaticWeb } from './static-web.js';
import { installZodValidation, transformZodSchemaForOpenApi } from './zod-validation.js';

export interface HttpAppDeps {
  settings: Settings;
  logger: Logger;
  database: Database;
  metrics: Registry;
}

/** The Fastify app with everything modules rely on: validation, errors, OpenAPI, metrics, health. */
export async function buildHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.settings.bodyLimitBytes,
    trustProxy: deps.settings.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Our own one-line-per-request log below replaces Fastify's two lines per request.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance;

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/api/') || reply.statusCode >= 500) {
      request.log.info(
        {
          method: request.method,
          url: request.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    }
  });
  installZodValidation(app);
  installErrorMapper(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Switchyard API',
        version: '0.1.0',
        description: 'Console, admin and agent API of Switchyard.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: transformZodSchemaForOpenApi,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const isReady = await deps.database.isReachable();
    return reply.status(isReady ? 200 : 503).send({ status: isReady ? 'ready' : 'database_unreachable' });
  });
  installHttpMetrics(app, deps.metrics);
  return app;
}

/** Called after every module registered its routes: the console and the JSON 404 go last. */
export async function finishHttpApp(
  app: FastifyInstance,
  options: { webDir: string | undefined },
): Promise<void> {
  await installStaticWeb(app, options.webDir);
  await app.ready();
}
