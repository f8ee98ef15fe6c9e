import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../kernel/db/test-database.js';
import { createTestPlatform, type TestPlatform } from '../platform/test-platform.js';

describeEachDialect('billing routes', (dialect) => {
  let platform: TestPlatform;
  let admin: { authorization: string; userId: string };
  beforeEach(async () => {
    platform = await createTestPlatform({ dialect });
    admin = await platform.login('root');
  });
  afterEach(async () => {
    await platform.dispose();
  });

  const request = (
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    authorization = admin.authorization,
  ) => platform.app.inject({ method, url, payload, headers: { authorization } });

  it('upserts a price with integer micro-units and lists it before the defaults', async () => {
    const saved = await request('PUT', '/api/admin/pricing/models/house-model', {
      currency: 'USD',
      input: 30_000_000,
      cache_read: 15_000_000,
      cache_write: 30_000_000,
      output: 60_000_000,
      is_active: true,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      model: 'house-model',
      input: 30_000_000,
      is_active: true,
      source: 'custom',
    });
    const list = (await request('GET', '/api/admin/pricing/models')).json();
    expect(list.items.find((item: { model: string }) => item.model === 'house-model')).toMatchObject({
      source: 'custom',
    });
    expect(list.items.find((item: { model: string }) => item.model === 'gpt-4o')).toMatchObject({
      source: 'default',
      is_active: true,
    });
  });

  it('lists for users only the active, fully priced models an enabled channel serves', async () => {
    const channel = await request('POST', '/api/admin/channels', {
      name: 'served',
      type: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
      keys: ['sk-x'],
      models: ['gpt-4o', 'house-model', 'paused-model', 'half-model', 'unpriced-model'],
    });
    expect(channel.statusCode).toBe(201);
    const price = { currency: 'USD', input: 1, cache_read: 1, cache_write: 1, output: 2 };
    await request('PUT', '/api/admin/pricing/models/house-model', { ...price, is_active: true });
    await request('PUT', '/api/admin/pricing/models/paused-model', { ...price, is_active: false });
    await request('PUT', '/api/admin/pricing/models/half-model', {
      currency: 'USD',
      input: 1,
      output: 2,
      is_active: false,
    });
    await request('PUT', '/api/admin/pricing/models/unserved-model', { ...price, is_active: true });
    const user = await platform.login('bob');
    const models = (await request('GET', '/api/models', undefined, user.authorization)).json();
    expect(models.items.map((item: { model: string }) => item.model).sort()).toEqual([
      'gpt-4o',
      'house-model',
    ]);
    expect(models.items.find((item: { model: string }) => item.model === 'gpt-4o')).toMatchObject({
      source: 'default',
      input: expect.any(Number),
    });
  });

  it('refuses to activate a model without every price: 400 pricing_incomplete, nothing stored', async () => {
    const response = await request('PUT', '/api/admin/pricing/models/half', {
      currency: 'USD',
      input: 1,
      output: 2,
      is_active: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'pricing_incomplete',
      details: { missing: ['cache_read', 'cache_write'] },
    });
    const list = (await request('GET', '/api/admin/pricing/models')).json();
    expect(list.items.some((item: { model: string }) => item.model === 'half')).toBe(false);
  });

  it('rejects fractional and negative prices with the offending field', async () => {
    const fractional = await request('PUT', '/api/admin/pricing/models/x', {
      input: 1.5,
      output: 1,
      cache_read: 1,
      cache_write: 1,
    });
    expect(fractional.json().error.details.fields).toHaveProperty('input');
    const negative = await request('PUT', '/api/admin/pricing/models/x', {
      input: -1,
      output: 1,
      cache_read: 1,
      cache_write: 1,
    });
    expect(negative.statusCode).toBe(400);
  });

  it('tops up a balance, audits it, and shows it to the user', async () => {
    const alice = await platform.login('alice');
    const topUp = await request('POST', `/api/admin/users/${alice.userId}/balance`, {
      delta_micros: 5_000_000,
    });
    expect(topUp.json()).toEqual({
      balance_micros: 5_000_000,
      reserved_micros: 0,
      used_micros: 0,
      limited: true,
    });
    const own = await request('GET', '/api/billing/balance', undefined, alice.authorization);
    expect(own.json()).toEqual({
      balance_micros: 5_000_000,
      reserved_micros: 0,
      used_micros: 0,
      limited: true,
    });
    const overdraw = await request('POST', `/api/admin/users/${alice.userId}/balance`, {
      delta_micros: -6_000_000,
    });
    expect(overdraw.json().error.code).toBe('balance_negative');
    const audit = await platform.identity.audit.list({ action: 'billing.top_up', page: 1, pageSize: 5 });
    expect(audit.items[0]).toMatchObject({ actor_id: admin.userId, target_id: alice.userId });
  });

  it('keeps pricing and balances admin-only', async () => {
    const alice = await platform.login('alice');
    expect(
      (await request('PUT', '/api/admin/pricing/models/x', { input: 1 }, alice.authorization)).statusCode,
    ).toBe(403);
    expect(
      (
        await request(
          'POST',
          `/api/admin/users/${alice.userId}/balance`,
          { delta_micros: 1 },
          alice.authorization,
        )
      ).statusCode,
    ).toBe(403);
  });

  it('summarises usage per day and model for the caller only', async () => {
    const alice = await platform.login('alice');
    const billing = platform.services.billing;
    await billing.balances.adjust({
      userId: alice.userId,
      deltaMicros: 1_000_000,
      actor: { id: null, username: 't', ip: null },
    });
    const reservation = await billing.quota.reserve({
      userId: alice.userId,
      keyId: null,
      model: 'gpt-4',
      maxInputTokens: 100,
      maxOutputTokens: 200,
    });
    await billing.quota.settle(reservation, {
      usage: { input: 100, cache_read: 0, cache_write: 0, output: 200, reasoning: 0 },
      usageSource: 'reported',
      requestId: 'req_1',
    });
    const summary = (
      await request('GET', '/api/billing/summary?granularity=month', undefined, alice.authorization)
    ).json();
    expect(summary.totals).toMatchObject({ requests: 1, input: 100, output: 200, cost_micros: 15_000 });
    expect(summary.models[0]).toMatchObject({ model: 'gpt-4', cost_micros: 15_000 });
    const adminView = (await request('GET', `/api/admin/billing/summary?user_id=${admin.userId}`)).json();
    expect(adminView.totals.requests).toBe(0);
    const badRange = await request(
      'GET',
      '/api/billing/summary?from=2026-02-01&to=2026-01-01',
      undefined,
      alice.authorization,
    );
    expect(badRange.statusCode).toBe(400);
  });
});

it('refuses to start with a malformed billing setting, naming the variable', async () => {
  await expect(
    createTestPlatform({ env: { SWITCHYARD_BILLING_DEFAULT_MAX_OUTPUT_TOKENS: 'lots' } }),
  ).rejects.toThrow(/SWITCHYARD_BILLING_DEFAULT_MAX_OUTPUT_TOKENS/);
});
