import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LlmSim, startLlmSim } from './llm-sim-server.js';

let sim: LlmSim;

function createClient(apiKey: string): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: sim.url } });
}

beforeAll(async () => {
  sim = await startLlmSim({ apiKeys: ['g-good'] });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('gemini generateContent', () => {
  it('returns text with thoughts counted apart from candidates and cached tokens inside the prompt', async () => {
    sim.enqueueReply({ text: 'Hello', usage: { input: 6, cache_read: 4, output: 12, reasoning: 10 } });
    const response = await createClient('g-good').models.generateContent({
      model: 'gemini-test',
      contents: 'hi',
    });
    expect(response.text).toBe('Hello');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 10,
      cachedContentTokenCount: 4,
      candidatesTokenCount: 2,
      thoughtsTokenCount: 10,
      totalTokenCount: 22,
    });
    expect(sim.requests[0].model).toBe('gemini-test');
    expect(sim.requests[0].headers['x-goog-api-key']).toBe('g-good');
  });

  it('streams over alt=sse with running usage whose last value is final', async () => {
    sim.enqueueReply({ text: 'a b c d', usage: { input: 3, output: 8 } });
    const stream = await createClient('g-good').models.generateContentStream({
      model: 'gemini-test',
      contents: 'hi',
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe('a b c d');
    expect(chunks.map((chunk) => chunk.usageMetadata?.candidatesTokenCount)).toEqual([2, 4, 6, 8]);
    expect(chunks.at(-1)?.candidates?.[0].finishReason).toBe('STOP');
    expect(sim.requests[0].query.get('alt')).toBe('sse');
  });

  it('returns a function call with parsed arguments', async () => {
    sim.enqueueReply({ toolCalls: [{ name: 'weather', arguments: { location: 'Rome' } }] });
    const response = await createClient('g-good').models.generateContent({
      model: 'gemini-test',
      contents: 'hi',
    });
    expect(response.functionCalls?.[0]).toMatchObject({ name: 'weather', args: { location: 'Rome' } });
  });

  it('answers a wrong key with 400 API_KEY_INVALID as Gemini does', async () => {
    const error = await createClient('g-bad')
      .models.generateContent({ model: 'gemini-test', contents: 'hi' })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.message).toContain('API_KEY_INVALID');
  });

  it('renders a scripted 429 as RESOURCE_EXHAUSTED', async () => {
    sim.enqueueReply({ fault: { status: 429, retryAfterSeconds: 5 } });
    const error = await createClient('g-good')
      .models.generateContent({ model: 'gemini-test', contents: 'hi' })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.message).toContain('RESOURCE_EXHAUSTED');
  });

  it('lists models under models/', async () => {
    const response = await fetch(`${sim.url}/v1beta/models?key=g-good`);
    const body = (await response.json()) as { models: { name: string }[] };
    expect(body.models[0].name).toBe('models/gpt-4o-mini');
  });
});
