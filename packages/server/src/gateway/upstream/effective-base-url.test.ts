import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayHarness, startGatewayHarness } from '../gateway-test-harness.js';
import { effectiveBaseUrl } from './effective-base-url.js';

describe(effectiveBaseUrl.name, () => {
  it('gives a bare host the OpenAI-style /v1 and keeps any path given', () => {
    expect(effectiveBaseUrl('openai', 'https://api.openai.com')).toBe('https://api.openai.com/v1');
    expect(effectiveBaseUrl('openai', 'https://api.openai.com/')).toBe('https://api.openai.com/v1');
    expect(effectiveBaseUrl('openai', 'https://api.openai.com/v1')).toBe('https://api.openai.com/v1');
    expect(effectiveBaseUrl('openai-compatible', 'https://open.bigmodel.cn/api/paas/v4')).toBe(
      'https://open.bigmodel.cn/api/paas/v4',
    );
    expect(effectiveBaseUrl('openai-compatible', 'http://10.0.0.5:8000')).toBe('http://10.0.0.5:8000/v1');
  });

  it('drops the version the Anthropic and Gemini adapters add themselves', () => {
    expect(effectiveBaseUrl('anthropic', 'https://api.anthropic.com/v1')).toBe('https://api.anthropic.com');
    expect(effectiveBaseUrl('anthropic', 'https://api.anthropic.com')).toBe('https://api.anthropic.com');
    expect(effectiveBaseUrl('gemini', 'https://generativelanguage.googleapis.com/v1beta/')).toBe(
      'https://generativelanguage.googleapis.com',
    );
    expect(effectiveBaseUrl('gemini', 'https://proxy.example/google')).toBe('https://proxy.example/google');
  });
});

describe('channels with either base URL convention', () => {
  let harness: GatewayHarness | undefined;
  afterEach(async () => {
    await harness?.dispose();
    harness = undefined;
  });

  it('reaches the upstream whether or not the base URL carries the version', async () => {
    harness = await startGatewayHarness({ dialect: 'sqlite' });
    await harness.createChannel({ name: 'bare', base_url: harness.sim.url, models: ['bare-model'] });
    await harness.createChannel({
      name: 'anthropic-v1',
      type: 'anthropic',
      base_url: `${harness.sim.url}/v1`,
      models: ['claude-model'],
    });
    const openai = new OpenAI({ apiKey: harness.apiKey, baseURL: `${harness.baseUrl}/v1`, maxRetries: 0 });
    const chat = await openai.chat.completions.create({
      model: 'bare-model',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.choices[0]?.message.content).toBeTruthy();
    const anthropic = new Anthropic({ apiKey: harness.apiKey, baseURL: harness.baseUrl, maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'claude-model',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content[0]?.type).toBe('text');
    expect(harness.sim.requests.map((request) => request.path)).toEqual([
      '/v1/chat/completions',
      '/v1/messages',
    ]);
  });
});
