import type { FastifyInstance } from 'fastify';
import { validated } from '../http/zod-validation.js';
import { type AuthGuards, auditActorOf, principalOf } from '../identity/index.js';
import type { AnyKysely } from '../kernel/db/database.js';
import { invalidRequest } from '../kernel/errors.js';
import {
  adminSummaryQuerySchema,
  aliasSchema,
  balanceDeltaSchema,
  balanceSchema,
  balanceSetSchema,
  modelParamsSchema,
  modelPriceUpsertSchema,
  type SummaryQuery,
  summaryQuerySchema,
  userParamsSchema,
} from './billing-schemas.js';
import type { PricingService } from './pricing-service.js';
import type { BalanceService } from './quota/balance-service.js';
import { summariseUsage } from './usage/usage-summary.js';

export interface BillingRouteDeps {
  db: AnyKysely;
  /** Settles answered requests and writes batched usage records, so a read includes what just finished. */
  flushUsage: () => Promise<void>;
  pricing: PricingService;
  balances: BalanceService;
  guards: AuthGuards;
  nowMs: () => number;
  /** Models some enabled channel serves (from the gateway). */
  listServedModels: () => Promise<Set<string>>;
}

const dayMs = 86_400_000;

function resolveRange(query: SummaryQuery, nowMs: number): { fromMs: number; toMs: number } {
  const parse = (value: string, isEnd: boolean) => {
    const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    return value.length === 10 && isEnd ? ms + dayMs : ms;
  };
  const toMs = query.to ? parse(query.to, true) : nowMs + 1;
  const fromMs = query.from ? parse(query.from, false) : Math.floor((nowMs - 30 * dayMs) / dayMs) * dayMs;
  if (fromMs >= toMs)
    throw invalidRequest('from must be before to', { fields: { from: 'must be before to' } });
  if (toMs - fromMs > 3_660 * dayMs) throw invalidRequest('the range may span at most 10 years');
  return { fromMs, toMs };
}

export function registerBillingRoutes(app: FastifyInstance, deps: BillingRouteDeps): void {
  const { pricing, balances, guards } = deps;
  const admin = { preHandler: guards.requireAdmin };
  const user = { preHandler: guards.requireUser };
  const adminTags = ['billing-admin'];
  const tags = ['billing'];

  app.get(
    '/api/admin/pricing/models',
    { ...admin, schema: { tags: adminTags, summary: 'Prices: admin-set rows and the default table' } },
    async () => ({
      items: await pricing.list(),
    }),
  );
  app.put(
    '/api/admin/pricing/models/:model',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: 'Set the prices of a model (micro-units per 1M tokens)',
        params: modelParamsSchema,
        body: modelPriceUpsertSchema,
      },
    },
    async (request) =>
      pricing.upsert(
        validated(modelParamsSchema, request.params).model,
        validated(modelPriceUpsertSchema, request.body),
        auditActorOf(request),
      ),
  );
  app.delete(
    '/api/admin/pricing/models/:model',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: 'Remove an admin price (the default, if any, applies again)',
        params: modelParamsSchema,
      },
    },
    async (request, reply) => {
      await pricing.remove(validated(modelParamsSchema, request.params).model, auditActorOf(request));
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/admin/pricing/aliases',
    { ...admin, schema: { tags: adminTags, summary: 'Price aliases' } },
    async () => ({ items: await pricing.listAliases() }),
  );
  app.post(
    '/api/admin/pricing/aliases',
    { ...admin, schema: { tags: adminTags, summary: 'Bill one model name as another', body: aliasSchema } },
    async (request, reply) => {
      const body = validated(aliasSchema, request.body);
      return reply.status(201).send(await pricing.setAlias(body.alias, body.model, auditActorOf(request)));
    },
  );
  app.get(
    '/api/models',
    {
      ...user,
      schema: { tags, summary: 'Models you can use: active, fully priced and served by an enabled channel' },
    },
    async () => {
      const served = await deps.listServedModels();
      const items = (await pricing.list()).filter(
        (price) => price.is_active && price.is_complete && served.has(price.model),
      );
      return { items };
    },
  );

  app.get(
    '/api/admin/users/:id/balance',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: "A user's balance",
        params: userParamsSchema,
        response: { 200: balanceSchema },
      },
    },
    async (request) => {
      const userId = validated(userParamsSchema, request.params).id;
      await deps.flushUsage();
      return balances.getBalance(userId);
    },
  );
  app.post(
    '/api/admin/users/:id/balance',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: 'Top up (positive) or deduct (negative) a balance',
        params: userParamsSchema,
        body: balanceDeltaSchema,
        response: { 200: balanceSchema },
      },
    },
    async (request) => {
      const body = validated(balanceDeltaSchema, request.body);
      return balances.adjust({
        userId: validated(userParamsSchema, request.params).id,
        deltaMicros: body.delta_micros,
        note: body.note,
        actor: auditActorOf(request),
      });
    },
  );
  app.put(
    '/api/admin/users/:id/balance',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: 'Set a balance to an exact amount',
        params: userParamsSchema,
        body: balanceSetSchema,
        response: { 200: balanceSchema },
      },
    },
    async (request) => {
      const body = validated(balanceSetSchema, request.body);
      return balances.setBalance({
        userId: validated(userParamsSchema, request.params).id,
        balanceMicros: body.balance_micros,
        limited: body.limited,
        note: body.note,
        actor: auditActorOf(request),
      });
    },
  );
  app.get(
    '/api/billing/balance',
    {
      ...user,
      schema: { tags, summary: 'My balance, held reservations and spend', response: { 200: balanceSchema } },
    },
    async (request) => {
      await deps.flushUsage();
      return balances.getBalance(principalOf(request).userId);
    },
  );
  app.get(
    '/api/billing/summary',
    {
      ...user,
      schema: {
        tags,
        summary: 'My usage and cost per day or month and per model',
        querystring: summaryQuerySchema,
      },
    },
    async (request) => {
      const query = validated(summaryQuerySchema, request.query);
      await deps.flushUsage();
      return summariseUsage(deps.db, {
        ...resolveRange(query, deps.nowMs()),
        userId: principalOf(request).userId,
        keyId: query.key_id,
        model: query.model,
        granularity: query.granularity,
      });
    },
  );
  app.get(
    '/api/admin/billing/summary',
    {
      ...admin,
      schema: {
        tags: adminTags,
        summary: 'Usage and cost filtered by user, model, key and time',
        querystring: adminSummaryQuerySchema,
      },
    },
    async (request) => {
      const query = validated(adminSummaryQuerySchema, request.query);
      await deps.flushUsage();
      return summariseUsage(deps.db, {
        ...resolveRange(query, deps.nowMs()),
        userId: query.user_id,
        keyId: query.key_id,
        model: query.model,
        granularity: query.granularity,
      });
    },
  );
}
