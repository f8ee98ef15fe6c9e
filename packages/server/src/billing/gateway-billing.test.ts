import OpenAI from 'openai';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness } from '../gateway/gateway-test-harness.js';
import { describeEachDialect } from '../kernel/db/test-database.js';
import { billingModule } from './index.js';

describeEachDialect('gateway billing', (dialect) => {
  let harness: GatewayHarness;
  beforeEach(async () => {
    harness = await startGatewayHarness({ dialect, extraModules: [billingModule] });
    await harness.createChannel({ models: ['gpt-4', 'free-model'] });
  });
  afterEach(async () => {
    await harness.dispose();
  });

  const inject = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    authorization: string,
    payload?: object,
  ) => harness.platform.app.inject({ method, url, headers: { authorization }, payload });
  const topUp = (micros: number) =>
    inject('POST', `/api/admin/users/${harness.user.userId}/balance`, harness.admin.authorization, {
      delta_micros: micros,
    });
  const balance = async () =>
    (await inject('GET', '/api/billing/balance', harness.user.authorization)).json();
  const client = (apiKey = harness.apiKey) =>
    new OpenAI({ apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });

  it('meters, prices and charges a streaming request exactly, and stamps last_used_at (seed 001 task 7.1)', async () => {
    await topUp(1_000_000);
    harness.sim.setModelReply('gpt-4', { text: 'hello there', usage: { input: 100, output: 200 } });
    const stream = await client().chat.completions.create({
      model: 'gpt-4',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('hello there');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({
      model: 'gpt-4',
      usage: { input: 100, output: 200, cache_read: 0, cache_write: 0, reasoning: 0 },
      usage_source: 'reported',
      cost_micros: 15_000,
      pricing_missing: false,
      price: { model: 'gpt-4', input: 30_000_000, output: 60_000_000 },
    });
    expect(await balance()).toEqual({
      balance_micros: 985_000,
      reserved_micros: 0,
      used_micros: 15_000,
      limited: true,
    });
    const keys = (await inject('GET', '/api/keys', harness.user.authorization)).json().items;
    expect(keys[0].last_used_at).not.toBeNull();
  });

  it('answers 402 insufficient_quota through the SDK and changes nothing', async () => {
    await topUp(10);
    const error = await client()
      .chat.completions.create({
        model: 'gpt-4',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 100,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('Insufficient quota');
    expect(harness.sim.requests).toHaveLength(0);
    expect(await balance()).toEqual({
      balance_micros: 10,
      reserved_micros: 0,
      used_micros: 0,
      limited: true,
    });
  });

  it('serves a user no admin has funded, prices the usage and counts it, until an admin funds them', async () => {
    harness.sim.setModelReply('gpt-4', { text: 'ok', usage: { input: 100, output: 200 } });
    expect(await balance()).toEqual({
      balance_micros: 0,
      reserved_micros: 0,
      used_micros: 0,
      limited: false,
    });
    await client().chat.completions.create({ model: 'gpt-4', messages: [{ role: 'user', content: 'hi' }] });
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ model: 'gpt-4', cost_micros: 15_000, pricing_missing: false });
    expect(await balance()).toEqual({
      balance_micros: 0,
      reserved_micros: 0,
      used_micros: 15_000,
      limited: false,
    });
    // Funding makes the balance a limit: 20,000 covers one more request's hold but not two at once.
    await topUp(20_000);
    await client().chat.completions.create({
      model: 'gpt-4',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 200,
    });
    expect(await balance()).toEqual({
      balance_micros: 5_000,
      reserved_micros: 0,
      used_micros: 30_000,
      limited: true,
    });
    const refused = await client()
      .chat.completions.create({
        model: 'gpt-4',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 200,
      })
      .catch((caught: unknown) => caught);
    expect((refused as { status: number }).status).toBe(402);
    // An admin can lift the limit again without losing the balance.
    const lifted = await harness.platform.app.inject({
      method: 'PUT',
      url: `/api/admin/users/${harness.user.userId}/balance`,
      headers: { authorization: harness.admin.authorization },
      payload: { balance_micros: 5_000, limited: false },
    });
    expect(lifted.json()).toEqual({
      balance_micros: 5_000,
      reserved_micros: 0,
      used_micros: 30_000,
      limited: false,
    });
    await client().chat.completions.create({
      model: 'gpt-4',
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 200,
    });
    expect(await balance()).toMatchObject({ balance_micros: 5_000, used_micros: 45_000, limited: false });
  });

  it('shows a request in logs, keys, balance and summary as soon as its response has ended', async () => {
    await topUp(1_000_000);
    harness.sim.setModelReply('gpt-4', { text: 'hello', usage: { input: 100, output: 200 } });
    for (let round = 0; round < 5; round += 1) {
      await client().chat.completions.create({ model: 'gpt-4', messages: [{ role: 'user', content: 'hi' }] });
      // No flush from the test: each read must include the request that was just answered.
      const [logs, keys, own, summary] = await Promise.all([
        inject('GET', '/api/logs', harness.user.authorization),
        inject('GET', '/api/keys', harness.user.authorization),
        inject('GET', '/api/billing/balance', harness.user.authorization),
        inject('GET', '/api/billing/summary', harness.user.authorization),
      ]);
      expect(logs.json().items).toHaveLength(round + 1);
      expect(logs.json().items[0]).toMatchObject({ model: 'gpt-4', cost_micros: 15_000 });
      expect(keys.json().items[0].last_used_at).not.toBeNull();
      expect(own.json()).toMatchObject({ used_micros: 15_000 * (round + 1), reserved_micros: 0 });
      expect(JSON.stringify(summary.json())).toContain(String(15_000 * (round + 1)));
    }
  });

  it('serves unpriced models without a balance and marks them pricing_missing', async () => {
    await client().chat.completions.create({
      model: 'free-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ model: 'free-model', pricing_missing: true, cost_micros: 0 });
  });

  it("enforces a key's own quota_micros set with PATCH /api/keys/:id", async () => {
    await topUp(1_000_000);
    const keys = (await inject('GET', '/api/keys', harness.user.authorization)).json().items;
    const patched = await inject('PATCH', `/api/keys/${keys[0].id}`, harness.user.authorization, {
      quota_micros: 5,
    });
    expect(patched.json()).toMatchObject({ quota_micros: 5, quota_used_micros: 0 });
    const error = await client()
      .chat.completions.create({
        model: 'gpt-4',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 10,
      })
      .catch((caught: unknown) => caught);
    expect((error as { status: number }).status).toBe(402);
    await inject('PATCH', `/api/keys/${keys[0].id}`, harness.user.authorization, { quota_micros: null });
    await expect(
      client().chat.completions.create({
        model: 'gpt-4',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 10,
      }),
    ).resolves.toBeDefined();
  });

  it('never overdraws under 500 concurrent streams, some abandoned mid-stream, and returns reserved to 0', async () => {
    // Each stream holds ~1,500 micros (max_tokens 20 at $60/1M + the prompt) and costs 900: the balance
    // covers about 200 holds at once, so some of the 500 are refused.
    await topUp(300_000);
    harness.sim.setModelReply('gpt-4', { text: 'a b c d e f g h i j', usage: { input: 10, output: 10 } });
    const openai = client();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 500 }, async (_, index) => {
        const controller = new AbortController();
        const stream = await openai.chat.completions.create(
          { model: 'gpt-4', messages: [{ role: 'user', content: 'x' }], max_tokens: 20, stream: true },
          { signal: controller.signal },
        );
        let chunks = 0;
        for await (const _chunk of stream) {
          chunks += 1;
          if (index % 5 === 0 && chunks === 2) controller.abort();
        }
        return chunks;
      }),
    );
    const refused = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && (outcome.reason as { status?: number }).status === 402,
    );
    expect(refused.length).toBeGreaterThan(0);
    await harness.platform.services.gateway.flush();
    const final = await balance();
    expect(final.reserved_micros).toBe(0);
    expect(final.balance_micros).toBeGreaterThanOrEqual(0);
    expect(final.balance_micros + final.used_micros).toBe(300_000);
  });
});

describeEachDialect('gateway billing with SWITCHYARD_BILLING_REQUIRE_BALANCE=true', (dialect) => {
  it('refuses a user no admin has funded with 402 and forwards nothing', async () => {
    const harness = await startGatewayHarness({
      dialect,
      extraModules: [billingModule],
      env: { SWITCHYARD_BILLING_REQUIRE_BALANCE: 'true' },
    });
    try {
      await harness.createChannel({ models: ['gpt-4'] });
      const client = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
      const refused = await client.chat.completions
        .create({ model: 'gpt-4', messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      expect((refused as { status: number }).status).toBe(402);
      expect(harness.sim.requests).toHaveLength(0);
      const own = await harness.platform.app.inject({
        method: 'GET',
        url: '/api/billing/balance',
        headers: { authorization: harness.user.authorization },
      });
      expect(own.json()).toEqual({ balance_micros: 0, reserved_micros: 0, used_micros: 0, limited: true });
    } finally {
      await harness.dispose();
    }
  });
});
