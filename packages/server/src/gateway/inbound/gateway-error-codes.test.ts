import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createManualClock } from '../../kernel/clock.js';
import { describeEachDialect } from '../../kernel/db/test-database.js';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';

// Each error the gateway itself answers, provoked and read back through the SDK's own error types.
describeEachDialect('gateway error codes through the official SDKs', (dialect) => {
  let harness: GatewayHarness;
  const openai = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
  const anthropic = (apiKey: string) => new Anthropic({ apiKey, baseURL: harness.baseUrl, maxRetries: 0 });
  const gemini = (apiKey: string) => new GoogleGenAI({ apiKey, httpOptions: { baseUrl: harness.baseUrl } });
  const chat = (apiKey: string, model = 'gpt-4o-mini') =>
    openai(apiKey).chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  beforeAll(async () => {
    // A clock that stands still keeps both rpm requests inside one one-minute window.
    harness = await startGatewayHarness({ dialect, clock: createManualClock() });
    await harness.createChannel({ models: ['gpt-4o-mini', 'claude-house', 'gemini-2.5-flash'] });
  });
  beforeEach(() => harness.sim.reset());
  afterAll(async () => {
    await harness.dispose();
  });

  it('answers an unknown key with 401 in each dialect', async () => {
    await expect(chat('sk-nope')).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(
      anthropic('sk-nope').messages.create({
        model: 'claude-house',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    const geminiError = await gemini('sk-nope')
      .models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' })
      .catch((error) => error);
    expect(geminiError).toBeInstanceOf(ApiError);
    expect(geminiError.status).toBe(401);
  });

  it('answers an expired key with 401 Token has expired', async () => {
    const expired = await harness.createApiKey({ expires_at: '2000-01-01T00:00:00Z' });
    const error = await chat(expired).catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error.error).toMatchObject({ message: 'Token has expired', code: 'token_expired' });
    const anthropicError = await anthropic(expired)
      .messages.create({ model: 'claude-house', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught) => caught);
    expect(anthropicError.error).toMatchObject({
      type: 'error',
      error: { type: 'authentication_error', message: 'Token has expired' },
    });
  });

  it('answers a model outside the allow-list with 403', async () => {
    const limited = await harness.createApiKey({ models: ['gpt-4o-mini'] });
    await expect(chat(limited, 'claude-house')).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it('answers a caller outside the CIDR allow-list with 403', async () => {
    const fenced = await harness.createApiKey({ allow_cidrs: ['10.0.0.0/8'] });
    const error = await chat(fenced).catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.error.code).toBe('ip_not_allowed');
  });

  it('answers a model no channel serves with 404 model_not_found', async () => {
    const error = await chat(harness.apiKey, 'no-such-model').catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.error.code).toBe('model_not_found');
    await expect(
      anthropic(harness.apiKey).messages.create({
        model: 'no-such-model',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('answers the request over rpm with 429 and Retry-After', async () => {
    const slow = await harness.createApiKey({ rpm: 1 });
    await chat(slow);
    const error = await chat(slow).catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(Number(error.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('passes an upstream 400 through as the caller error it is', async () => {
    harness.sim.enqueueReply({ fault: { status: 400, message: 'bad temperature' } });
    const error = await chat(harness.apiKey).catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.message).toContain('bad temperature');
    const [log] = await harness.listLogs();
    expect(log).toMatchObject({ status: 400, error_code: 'upstream_error' });
  });

  it('answers a body that is not JSON with 400 in the caller dialect', async () => {
    const response = await fetch(`${harness.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': harness.apiKey, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(response.headers.get('x-switchyard-overhead-ms')).toMatch(/^\d+\.\d{3}$/);
  });

  it('lists only the models the key may use', async () => {
    const limited = await harness.createApiKey({ models: ['gpt-4o-mini'] });
    const page = await openai(limited).models.list();
    expect(page.data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
  });
});
