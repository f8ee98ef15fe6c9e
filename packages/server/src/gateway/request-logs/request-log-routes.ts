import type { FastifyInstance } from 'fastify';
import { validated } from '../../http/zod-validation.js';
import { type AuthGuards, principalOf } from '../../identity/index.js';
import type { AnyKysely } from '../../kernel/db/database.js';
import type { GatewayBillingLink } from '../gateway-service.js';
import { presentRequestLog } from './request-log-presenter.js';
import {
  type AdminRequestLogQuery,
  adminRequestLogQuerySchema,
  ownRequestLogQuerySchema,
} from './request-log-schemas.js';
import { listRequestLogs } from './request-log-store.js';

async function listPage(db: AnyKysely, query: AdminRequestLogQuery, billing: GatewayBillingLink | undefined) {
  // One extra row tells whether an older page exists, without a COUNT.
  const rows = await listRequestLogs(db, {
    limit: query.limit + 1,
    cursor: query.cursor,
    userId: query.user_id,
    keyId: query.key_id,
    channelId: query.channel_id,
    model: query.model,
    status: query.status,
  });
  const presented = rows.slice(0, query.limit).map(presentRequestLog);
  const charges = billing ? await billing.describeCharges(presented.map((item) => item.id)) : undefined;
  // Billing settles after the log row is queued; a request without a charge record yet shows none.
  const items = charges ? presented.map((item) => ({ ...item, ...(charges.get(item.id) ?? {}) })) : presented;
  return { items, next_cursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

export function registerRequestLogRoutes(
  app: FastifyInstance,
  deps: {
    db: AnyKysely;
    guards: AuthGuards;
    billing: () => GatewayBillingLink | undefined;
    /** Waits for requests already answered to be logged (see GatewayService.catchUp). */
    catchUp: () => Promise<void>;
  },
) {
  app.get(
    '/api/admin/logs',
    {
      preHandler: deps.guards.requireAdmin,
      schema: {
        tags: ['gateway-admin'],
        summary: 'Gateway request logs, newest first',
        querystring: adminRequestLogQuerySchema,
      },
    },
    async (request) => {
      const query = validated(adminRequestLogQuerySchema, request.query);
      await deps.catchUp();
      return listPage(deps.db, query, deps.billing());
    },
  );
  app.get(
    '/api/logs',
    {
      preHandler: deps.guards.requireUser,
      schema: {
        tags: ['gateway'],
        summary: 'My gateway request logs, newest first',
        querystring: ownRequestLogQuerySchema,
      },
    },
    async (request) => {
      const query = validated(ownRequestLogQuerySchema, request.query);
      await deps.catchUp();
      return listPage(deps.db, { ...query, user_id: principalOf(request).userId }, deps.billing());
    },
  );
}
