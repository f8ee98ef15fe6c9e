import { z } from 'zod';

/** What the benchmark needs from a fresh Switchyard: one key that reaches llm-sim through one channel. */
export interface SwitchyardFixture {
  apiKey: string;
  userId: string;
  freeModel: string;
  pricedModel: string;
  balanceMicros: number;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const loginSchema = z.object({ access_token: z.string(), user: z.object({ id: z.string() }) });
const keySchema = z.object({ key: z.string().startsWith('sk-') });
const balanceSchema = z.object({ balance_micros: z.number() });

/**
 * Through the public HTTP API only, as an operator would: log in as the bootstrap admin, add an
 * openai channel pointing at llm-sim that serves a free and a priced model, price the second,
 * top up the admin's balance and create an API key.
 */
export async function provisionSwitchyard(options: {
  baseUrl: string;
  username: string;
  password: string;
  upstreamBaseUrl: string;
}): Promise<SwitchyardFixture> {
  const { baseUrl } = options;
  const login = loginSchema.parse(
    await call(baseUrl, 'POST', '/api/auth/login', {
      body: { username: options.username, password: options.password },
    }),
  );
  const token = login.access_token;
  const freeModel = 'bench-free';
  const pricedModel = 'bench-priced';
  await call(baseUrl, 'POST', '/api/admin/channels', {
    token,
    body: {
      name: 'llm-sim',
      type: 'openai',
      base_url: `${options.upstreamBaseUrl}/v1`,
      keys: ['sk-upstream-bench'],
      models: [freeModel, pricedModel],
    },
  });
  // $1 / $2 per 1M input / output tokens, in micro-units.
  await call(baseUrl, 'PUT', `/api/admin/pricing/models/${pricedModel}`, {
    token,
    body: {
      currency: 'USD',
      input: 1_000_000,
      cache_read: 500_000,
      cache_write: 1_000_000,
      output: 2_000_000,
      is_active: true,
    },
  });
  const balance = balanceSchema.parse(
    await call(baseUrl, 'POST', `/api/admin/users/${login.user.id}/balance`, {
      token,
      body: { delta_micros: 1_000_000_000_000, note: 'gateway benchmark' },
    }),
  );
  const key = keySchema.parse(await call(baseUrl, 'POST', '/api/keys', { token, body: { name: 'bench' } }));
  return {
    apiKey: key.key,
    userId: login.user.id,
    freeModel,
    pricedModel,
    balanceMicros: balance.balance_micros,
  };
}

/** The priced variant must really reserve and settle: read the balance back after the run. */
export async function readUsedMicros(options: {
  baseUrl: string;
  username: string;
  password: string;
}): Promise<{ balance_micros: number; reserved_micros: number; used_micros: number }> {
  const login = loginSchema.parse(
    await call(options.baseUrl, 'POST', '/api/auth/login', {
      body: { username: options.username, password: options.password },
    }),
  );
  return z
    .object({ balance_micros: z.number(), reserved_micros: z.number(), used_micros: z.number() })
    .parse(await call(options.baseUrl, 'GET', '/api/billing/balance', { token: login.access_token }));
}
