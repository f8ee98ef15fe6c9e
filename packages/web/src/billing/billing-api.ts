import type { ApiClient } from '../api/api-client.js';

export const priceBuckets = ['input', 'cache_read', 'cache_write', 'output'] as const;
export type PriceBucket = (typeof priceBuckets)[number];

/** A row of GET /api/admin/pricing/models: micro-units of `currency` per 1M tokens. */
export interface ModelPrice {
  model: string;
  currency: string;
  input: number | null;
  cache_read: number | null;
  cache_write: number | null;
  output: number | null;
  reasoning: number | null;
  is_active: boolean;
  is_complete: boolean;
  source: 'custom' | 'default';
  updated_at: string;
}

export interface ModelPriceUpsert {
  currency: string;
  input: number | null;
  cache_read: number | null;
  cache_write: number | null;
  output: number | null;
  reasoning: number | null;
  is_active: boolean;
}

export interface PriceAlias {
  alias: string;
  model: string;
}

export interface Balance {
  balance_micros: number;
  reserved_micros: number;
  used_micros: number;
  /** true: requests beyond the balance are refused (402); false: never funded, usage only counted. */
  limited: boolean;
}

export interface UsageTotals {
  requests: number;
  input: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning: number;
  cost_micros: number;
  pricing_missing_requests: number;
}

export type Granularity = 'day' | 'month';

export interface UsageSummary {
  granularity: Granularity;
  from: string;
  to: string;
  totals: UsageTotals;
  periods: Array<UsageTotals & { period: string }>;
  models: Array<UsageTotals & { model: string }>;
}

export interface UsageSummaryQuery {
  granularity: Granularity;
  /** `YYYY-MM-DD`, inclusive on both ends (the server counts `to` to the end of its day). */
  from?: string;
  to?: string;
  model?: string;
  key_id?: string;
  user_id?: string;
}

const modelPath = (model: string) => `/api/admin/pricing/models/${encodeURIComponent(model)}`;
const balancePath = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}/balance`;

/** Typed calls for server billing/billing-routes.ts. */
export function createBillingApi(client: ApiClient) {
  return {
    listPrices: () => client.request<{ items: ModelPrice[] }>({ path: '/api/admin/pricing/models' }),
    upsertPrice: (model: string, body: ModelPriceUpsert) =>
      client.request<ModelPrice>({ method: 'PUT', path: modelPath(model), body }),
    deletePrice: (model: string) => client.request<void>({ method: 'DELETE', path: modelPath(model) }),
    listAliases: () => client.request<{ items: PriceAlias[] }>({ path: '/api/admin/pricing/aliases' }),
    addAlias: (body: PriceAlias) =>
      client.request<PriceAlias>({ method: 'POST', path: '/api/admin/pricing/aliases', body }),
    myBalance: () => client.request<Balance>({ path: '/api/billing/balance' }),
    userBalance: (userId: string) => client.request<Balance>({ path: balancePath(userId) }),
    adjustBalance: (userId: string, body: { delta_micros: number; note?: string }) =>
      client.request<Balance>({ method: 'POST', path: balancePath(userId), body }),
    setBalance: (userId: string, body: { balance_micros: number; limited?: boolean; note?: string }) =>
      client.request<Balance>({ method: 'PUT', path: balancePath(userId), body }),
    summary: (scope: 'all' | 'own', query: UsageSummaryQuery) =>
      client.request<UsageSummary>({
        path: scope === 'all' ? '/api/admin/billing/summary' : '/api/billing/summary',
        query: { ...query, user_id: scope === 'all' ? query.user_id : undefined },
      }),
  };
}

export type BillingApi = ReturnType<typeof createBillingApi>;
